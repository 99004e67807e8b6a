"""Importers: one module per source shape, chosen by content, behind one entry point.

Callers use `import_file` / `import_bytes` and never name an importer; adding a shape means
adding a module to `_IMPORTER_MODULES`, nothing else.

Size limit: files over `MAX_BYTES` (128 MB) are refused before they are read. An import holds
the bytes, the decoded text and the parsed turns at once: measured peak memory is about 4x the
file for speaker-labelled text (100 MB -> 416 MB) and about 10x for subtitles, whose many
small cues cost more as objects than as text (`python benchmarks/import_bench.py`). 128 MB
keeps a text import under ~600 MB on an ordinary laptop and is still more than 50x the largest
real transcripts (a day of Whisper SRT or a 10-hour verbatim transcript is 1-3 MB).
"""

from __future__ import annotations

import hashlib
import importlib
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from desktop.core.errors import ImportProblem, TranscriptImportError
from desktop.core.importers import own_exports
from desktop.core.importers.base import Importer, Parsed, SourceDocument
from desktop.core.importers.bounded_read import read_regular
from desktop.core.importers.decoding import UndecodableError, decode
from desktop.core.importers.doubts import doubts
from desktop.core.model import ImportReport, Source, Transcript

__all__ = [
    "MAX_BYTES",
    "Importer",
    "SourceDocument",
    "available_importers",
    "detect",
    "import_bytes",
    "import_file",
    "read_document",
]

#: Files larger than this are refused before reading (why 128 MB: see the module docstring).
MAX_BYTES = 128_000_000

#: Distinct `Label:` line heads a text may have. Speaker labels cost a parse each (~0.3 ms:
#: name rules, aliases, roles), so 10^6 of them in a 37 MB file took minutes; real records
#: (a day of a parliament, a long hearing) have a few hundred. Counted with one regex pass.
MAX_LABELS = 5_000
_LABEL_HEAD = re.compile(r"^[ \t*_]*([^\W\d][^:：\n]{0,59}?)[ \t*_]*[:：](?=[ \t]|$)", re.MULTILINE)

#: Modules that provide `IMPORTERS: tuple[Importer, ...]`, in tie-break order.
_IMPORTER_MODULES: tuple[str, ...] = (
    "desktop.core.importers.subtitles",
    "desktop.core.importers.whisper",
    "desktop.core.importers.otr",
    "desktop.core.importers.docx_import",
    "desktop.core.importers.markdown",
    "desktop.core.importers.otter",
    "desktop.core.importers.news",
    "desktop.core.importers.labelled",
    "desktop.core.importers.qa_board",
    "desktop.core.importers.youtube",
    "desktop.core.importers.plain",
)

#: Each registered format's label (its importer's `label`), so a window can name the shape of
#: the file it shows without importing every importer module (~60 ms of a launch, most of it
#: regexes compiled at import). `tests/core/test_format_labels.py` keeps it equal to the
#: importers' own labels.
FORMAT_LABELS: dict[str, str] = {
    "srt": "SRT subtitles",
    "webvtt": "WebVTT captions",
    "whisper-json": "Whisper JSON",
    "whisper-tsv": "Whisper TSV",
    "whisper-txt": "Whisper TXT (one segment a line)",
    "otr": "oTranscribe (.otr)",
    "docx": "Word document (DOCX)",
    "markdown": "Markdown transcript",
    "otter": "Otter / Descript text export",
    "news-scrape": "News-site interview",
    "labelled": "Speaker-labelled text",
    "captions": "Live captions (>> speaker changes)",
    "qa-board": "Q/A board (asker, question, answer)",
    "youtube-transcript": "YouTube transcript (copied from the panel)",
    "plain": "Plain text",
}

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


@cache
def available_importers() -> tuple[Importer, ...]:
    """Every registered importer, in registry order."""
    found: list[Importer] = []
    for name in _IMPORTER_MODULES:
        module = importlib.import_module(name)
        found.extend(module.IMPORTERS)
    return tuple(found)


def importer_for(format_id: str) -> Importer | None:
    """The importer with this format id, or None."""
    for importer in available_importers():
        if importer.format == format_id:
            return importer
    return None


def format_label(format_id: str) -> str:
    """The label of a format id ("News-site interview"); the id itself when unknown."""
    return FORMAT_LABELS.get(format_id, format_id)


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
    for order, importer in enumerate(available_importers()):
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
    data = read_regular(path, MAX_BYTES).data
    return import_bytes(data, path, format=format, encoding=encoding)


def import_bytes(
    data: bytes, path: str | Path, *, format: str | None = None, encoding: str | None = None
) -> Transcript:
    """Parse transcript bytes that came from `path` (used for the report and errors only)."""
    path = Path(path)
    if len(data) > MAX_BYTES:
        raise TranscriptImportError(
            path, ImportProblem.TOO_LARGE, f"is over the {MAX_BYTES / 1e6:.0f} MB limit"
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
    importer = _choose(doc, format)
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
    parsed.warnings.extend(doubts(doc, importer, parsed, detect(doc) if format is None else ()))
    return _assemble(doc, importer, parsed)


def _check_label_count(doc: SourceDocument) -> None:
    """Refuse a text with more distinct label heads than MAX_LABELS, before any importer
    parses them (see MAX_LABELS)."""
    assert doc.text is not None
    heads: set[str] = set()
    for match in _LABEL_HEAD.finditer(doc.text):
        heads.add(match.group(1).casefold())
        if len(heads) > MAX_LABELS:
            raise TranscriptImportError(
                doc.path,
                ImportProblem.NO_TRANSCRIPT,
                f"has more than {MAX_LABELS:,} different speaker labels; a transcript has a "
                "few hundred at most",
            )


def _choose(doc: SourceDocument, format: str | None) -> Importer:
    if format is not None:
        importer = importer_for(format)
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
    candidates = detect(doc)
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


def format_labels(importers: Sequence[Importer] | None = None) -> list[tuple[str, str]]:
    """(format id, label) pairs for menus ("reopen as")."""
    return [(i.format, i.label) for i in (importers or available_importers())]
