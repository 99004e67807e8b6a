"""The importers' entry points: read a file (regular files only, within the size limit),
decode it, pick the importer that fits its content, parse, and assemble a `Transcript` with
its import report. Every failure is one `TranscriptImportError` naming the file.

Import these from `desktop.core.importers`.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from pathlib import Path

from desktop.core.errors import ImportProblem, TranscriptImportError
from desktop.core.importers import (
    own_exports,
    registry,  # read at call time, so tests can patch it
)
from desktop.core.importers.base import Importer, Parsed, SourceDocument
from desktop.core.importers.bounded_read import read_regular
from desktop.core.importers.decoding import UndecodableError, decode
from desktop.core.importers.doubts import doubts
from desktop.core.importers.gc_pause import collector_paused
from desktop.core.model import ImportReport, Source, Transcript

__all__ = [
    "Importer",
    "SourceDocument",
    "detect",
    "import_bytes",
    "import_file",
    "read_document",
]

#: Distinct `Label:` line heads a text may have. Speaker labels cost a parse each (~0.3 ms:
#: name rules, aliases, roles), so 10^6 of them in a 37 MB file took minutes; real records
#: (a day of a parliament, a long hearing) have a few hundred. Counted with one regex pass.
MAX_LABELS = 5_000
_LABEL_HEAD = re.compile(r"^[ \t*_]*([^\W\d][^:：\n]{0,59}?)[ \t*_]*[:：](?=[ \t]|$)", re.MULTILINE)
#: Lines that may hold a `_LABEL_HEAD`: after a newline (a literal first character lets the
#: regex engine jump from line to line instead of trying `^` at every character), a letter,
#: then up to the line's first colon without backtracking. Every line `_LABEL_HEAD` matches is
#: one of these (its label and the marks after it hold no colon), and only these are matched
#: with it: 20 MB of subtitles took 0.4 s with `_LABEL_HEAD` alone, now 0.06 s.
_MAY_HEAD = re.compile(r"\n[ \t*_]*[^\W\d][^:：\n]*+[:：](?=[ \t]|$)", re.MULTILINE)

_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"ID3", "an MP3 audio file"),
    (b"OggS", "an Ogg audio file"),
    (b"RIFF", "a RIFF audio or video file"),
    (b"\xd0\xcf\x11\xe0", "a legacy Office document (.doc)"),
    (b"SQLite format 3", "an SQLite database"),
    (b"{\\rtf", "an RTF document (save it as .docx or .txt)"),
)


def read_document(path: str | Path, data: bytes, *, encoding: str | None = None) -> SourceDocument:
    """Hash and decode bytes once; `text` is None when they are not text."""
    path = Path(path)
    digest = hashlib.sha256(data).hexdigest()
    text: str | None
    label: str
    repairs: tuple[str, ...] = ()
    if encoding is None and (_binary_kind(data) is not None or _raw_binary(data)):
        text, label = None, "binary"  # decided on raw bytes: random data is never decoded
    else:
        try:
            decoded = decode(data, encoding)
        except UndecodableError:
            if encoding is not None:
                raise
            text, label = None, "binary"
        else:
            text, label, repairs = decoded.text, decoded.encoding, decoded.repairs
            if encoding is None and _looks_binary(text):
                text, label, repairs = None, "binary", ()
    return SourceDocument(path, data, digest, text, label, repairs)


def detect(doc: SourceDocument) -> list[tuple[Importer, float]]:
    """Importers that can read the document, best first (score > 0)."""
    scored = []
    for order, importer in enumerate(registry.available_importers()):
        score = _safe_score(importer, doc)
        if score > 0:
            scored.append((score, -order, importer))
    scored.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [(importer, score) for score, _, importer in scored]


def _safe_score(importer: Importer, doc: SourceDocument) -> float:
    try:
        return importer.score(doc)
    except Exception:  # a scorer tripping on hostile input (JSON nested
        return 0.0  # too deep, an odd zip) must not stop the others or the import


def import_file(
    path: str | Path, *, format: str | None = None, encoding: str | None = None
) -> Transcript:
    """Read and parse a transcript file.

    Raises TranscriptImportError (and nothing else) for any file that cannot be used. Only
    regular files are read, and never more than MAX_BYTES of them (see `bounded_read`): a
    named pipe, a device or a link to one is refused at once.
    """
    path = Path(path)
    data = read_regular(path, registry.MAX_BYTES).data
    return import_bytes(data, path, format=format, encoding=encoding)


def import_bytes(
    data: bytes, path: str | Path, *, format: str | None = None, encoding: str | None = None
) -> Transcript:
    """Parse transcript bytes that came from `path` (used for the report and errors only)."""
    with collector_paused():
        return _import_bytes(data, path, format=format, encoding=encoding)


def _import_bytes(
    data: bytes, path: str | Path, *, format: str | None, encoding: str | None
) -> Transcript:
    path = Path(path)
    if len(data) > registry.MAX_BYTES:
        raise TranscriptImportError(
            path, ImportProblem.TOO_LARGE, f"is over the {registry.MAX_BYTES / 1e6:.0f} MB limit"
        )
    if not data.strip():
        raise TranscriptImportError(path, ImportProblem.EMPTY, "is empty")
    if format is None and own_exports.is_own_export(data):
        raise TranscriptImportError(path, ImportProblem.OWN_EXPORT, own_exports.REASON)
    try:
        doc = read_document(path, data, encoding=encoding)
    except UndecodableError as exc:
        raise TranscriptImportError(path, ImportProblem.ENCODING, str(exc)) from None
    if doc.text is not None and not doc.text.strip():
        raise TranscriptImportError(path, ImportProblem.EMPTY, "has no text")
    if doc.text is not None:
        _check_label_count(doc)
    candidates = detect(doc) if format is None else []
    importer = _choose(doc, format, candidates)
    try:
        parsed = importer.parse(doc)
    except TranscriptImportError:
        raise
    except RecursionError:
        raise TranscriptImportError(
            path, ImportProblem.MALFORMED, f"is nested too deeply to read as {importer.label}"
        ) from None
    except MemoryError:
        raise TranscriptImportError(
            path, ImportProblem.TOO_LARGE, "needs more memory to read than is available"
        ) from None
    except Exception as exc:  # the parser met input it did not expect
        # Report, never crash: one sentence naming the file, whatever the parser raised.
        detail = str(exc) or exc.__class__.__name__
        raise TranscriptImportError(
            path, ImportProblem.MALFORMED, f"is not a valid {importer.label} file ({detail})"
        ) from None
    if not parsed.turns:
        raise TranscriptImportError(
            path, ImportProblem.NO_TRANSCRIPT, f"has no transcript text ({importer.label})"
        )
    parsed.warnings.extend(doubts(doc, importer, parsed, candidates))
    return _assemble(doc, importer, parsed)


def _check_label_count(doc: SourceDocument) -> None:
    """Refuse a text with more distinct label heads than MAX_LABELS, before any importer
    parses them (see MAX_LABELS)."""
    assert doc.text is not None
    text = doc.text
    heads: set[str] = set()
    starts = itertools.chain([0], (line.start() + 1 for line in _MAY_HEAD.finditer(text)))
    for start in starts:
        match = _LABEL_HEAD.match(text, start)
        if match is None:
            continue
        heads.add(match.group(1).casefold())
        if len(heads) > MAX_LABELS:
            raise TranscriptImportError(
                doc.path,
                ImportProblem.NO_TRANSCRIPT,
                f"has more than {MAX_LABELS:,} different speaker labels; a transcript has a "
                "few hundred at most",
            )


def _choose(
    doc: SourceDocument, format: str | None, candidates: list[tuple[Importer, float]]
) -> Importer:
    """The importer `format` names, else the best of the `candidates` (`detect(doc)`)."""
    if format is not None:
        importer = registry.importer_for(format)
        if importer is None:
            raise TranscriptImportError(
                doc.path, ImportProblem.UNKNOWN_FORMAT, f"unknown format {format!r}"
            )
        if doc.text is None and _safe_score(importer, doc) <= 0:
            # Forcing a text shape on bytes that are not text: nothing to parse.
            kind = _binary_kind(doc.data) or "a binary file"
            raise TranscriptImportError(
                doc.path, ImportProblem.BINARY, f"is {kind}, not {importer.label}"
            )
        return importer
    if candidates:
        return candidates[0][0]
    if doc.text is None:
        kind = _binary_kind(doc.data) or "a binary file"
        raise TranscriptImportError(
            doc.path, ImportProblem.BINARY, f"is {kind}, not a transcript"
        )
    raise TranscriptImportError(
        doc.path, ImportProblem.NO_TRANSCRIPT, "does not look like a transcript"
    )


def _assemble(doc: SourceDocument, importer: Importer, parsed: Parsed) -> Transcript:
    source = Source(
        path=str(doc.path),
        sha256=doc.sha256,
        format=importer.format,
        encoding=doc.encoding,
        size=len(doc.data),
    )
    report = ImportReport(
        removed=tuple(parsed.removed),
        repaired=tuple(doc.repairs) + tuple(parsed.repaired),
        warnings=tuple(parsed.warnings),
    )
    return Transcript(
        source=source,
        metadata=parsed.metadata,
        speakers=tuple(parsed.speakers),
        sections=tuple(parsed.sections),
        turns=tuple(parsed.turns),
        report=report,
    )


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _BINARY_MAGIC:
        if data.startswith(magic):
            return kind
    return None


#: Bytes that never occur in text in a single-byte encoding or UTF-8 (tab, LF, VT, FF, CR and
#: ESC aside). Text in UTF-16/32 has NULs, and is recognised by its BOM or NUL pattern first.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27)) + b"\x7f"


def _raw_binary(data: bytes, sample: int = 8192) -> bool:
    """Control bytes in more than 5% of the head, middle or tail: not text, before any
    decoding (10 MB of random bytes used to be decoded and repaired for 25 s first)."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) or _utf16_pattern(data):
        return False
    middle = max(0, len(data) // 2 - sample // 2)
    for start in {0, middle, max(0, len(data) - sample)}:
        window = data[start : start + sample]
        if window and len(window) - len(window.translate(None, _CONTROL_BYTES)) > len(window) // 20:
            return True
    return False


def _utf16_pattern(data: bytes) -> bool:
    """Most even or odd bytes of the head are NUL: UTF-16 (or UTF-32) text without a BOM."""
    head = data[:4096]
    half = len(head) // 2
    return half > 1 and max(head[0::2].count(0), head[1::2].count(0)) > 0.7 * half


def _looks_binary(text: str, sample: int = 8192) -> bool:
    """Control characters other than tab/newline in more than 5% of a sample."""
    head = text[:sample]
    if not head:
        return False
    controls = sum(1 for ch in head if ord(ch) < 32 and ch not in "\t\n\f\v")
    return controls / len(head) > 0.05
