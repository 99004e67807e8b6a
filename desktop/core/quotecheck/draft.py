"""Quoted passages in an article draft (text, Markdown or DOCX), with who they are given to.

Quotation marks a draft may use: “…” (and „…“), "…", «…», and ‘…’ when not inside another
quote (British style; inside a double quote it is the inner quote and stays part of it).
Markdown `>` block quotes and DOCX paragraphs in a Quote style are block quotes. A closing
single mark followed by a letter is an apostrophe ("don’t"), not the end of a quote.

Attribution is read from the same paragraph: "NAME said" / "said NAME" (and told, added,
asked, …) right after the quote, "according to NAME" on either side, "NAME said:" or
"NAME:" right before it, or a "NAME, outlet:" label line before the paragraph it opens (a Q&A
page); for a block quote, the end of the paragraph before it. Pronouns
("he said") name nobody: the quote is checked against everyone.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

from desktop.core.errors import FileError

#: Drafts larger than this are refused (a long feature is well under a megabyte).
MAX_DRAFT_BYTES = 16_000_000
#: Shorter quoted phrases are usually titles, terms or scare quotes, not quotations.
MIN_WORDS = 3


class DraftError(FileError):
    """A draft that cannot be read; `reason` follows the file name."""


@dataclass(frozen=True, slots=True)
class DraftQuote:
    """A quoted passage: `text` without its quotation marks; `start`/`end` are offsets of the
    quoted words in the draft text; `speaker` is the name it is attributed to, if any."""

    text: str
    speaker: str | None
    start: int
    end: int
    block: bool = False


# -- reading --------------------------------------------------------------------------------


def read_draft(path: str | Path) -> str:
    """The draft as plain text: DOCX paragraphs one per line (Quote-style ones as `> `
    lines), text and Markdown decoded as transcripts are. Raises DraftError."""
    file = Path(path)
    try:
        if not file.exists():
            raise DraftError(file, "not found")
        if file.is_dir():
            raise DraftError(file, "is a folder, not a draft")
        if not file.is_file():
            raise DraftError(file, "is not a regular file")
        if file.stat().st_size > MAX_DRAFT_BYTES:
            raise DraftError(file, f"is larger than {MAX_DRAFT_BYTES // 1_000_000} MB")
        data = file.read_bytes()
    except OSError as exc:
        raise DraftError(file, f"cannot be read ({exc.strerror or exc.__class__.__name__})") \
            from None
    if not data.strip():
        raise DraftError(file, "is empty")
    if data[:4] == b"PK\x03\x04":
        return _docx_text(file, data)
    from desktop.core.importers import read_document
    from desktop.core.importers.decoding import UndecodableError

    try:
        text = read_document(file, data).text  # the importers' decoding and binary sniffing
    except UndecodableError:
        text = None
    if text is None:
        raise DraftError(file, "is not text, Markdown or DOCX")
    return text


def _docx_text(file: Path, data: bytes) -> str:
    import zipfile

    import docx  # python-docx

    from desktop.core.importers.docx_import import paragraph_text

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise DraftError(file, f"is not a readable DOCX ({exc.__class__.__name__})") from None
    except Exception as exc:  # python-docx raises XML and package errors of many kinds
        raise DraftError(file, f"is not a readable DOCX ({exc.__class__.__name__})") from None
    lines: list[str] = []
    for paragraph in document.paragraphs:
        text = paragraph_text(paragraph)
        style = getattr(getattr(paragraph, "style", None), "name", "") or ""
        lines.append(f"> {text}" if "quote" in style.lower() and text.strip() else text)
    return "\n\n".join(lines)


# -- finding quotes -------------------------------------------------------------------------

_PAIRS = (
    re.compile(r"“((?:[^“”\n]|\n(?!\s*\n))+)”"),
    re.compile(r"„((?:[^„“”\n]|\n(?!\s*\n))+)[“”]"),
    re.compile(r'"((?:[^"\n]|\n(?!\s*\n))+)"'),
    re.compile(r"«\s*((?:[^«»\n]|\n(?!\s*\n))+?)\s*»"),
)
_SINGLE = re.compile(r"(?<!\w)‘((?:[^‘’\n]|\n(?!\s*\n)|’(?=\w))+)’(?!\w)")
_NAME_WORD = r"[A-Z][\w'’.-]*"
_NAME = rf"({_NAME_WORD}(?:\s+(?:{_NAME_WORD}|of|de|van|von|der|al|bin|da|del|la|le)){{0,4}})"
_VERBS = (r"(?:said|says|told|tells|added|adds|asked|asks|stated|states|explained|explains|"
          r"wrote|writes|replied|replies|noted|notes|insisted|insists|warned|warns|declared|"
          r"declares|argued|argues|continued|continues|recalled|recalls|tweeted|posted)")
_AFTER_NAME_VERB = re.compile(rf"^[\s,.;:!?—–-]*{_NAME}\s+{_VERBS}\b")
_AFTER_VERB_NAME = re.compile(rf"^[\s,.;:!?—–-]*{_VERBS}\s+{_NAME}")
_ACCORDING = re.compile(rf"[Aa]ccording to\s+{_NAME}")
_BEFORE_NAME_VERB = re.compile(rf"{_NAME}\s+{_VERBS}(?:\s+[a-z]+){{0,4}}\s*[,:]?\s*$")
_BEFORE_LABEL = re.compile(rf"^\s*{_NAME}(?:,[^:\n]{{1,60}})?\s*:\s*$")
_NOT_NAMES = frozenset(
    "He She They It We I You This That The These Those There His Her Their Our One Someone "  # noqa: SIM905 (a word list reads better as text)
    "Nobody Everyone A An And But So Then Yet".split()
)


def draft_quotes(text: str, min_words: int = MIN_WORDS) -> list[DraftQuote]:
    """Every quoted passage of at least `min_words` words, in the draft's order."""
    found: list[DraftQuote] = []
    taken: list[tuple[int, int]] = []
    for block_start, block_end, body_start, body in _blocks(text):
        words = _unwrap(body)
        if len(words.split()) >= min_words:
            offset = body_start + body.find(words)
            speaker = _block_speaker(text, block_start, block_end)
            found.append(DraftQuote(words, speaker, offset, max(offset, block_end), block=True))
        taken.append((block_start, block_end))
    spans: list[tuple[int, int, int, int]] = []  # quote mark span, then the words' span
    for pattern in _PAIRS:
        for m in pattern.finditer(text):
            spans.append((m.start(), m.end(), m.start(1), m.end(1)))
    spans.sort()
    outer: list[tuple[int, int, int, int]] = []
    for span in spans:
        if any(a <= span[0] < b for a, b in taken) or any(o[0] < span[0] < o[1] for o in outer):
            continue
        outer.append(span)
    for m in _SINGLE.finditer(text):
        if not any(a <= m.start() < b for a, b in taken) and \
                not any(o[0] < m.start() < o[1] for o in outer):
            outer.append((m.start(), m.end(), m.start(1), m.end(1)))
    outer.sort()
    for mark_start, mark_end, start, end in outer:
        words = text[start:end].strip()
        if len(words.split()) < min_words:
            continue
        start = text.index(words, start)
        speaker = _inline_speaker(text, mark_start, mark_end)
        found.append(DraftQuote(words, speaker, start, start + len(words)))
    found.sort(key=lambda q: q.start)
    return found


