"""What every exporter works from: verified quotes with their citations and provenance.

`prepare()` re-verifies every quote against its source first (an invented or edited quote, or
one whose source changed, stops the export with `QuotesNotVerifiedError`), then computes the
citations once, so each format module only lays out ready values. `write_atomically()` puts
the bytes in place with a temp file in the same folder and `os.replace`.
"""

from __future__ import annotations

import dataclasses
import os
import stat
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from desktop import appinfo
from desktop.core.citations import (
    Citation,
    CitationRecord,
    CiteOptions,
    Styled,
    cite_all,
    get_style,
    record_from_transcript,
)
from desktop.core.citations.base import speaker_of
from desktop.core.errors import FileError
from desktop.core.model import Transcript
from desktop.core.quotes import Quote, ensure_verified, locator_for
from desktop.core.redaction import Redaction, redact_record, redact_value


class ExportWriteError(FileError):
    """The export file could not be written (folder missing rights, disk full…)."""


@dataclass(frozen=True, slots=True)
class ExportItem:
    """One quote to export, with the user's note and tags from the board."""

    quote: Quote
    note: str = ""
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """Provenance of one transcript: file name, full path and the SHA-256 of its bytes."""

    path: str
    name: str
    sha256: str
    title: str
    record: CitationRecord


@dataclass(frozen=True, slots=True)
class Entry:
    """One verified quote, ready to lay out."""

    number: int
    item: ExportItem
    source: SourceInfo
    citation: Citation
    #: Where in the source: "para. 7" or "3:15".
    locator: str
    #: The speaker's name and role ("Antony Blinken (interviewee)"), or "".
    speaker: str
    #: The quoted words in the style's marks, elisions shown with the style's ellipsis.
    words: str
    #: The first quote exported from its source (Chicago: full note, later ones short).
    first_of_source: bool = True

    @property
    def cite_line(self) -> Styled:
        """The citation shown under a quote: the note (Chicago notes; the short note after
        the first from a source), else the in-text citation, else the attribution (AP)."""
        if self.citation.note:
            if not self.first_of_source and self.citation.short_note:
                return self.citation.short_note
            return self.citation.note
        return self.citation.in_text or self.citation.attribution


@dataclass(frozen=True, slots=True)
class ExportDocument:
    entries: tuple[Entry, ...]
    sources: tuple[SourceInfo, ...]
    style: str
    style_label: str
    app: str
    version: str
    exported_at: str
    #: Rules of the redaction applied on the way out (0: none).
    redacted: int = 0

    @property
    def references(self) -> list[Styled]:
        """One reference per source, in order of first use (empty for AP)."""
        seen: dict[str, Styled] = {}
        for entry in self.entries:
            if entry.source.path not in seen and entry.citation.reference:
                seen[entry.source.path] = entry.citation.reference
        return list(seen.values())

    def provenance_lines(self) -> list[str]:
        lines = [f"Exported by {self.app} {self.version} on {self.exported_at}."]
        lines.append(f"Citation style: {self.style_label}.")
        if self.redacted:
            lines.append(f"Redacted on export ({self.redacted} rule(s)); the sources are "
                         "unchanged and the quotes' words differ from them only there.")
        for source in self.sources:
            lines.append(f"Source: {source.name} (SHA-256 {source.sha256})")
        return lines


class Exporter(Protocol):
    """One output format."""

    format: str
    label: str
    extension: str
    #: "quotes" (prose with provenance) or "references" (for reference managers).
    kind: str

    def render(self, document: ExportDocument) -> bytes: ...


@dataclass(frozen=True, slots=True)
class ExportRequest:
    items: Sequence[ExportItem]
    sources: Mapping[str, Transcript]
    #: Citation details per source path; missing ones are inferred from the transcript.
    records: Mapping[str, CitationRecord] = field(default_factory=dict)
    style: str = "apa"
    options: CiteOptions = field(default_factory=CiteOptions)
    #: Fixed in tests; now (UTC) otherwise.
    exported_at: datetime | None = None
    #: Names, phrases and patterns taken out of everything written (sources stay unchanged).
    redaction: Redaction | None = None


