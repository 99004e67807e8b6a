"""Word documents (.docx), read with python-docx.

Two shapes: a table with time, speaker and text columns (each row a speaker's words), or
ordinary paragraphs with speaker labels. Paragraphs are turned back into text and handed to
whichever text importer the registry finds best for them, so a DOCX of `NAME: text`
paragraphs parses exactly like the same words in a .txt file.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, replace
from typing import Any

from desktop.core.errors import ImportProblem, TranscriptImportError
from desktop.core.importers.base import Parsed, SourceDocument
from desktop.core.importers.cleanup import find_annotations
from desktop.core.importers.subtitles import language_of, parse_clock, speakers_for
from desktop.core.model import Metadata, Segment, Turn

_HEADERS: dict[str, frozenset[str]] = {
    "time": frozenset(
        ["time", "timestamp", "timecode", "time code", "tc", "start", "start time", "begin", "in"]
    ),
    "speaker": frozenset(["speaker", "name", "who", "person", "speaker name", "participant"]),
    "text": frozenset(
        ["text", "transcript", "transcription", "words", "dialogue", "content", "speech",
         "utterance", "statement", "answer", "what was said"]
    ),
}
_TIMESTAMP = re.compile(r"^\[?\(?(\d{1,2}:)?\d{1,2}:\d{2}([.,]\d{1,3})?\)?\]?$")
#: Share of empty paragraphs above which the author used them as spacing (so one Word
#: paragraph is one line of the text, and empty ones are the blank lines).
_SPACING_SHARE = 0.2


@dataclass(frozen=True, slots=True)
class _Columns:
    text: int
    speaker: int | None
    time: int | None
    header: bool


class DocxImporter:
    """DOCX transcripts: a speaker/time/text table, or speaker-labelled paragraphs."""

    format = "docx"
    label = "Word document (DOCX)"
    extensions = (".docx",)

    def score(self, doc: SourceDocument) -> float:
        if not doc.data.startswith(b"PK\x03\x04"):
            return 0.0
        try:
            with zipfile.ZipFile(io.BytesIO(doc.data)) as archive:
                return 0.98 if "word/document.xml" in archive.namelist() else 0.0
        except NotImplementedError:
            # A zip feature Python cannot read: still ours to refuse in one sentence.
            return 0.98 if b"word/document.xml" in doc.data else 0.0
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            return 0.0

    def parse(self, doc: SourceDocument) -> Parsed:
        document = _open(doc)
        title = (document.core_properties.title or "").strip() or None
        tables = [(rows, columns) for rows in map(_rows, document.tables)
                  if (columns := _columns(rows)) is not None]
        best: tuple[list[list[str]], _Columns] | None = None
        if tables:
            # The longest table decides the layout; tables laid out like it (a transcript
            # split across pages or sections) continue it, in document order.
            _, layout = max(tables, key=lambda table: len(table[0]))
            rows = [row for table_rows, columns in tables if _same_layout(columns, layout)
                    for row in (table_rows[1:] if columns.header else table_rows)]
            best = (rows, replace(layout, header=False))
        paragraphs = _paragraph_texts(document)
        if best is not None and _table_chars(*best) >= sum(len(p.strip()) for p in paragraphs):
            parsed = _parse_table(*best)  # the table is the transcript, paragraphs its frame
        else:
            parsed = _delegate(doc, paragraphs)
        if title and not parsed.metadata.title:
            parsed.metadata = replace(parsed.metadata, title=title)
        return parsed


#: What a DOCX may inflate to, all parts together: the same limit as a file on disk (one
#: size rule for what is held in memory, compressed or not). Without it a 4 MB zip bomb
#: inflated to 2 GB before failing.
MAX_INFLATED = 128_000_000
#: Deflate compresses real Word XML 5-20 times; a part inflating over this ratio (and over a
#: megabyte) is a zip bomb, not a document.
MAX_RATIO = 200


def check_archive(doc: SourceDocument, limit: int = MAX_INFLATED) -> None:
    """Refuse a zip that would inflate past `limit` or a sane ratio, or that Python cannot
    read, before python-docx inflates anything. The declared sizes are checked first, then
    every part is inflated in chunks and counted (a header may lie about its size)."""
    def refuse(reason: str) -> TranscriptImportError:
        return TranscriptImportError(doc.path, ImportProblem.MALFORMED, reason)

    try:
        with zipfile.ZipFile(io.BytesIO(doc.data)) as archive:
            members = archive.infolist()
            declared = sum(member.file_size for member in members)
            if declared > limit:
                raise refuse(f"would inflate to {declared / 1e6:.0f} MB; the limit is "
                             f"{limit / 1e6:.0f} MB (a zip bomb or not a transcript)")
            total = 0
            for member in members:
                ratio = member.file_size / max(1, member.compress_size)
                if member.file_size > 1_000_000 and ratio > MAX_RATIO:
                    raise refuse(f"has a part ({member.filename}) that inflates {ratio:.0f} "
                                 "times (a zip bomb, not a document)")
                with archive.open(member) as stream:
                    while chunk := stream.read(1 << 20):
                        total += len(chunk)
                        if total > limit:
                            raise refuse(f"inflates past the {limit / 1e6:.0f} MB limit")
    except NotImplementedError as exc:
        raise refuse(f"uses a zip feature that cannot be read ({exc}); save it again in "
                     "Word or LibreOffice") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise refuse(f"is not a readable Word document ({exc})") from None


def _open(doc: SourceDocument) -> Any:
    import docx  # python-docx: imported here so the other importers load without it

    check_archive(doc)
    try:
        return docx.Document(io.BytesIO(doc.data))
    except Exception as exc:  # python-docx raises zip, XML and package errors of many kinds
        raise TranscriptImportError(
            doc.path, ImportProblem.MALFORMED, f"is not a readable Word document ({exc})"
        ) from None


# --- tables -----------------------------------------------------------------------------------


def _rows(table: Any) -> list[list[str]]:
    """Cell texts per row; a merged cell spanning columns counts once."""
    rows: list[list[str]] = []
    for row in table.rows:
        cells: list[str] = []
        seen: list[Any] = []
        for cell in row.cells:
            if any(cell._tc is other for other in seen):
                continue
            seen.append(cell._tc)
            paragraphs = [" ".join(paragraph_text(p).split()) for p in cell.paragraphs]
            cells.append("\n\n".join(p for p in paragraphs if p))
        rows.append(cells)
    return rows


def _columns(rows: list[list[str]]) -> _Columns | None:
    """Which columns hold the time, the speaker and the words (by header, else by content)."""
    if len(rows) < 2 or max(len(r) for r in rows) < 2:
        return None
    header = [" ".join(cell.lower().strip(" :").split()) for cell in rows[0]]
    found = {kind: next((i for i, h in enumerate(header) if h in names), None)
             for kind, names in _HEADERS.items()}
    text_column = found["text"]
    if text_column is not None and (found["speaker"] is not None or found["time"] is not None):
        if sum(1 for row in rows[1:] if text_column < len(row) and row[text_column]) < 1:
            return None
        return _Columns(text_column, found["speaker"], found["time"], header=True)
    width = min(len(r) for r in rows)
    if width < 2:
        return None

    def values(column: int) -> list[str]:
        return [row[column] for row in rows if row[column]]

    time = next(
        (c for c in range(width)
         if values(c) and sum(bool(_TIMESTAMP.match(v)) for v in values(c)) * 5
         >= len(values(c)) * 4),
        None,
    )
    others = [c for c in range(width) if c != time]
    if not others:
        return None
    text = max(others, key=lambda c: sum(len(v) for v in values(c)) / max(1, len(values(c))))
    speaker = None
    for column in others:
        names = values(column)
        if column == text or not names:
            continue
        short = sum(len(v) <= 40 and len(v.split()) <= 5 for v in names) * 5 >= len(names) * 4
        if short and len(set(names)) <= max(10, len(names) // 2):
            speaker = column
            break
    if (speaker is None and time is None) or len(values(text)) < 2:
        return None
    return _Columns(text, speaker, time, header=False)


def _same_layout(a: _Columns, b: _Columns) -> bool:
    return (a.text, a.speaker, a.time) == (b.text, b.speaker, b.time)


def _table_chars(rows: list[list[str]], columns: _Columns) -> int:
    body = rows[1:] if columns.header else rows
    return sum(len(row[columns.text]) for row in body if columns.text < len(row))


def _parse_table(rows: list[list[str]], columns: _Columns) -> Parsed:
    body = rows[1:] if columns.header else rows
    entries: list[tuple[str | None, str, float | None]] = []
    skipped = 0
    for row in body:
        text = row[columns.text] if columns.text < len(row) else ""
        if not text:
            skipped += 1
            continue
        label = None
        if columns.speaker is not None and columns.speaker < len(row):
            label = row[columns.speaker].strip(" :") or None
            if label is None and entries:
                label = entries[-1][0]  # an empty speaker cell: the same speaker goes on
        start = None
        if columns.time is not None and columns.time < len(row):
            try:
                start = parse_clock(row[columns.time].strip("[]() "))
            except ValueError:
                start = None
        entries.append((label, text, start))
    speakers = speakers_for(label for label, _, _ in entries)
    ids = {s.name: s.id for s in speakers}
    turns: list[Turn] = []
    for index, (label, text, start) in enumerate(entries):
        following = entries[index + 1][2] if index + 1 < len(entries) else None
        segment = (Segment(start, following if following is not None and following >= start
                           else start, text),) if start is not None else ()
        speaker = ids.get(label) if label else None
        if turns and speaker is not None and turns[-1].speaker == speaker:
            previous = turns[-1]  # consecutive rows of one speaker: one turn, one paragraph each
            turns[-1] = replace(previous, text=previous.text + "\n\n" + text,
                                segments=previous.segments + segment)
        else:
            turns.append(Turn(speaker, text, start, segments=segment))
    turns = [replace(turn, annotations=find_annotations(turn.text)) for turn in turns]
    removed = [f"{skipped} table rows without text"] if skipped else []
    return Parsed(turns=turns, speakers=speakers, removed=removed,
                  metadata=Metadata(language=language_of(turns)))


# --- paragraphs -------------------------------------------------------------------------------


def _paragraph_texts(document: Any) -> list[str]:
    """The document's paragraphs as text, in order (tables are not part of it)."""
    return [paragraph_text(paragraph) for paragraph in document.paragraphs]


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: Word's special run elements and the characters they stand for (a non-breaking hyphen is
#: its own element, not text: reading only `w:t` turns `twenty‑two` into `twentytwo`).
_BREAKS = {
    f"{_W}tab": "\t",
    f"{_W}br": "\n",
    f"{_W}cr": "\n",
    f"{_W}noBreakHyphen": "\u2011",
    f"{_W}softHyphen": "\u00ad",
}