def _blocks(text: str) -> list[tuple[int, int, int, str]]:
    """Markdown block quotes: (start, end, first line's text offset, text joined)."""
    blocks: list[tuple[int, int, int, str]] = []
    lines = list(re.finditer(r"^[ \t]{0,3}>[ \t]?(.*)$", text, flags=re.MULTILINE))
    i = 0
    while i < len(lines):
        first = lines[i]
        parts = [first.group(1)]
        end = first.end()
        j = i + 1
        while j < len(lines) and text[end : lines[j].start()] == "\n":
            parts.append(lines[j].group(1))
            end = lines[j].end()
            j += 1
        body = " ".join(p.strip() for p in parts if p.strip())
        blocks.append((first.start(), end, first.start(1), body))
        i = j
    return blocks


def _unwrap(body: str) -> str:
    body = body.strip()
    for opening, closing in (("“", "”"), ('"', '"'), ("«", "»"), ("‘", "’"), ("„", "“")):
        if body.startswith(opening) and body.endswith(closing) and len(body) > 2:
            return body[1:-1].strip()
    return body


def _paragraph(text: str, start: int, end: int) -> tuple[int, int]:
    before = text.rfind("\n\n", 0, start)
    after = text.find("\n\n", end)
    return (0 if before < 0 else before + 2, len(text) if after < 0 else after)


def _name(match: re.Match[str] | None) -> str | None:
    if match is None:
        return None
    name = match.group(1).strip().rstrip(".,")
    if name.split()[0] in _NOT_NAMES:
        return None
    return name


def _inline_speaker(text: str, start: int, end: int) -> str | None:
    """The name a quote between `start` and `end` (its marks included) is attributed to."""
    para_start, para_end = _paragraph(text, start, end)
    after = text[end:para_end]
    after = re.split(r"[“\"«‘]", after, maxsplit=1)[0]  # up to the next quote
    sentence_end = re.search(r"[.!?](?:\s|$)", after)
    after_sentence = after[: sentence_end.end()] if sentence_end else after
    for pattern in (_AFTER_NAME_VERB, _AFTER_VERB_NAME):
        name = _name(pattern.search(after_sentence))
        if name:
            return name
    before = text[para_start:start]
    before = re.split(r"[”\"»’]", before)[-1]  # from the previous quote on
    name = _name(_BEFORE_NAME_VERB.search(before)) or _name(_BEFORE_LABEL.search(before))
    if name:
        return name
    for part in (after_sentence, before):
        name = _name(_ACCORDING.search(part))
        if name:
            return name
    if not text[para_start:start].strip():  # a Q&A page: "Name, outlet:" on the line before
        previous = text[:para_start].rstrip()
        label = previous[previous.rfind("\n") + 1 :]
        return _name(_BEFORE_LABEL.search(label))
    return None


def _block_speaker(text: str, start: int, end: int) -> str | None:
    """For a block quote: the end of the paragraph before it, or a "— NAME" line after."""
    previous = text[:start].rstrip()
    para = previous[previous.rfind("\n\n") + 2 :] if "\n\n" in previous else previous
    name = _name(_BEFORE_NAME_VERB.search(para)) or _name(_BEFORE_LABEL.search(para))
    if name:
        return name
    name = _name(_ACCORDING.search(para))
    if name:
        return name
    following = text[end:].lstrip("\n")
    line = following.split("\n", 1)[0]
    dash = re.match(rf"^\s*[—–-]+\s*{_NAME}", line)
    return _name(dash)