def _speaker_label(transcript: Transcript, quote: Quote, record: CitationRecord) -> str:
    """Who said the words, as the citation names them ("Antony J. Blinken (interviewee)");
    the transcript's label when it names nobody ("Q (interviewer)")."""
    speaker = transcript.speaker_of(quote.turn) if quote.turn < len(transcript.turns) else None
    if speaker is None:
        return quote.speaker or ""
    person = speaker_of(record, quote.quoted())
    name = person.full if person is not None else speaker.name
    role = str(speaker.role) if speaker.role.value != "unknown" else ""
    return f"{name} ({role})" if role else name


def prepare(request: ExportRequest) -> ExportDocument:
    """Verify every quote, then compute citations and provenance; with a redaction, the
    citation details are redacted before citations are made and every string of the
    document after (the one place every export format's text comes from)."""
    ensure_verified([item.quote for item in request.items], request.sources)
    style = get_style(request.style)
    infos: dict[str, SourceInfo] = {}
    items: list[ExportItem] = []
    for item in request.items:
        path = item.quote.source_path
        transcript = request.sources[path]
        if path not in infos:
            record = request.records.get(path) or record_from_transcript(transcript)
            if request.redaction:
                record = redact_record(record, request.redaction)
            infos[path] = SourceInfo(
                path=path,
                name=Path(path.replace("\\", "/")).name,
                sha256=transcript.source.sha256,
                title=transcript.title,
                record=record,
            )
        # the anchor is verified; the locator is computed afresh (paragraphs may have moved)
        quote = dataclasses.replace(
            item.quote, locator=locator_for(transcript, item.quote.turn, item.quote.start)
        )
        items.append(dataclasses.replace(item, quote=quote))
    # the run's rules (AP first references per person, Chicago short notes, IEEE numbers)
    # are the same as for copy with citation; the word processor numbers notes
    citations = cite_all(
        request.style,
        [(item.quote.source_path, item.quote.quoted()) for item in items],
        {path: info.record for path, info in infos.items()},
        request.options,
        number_notes=False,
    )
    entries: list[Entry] = []
    seen: set[str] = set()
    for number, (item, citation) in enumerate(zip(items, citations, strict=True), start=1):
        path = item.quote.source_path
        entries.append(
            Entry(
                number=number,
                item=item,
                source=infos[path],
                citation=citation,
                locator=item.quote.locator.text if item.quote.locator else "",
                speaker=_speaker_label(request.sources[path], item.quote, infos[path].record),
                words=citation.quote.plain,
                first_of_source=path not in seen,
            )
        )
        seen.add(path)
    when = request.exported_at or datetime.now(UTC)
    document = ExportDocument(
        entries=tuple(entries),
        sources=tuple(infos.values()),
        style=style.id,
        style_label=style.label,
        app=appinfo.APP_NAME,
        version=appinfo.VERSION,
        exported_at=when.isoformat(timespec="seconds"),
    )
    if not request.redaction:
        return document
    redacted = redact_value(document, request.redaction)
    return dataclasses.replace(redacted, redacted=len(request.redaction.rules))


def _mode_for(target: Path) -> int:
    """The permission bits the written file should have: those of the file it replaces, else
    0666 less the process umask (what `open()` would give a new file)."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process umask: read from /proc where it can be (setting it to read it back, the
    only portable way, races with other threads creating files)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


def write_atomically(path: str | Path, data: bytes) -> Path:
    """Write `data` to `path` so that readers see the old file or the new one, never half.

    A symbolic link is followed: the file it points at is replaced, the link stays a link.
    """
    target = Path(path)
    if target.is_symlink():
        try:
            target = target.resolve(strict=False)
        except (OSError, RuntimeError) as exc:  # a link loop
            raise ExportWriteError(target, "is a symbolic link loop") from exc
    mode = _mode_for(target)
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise ExportWriteError(target, exc.strerror or "cannot write here") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            # mkstemp makes the file 0600; a file saved for colleagues gets the mode any new
            # file gets here (0666 less the umask), or keeps the mode of the file it replaces
            if hasattr(os, "fchmod"):  # POSIX; Windows files have no such bits
                os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise ExportWriteError(target, exc.strerror or "cannot write here") from exc
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return target