def paragraph_text(paragraph: Any) -> str:
    """A paragraph's words as Word shows them with changes accepted.

    Read from the XML because python-docx's `Paragraph.text` skips runs inside tracked
    insertions (`w:ins`), content controls and smart tags, which would lose words.
    """
    parts: list[str] = []
    for node in paragraph._p.iter(f"{_W}t", *_BREAKS):
        if any(ancestor.tag == f"{_W}del" for ancestor in node.iterancestors()):
            continue  # deleted text is not part of the document
        parts.append(_BREAKS.get(node.tag) or node.text or "")
    return "".join(parts)


def _delegate(doc: SourceDocument, paragraphs: list[str]) -> Parsed:
    """Parse the paragraphs with the text importer that fits them best."""
    from desktop.core.importers import detect  # the registry imports this module lazily

    lines = [p.replace("\r", "\n").rstrip() for p in paragraphs]
    filled = [line for line in lines if line.strip()]
    if not filled:
        return Parsed(turns=[])
    as_lines = "\n".join(lines).strip("\n") + "\n"
    as_paragraphs = "\n\n".join(filled) + "\n"
    empty_share = 1 - len(filled) / len(lines)
    candidates = [as_lines, as_paragraphs] if empty_share >= _SPACING_SHARE else [
        as_paragraphs, as_lines]
    best: tuple[float, SourceDocument, Any] | None = None
    for text in candidates:
        synthetic = SourceDocument(doc.path, text.encode("utf-8"), doc.sha256, text, "utf-8")
        for importer, score in detect(synthetic):
            if importer.format == DocxImporter.format:
                continue
            if best is None or score > best[0]:
                best = (score, synthetic, importer)
            break
    if best is None:
        return Parsed(turns=[])
    _, synthetic, importer = best
    parsed: Parsed = importer.parse(synthetic)
    return parsed


IMPORTERS = (DocxImporter(),)
