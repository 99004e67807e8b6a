"""Step 3 of the text engine: which blocks are headings, annotations or page furniture."""

from __future__ import annotations

import re
from dataclasses import replace

from desktop.core.importers.metadata import (
    is_date_line,
    place_from_line,
)
from desktop.core.importers.speakers import (
    section_label,
)
from desktop.core.importers.text.blocks import (
    Block,
    Kind,
)

_SUBHEADING = re.compile(
    r"^(?:part|chapter|section|session|episode|day|round|partie|teil|parte)\s+\w{1,8}[.:]\s"
    r"|^(?:direct|cross|redirect|recross)[- ]examination\b",  # court transcripts
    re.IGNORECASE,
)


#: A Markdown ATX heading alone in its paragraph (`## Mempool`, `### Q&A ###`): a section's
#: title in any shape a `.md` file falls to, its words kept without the marks (notes files
#: with no labels reach the plain or labelled reader, not the Markdown one). `# of users went
#: up.` is words: there `#` is "number" (titles in lower case, `## bcash hard-fork`, are not).
ATX_HEADING = re.compile(
    r"^[ \t]{0,3}#{1,6}[ \t]+(?P<title>[^#\s].*?)(?:[ \t]+#+)?[ \t]*$"
)


def atx_title(lines: list[str]) -> str | None:
    """The title of a paragraph that is one Markdown heading line, or None."""
    if len(lines) != 1 or "#" not in lines[0][:4]:
        return None
    match = ATX_HEADING.match(lines[0])
    if match is None or match["title"][:3].casefold() == "of ":
        return None
    return match["title"]


COURT_HEADING = re.compile(r"^(?:direct|cross|redirect|recross)[- ]examination\b", re.I)


TIME_LINE = re.compile(r"^\d{1,2}[:.h]\d{2}\s*(?:[AaPp]\.?\s?[Mm]\.?)?\s*(?:[A-Z]{2,4})?$")


_TERMINAL = re.compile(r"[.?!…;,:]\W*$")


_QUOTES = "“”«»„\"'‘’"


#: A sentence ending inside the line (a lower-case word of three letters or more, then `.`,
#: `!` or `?` and a capital): two sentences, not a heading (`Dr. Smith`, `U.S. Navy` are not).
_TWO_SENTENCES = re.compile(r"\b[a-z]{3,}[.!?]\s+[A-Z]")


def looks_like_heading(text: str) -> bool:
    """A short line standing alone that reads as a heading, not as speech.

    Headings in scraped interviews are pull quotes (`“NATO is not directed against Russia”`)
    or titles without a full stop (`A “very direct conversation” with Sergey Lavrov`).
    """
    words = text.split()
    if not 2 <= len(words) <= 20 or len(text) > 160:
        return False
    if text[0] in "([" and text[-1] in ")]":
        return False  # `(SOUNDBITE OF MUSIC)`, `[crosstalk]`: annotations, not headings
    if sum(1 for word in words if any(c.isalpha() for c in word)) < 2:
        return False  # `* * *`, `- 30 -`: separators, not titles
    if _SUBHEADING.match(text):
        return True
    if is_date_line(text) or place_from_line(text) or TIME_LINE.match(text):
        return False
    first = text.lstrip(_QUOTES)[:1]
    if not first or not (first.isupper() or first.isdigit() or not first.isalpha()):
        return False
    wrapped = text[0] in '“«"„' and text[-1] in '”»"“'
    if wrapped:
        return True
    if _TWO_SENTENCES.search(text):
        return False  # `So if I understood the time is over. So I show`: speech, cut short
    return _TERMINAL.search(text.rstrip(_QUOTES)) is None


def is_title_line(block: Block) -> bool:
    """A first line that is a headline (even when it looks like `Name: “quote”`)."""
    text = block.text
    if not block.single_line or not text or len(text) > 200:
        return False
    if is_date_line(text) or ANNOTATION_ALONE.fullmatch(text):
        return False  # `(Intro music: …)` is a note, never the title
    body = text.rstrip(_QUOTES + " ")
    return not body.endswith((".", "?", "!", "…", ":", ";", ","))


def _question_heading(text: str) -> bool:
    """`Is the war over?` has a heading's shape except for its question mark."""
    body = text.rstrip(_QUOTES + " ")
    if not body.endswith(("?", "？")) or len(text.split()) > 12:
        return False
    return looks_like_heading(body.rstrip("?？ "))


#: Words title case leaves in lower case.
_SMALL = frozenset(["the", "and", "but", "for", "nor", "yet", "with", "from", "into", "onto"])


def _title_cased(text: str) -> bool:
    """`Is the War Over?`: most words (beyond the first) capitalised, as titles are."""
    words = [
        w for w in re.findall(r"[^\W\d_]+", text)[1:] if len(w) > 2 and w.casefold() not in _SMALL
    ]
    return len(words) >= 2 and sum(1 for w in words if w[0].isupper()) * 3 >= len(words) * 2


def _words_key(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", text.casefold()))


def _quoted_below(blocks: list[Block], index: int, text: str) -> bool:
    """A pull quote repeats words said just below it (the next turn and its paragraphs)."""
    key = _words_key(text)
    if len(key.split()) < 3:
        return False
    below = " ".join(b.text for b in blocks[index + 1 : index + 5])
    return key in _words_key(below)


def mark_headings(blocks: list[Block]) -> list[Block]:
    """Short standalone lines between a finished turn and the next label become headings, and
    so do show-note section labels (`News:`, `Picks:`) standing alone between turns.

    A line ending in `?` in that position is usually the end of an answer, so it becomes a
    heading only with more evidence: it is quoted (as any heading), title-cased, or it repeats
    the words said just below it (a pull quote).
    """
    result = _mark_headings(blocks)
    filled = False
    for index, block in enumerate(result):
        if block.kind is not Kind.TEXT:
            filled = block.kind is Kind.TURN and bool(block.lines)
            continue
        following = result[index + 1] if index + 1 < len(result) else None
        if (
            filled
            and block.single_line
            and following is not None
            and following.kind is Kind.TURN
            and _question_heading(block.text)
            and (_title_cased(block.text) or _quoted_below(result, index, block.text))
        ):
            result[index] = replace(block, kind=Kind.HEADING)
            filled = False
            continue
        filled = True
    return result


def _mark_headings(blocks: list[Block]) -> list[Block]:
    result = list(blocks)
    filled = False
    seen_turn = False
    for index, block in enumerate(result):
        if block.kind is Kind.TURN:
            filled = bool(block.lines)
            seen_turn = True
            continue
        if block.kind is Kind.HEADING:
            filled = False
            continue
        title = atx_title(block.lines)
        if title is not None:
            result[index] = replace(block, kind=Kind.HEADING, lines=[title])
            filled = False
            continue
        if seen_turn and len(block.lines) == 1:
            label = section_label(block.lines[0])
            if label is not None:
                result[index] = replace(block, kind=Kind.HEADING, lines=[label])
                filled = False
                continue
        following = result[index + 1] if index + 1 < len(result) else None
        if (
            filled
            and block.single_line
            and following is not None
            and following.kind is Kind.TURN
            and looks_like_heading(block.text)
        ):
            result[index] = replace(block, kind=Kind.HEADING)
            filled = False
            continue
        filled = True
    return result


#: Lines after the last turn from which a government page's footer runs (`TAGS`, then tags).
_FOOTER_STARTS = frozenset(["tags", "related articles", "related content", "related links"])


#: The mark that closes a transcript, however it is wrapped: `END`, `{END}`, `[END]`,
#: `- END -`, `END OF TRANSCRIPT`, `End of interview`, and the press release's `###`.
_END_MARK = re.compile(
    r"[\[({<*\s–—-]*(?:END|(?i:end of (?:the )?(?:transcript|interview|recording|tape)))"
    r"[\])}>*.\s–—-]*|#(?:\s*#){2}"
)


#: A paragraph that is one note in brackets (`(Cross-talk.)`, `[Music]`) or music (`♪ … ♪`).
ANNOTATION_ALONE = re.compile(r"\([^()]{1,200}\)|\[[^\[\]]{1,200}\]|♪[^♪]{0,200}♪?")


#: A line announcing the transcript after a page's show notes or summary.
TRANSCRIPT_MARKER = re.compile(
    r"^[ \t]*(?:full |episode |interview |complete )?(?:transcript|transcription)[ \t]*:?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


def drop_tail_furniture(blocks: list[Block], removed: list[str]) -> list[Block]:
    """After the last turn, government transcripts print `END`, the time the event ended
    (`1:58 P.M. EDT`) and the site's footer: drop a time alone on a line there, and every
    line from an end mark (`END`, `{END}`, `###`) on (reported as removed)."""
    last_turn = max((i for i, b in enumerate(blocks) if b.kind is Kind.TURN), default=-1)
    if last_turn < 0:
        return blocks
    kept = blocks[: last_turn + 1]
    ended = False
    for block in blocks[last_turn + 1 :]:
        if block.kind is not Kind.TEXT:
            kept.append(block)
            continue
        left: list[str] = []
        for line in block.lines:
            stripped = line.strip()
            ended = (ended or _END_MARK.fullmatch(stripped) is not None
                     or stripped.casefold() in _FOOTER_STARTS)
            if ended or TIME_LINE.match(stripped):
                removed.append(stripped)
            else:
                left.append(line)
        if left:
            kept.append(replace(block, lines=left))
    return kept


#: A paragraph that is only a web address, or a note around one (`( Recording: https://… )`):
#: the page's furniture, never speech.
_LINK_ONLY = re.compile(
    r"[<(\[]?\s*(?:[\w .-]{0,30}:\s*)?https?://\S+?\s*[>)\]]?", re.IGNORECASE
)


#: The Congressional Record's clock mark between paragraphs (`{time}  1100`): when the
#: printed record reached 11:00, not words anyone said.
_CLOCK_MARK = re.compile(r"\{time\}\s*\d{3,4}", re.IGNORECASE)


def drop_furniture(blocks: list[Block], removed: list[str]) -> list[Block]:
    """Unlabelled paragraphs that are only a link, or only a printed clock mark, are
    furniture: dropped and reported."""
    kept: list[Block] = []
    for block in blocks:
        if block.kind is Kind.TEXT and len(block.lines) == 1:
            line = block.lines[0].strip()
            if _LINK_ONLY.fullmatch(line):
                removed.append(f"link line: {line}")
                continue
            if _CLOCK_MARK.fullmatch(line):
                removed.append(f"clock mark: {line}")
                continue
        kept.append(block)
    return kept
