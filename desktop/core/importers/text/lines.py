"""Step 1 of the text engine: each line normalised, the same way for every text shape.

Marks that are not words come off before anything looks for labels: Markdown and HTML
emphasis, blockquote marks, entity escapes (`&#39;`), and times written at the start, in the
middle or at the end of a line (`**[00:01] SPEAKER_00:**`, `[18.3s] words`, `words [00:01:00]
words`, `01:44`). Each time taken out is kept as data (a turn's start, its segments), never
left in the quotable words. Our own patterns: no library reads transcript tools' time marks.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from desktop.core.importers.clock import parse_clock

_MD_QUOTE = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+", re.MULTILINE)


#: `[words](url "title")`; CommonMark allows spaces around the address (`(https://… )`).
_MD_LINK = re.compile(
    r"(?<!!)\[(?P<text>[^\[\]\n]+)\]\([ \t]*(?P<url>[^()\s]+)(?:[ \t]+\"[^\"]*\")?[ \t]*\)"
)


_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])")


_MD_BOLD = re.compile(r"(\*\*|__)(?=\S)(?P<inner>[^*\n]+?)(?<=\S)\1")
#: Inline HTML emphasis in a Markdown file (`<i>Sponsorship</i>`): Markdown renders it as
#: `*…*`, so the tags are markup and the words stay. Only a matched pair of emphasis tags,
#: never inside a code span (a backtick before it); `<sub>`/`<sup>` stay, since `10<sup>6
#: </sup>` without its tags would read as another number.
_MD_HTML_EMPHASIS = re.compile(
    r"(?<!`)<(?P<tag>i|em|b|strong|u)>(?P<inner>[^<>`\n]+?)</(?P=tag)\s*>", re.IGNORECASE
)


def markdown_to_text(text: str, repaired: list[str]) -> str:
    """Markdown inside turns shown as the words: links as their text, escapes undone, bold
    and inline HTML emphasis taken off."""
    text, quoted = _MD_QUOTE.subn("", text)
    if quoted:
        noun = "line" if quoted == 1 else "lines"
        repaired.append(f"removed Markdown blockquote marks (>) from {quoted} {noun}")
    links = len(_MD_LINK.findall(text))
    text = _MD_LINK.sub(lambda m: m.group("text"), text)
    text = _MD_ESCAPE.sub(r"\1", text)
    text = _MD_BOLD.sub(lambda m: m.group("inner"), text)
    if "<" in text:
        text = _MD_HTML_EMPHASIS.sub(lambda m: m.group("inner"), text)
    if links:
        noun = "link" if links == 1 else "links"
        repaired.append(f"kept the text of {links} Markdown {noun} (addresses dropped)")
    return text


# --- one line, as every text shape reads it ------------------------------------------------

#: A clock time (`1:02:03.5`, `00:00.50s`) or seconds with their unit (`18.3s`).
_CLOCKISH = r"(?:\d{1,3}:(?=\d{1,2}:\d{1,2}:))?(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
_SECONDS = r"\d{1,5}(?:[.,]\d{1,3})?\s?s"
_TIME = rf"(?:{_CLOCKISH}s?|{_SECONDS})"
_RANGE_JOIN = r"\s*(?:-->|->|→|–|—|-|to)\s*"
#: A bracketed time or range: `[00:01]`, `(00:01:02)`, `[18.3s]`, `[0.0s - 4.0s]`.
_BRACKETED_TIME = re.compile(
    rf"[\[(](?P<t>{_TIME})(?:{_RANGE_JOIN}{_TIME})?[\])]"
)
_LEADING_BRACKETED = re.compile(rf"^\s*{_BRACKETED_TIME.pattern}\s*(?:[-–—|:]\s*)?")
#: A bare time at the start of a line (`0:00:14.2 words`, `01:44 words`), not `1:58 P.M.`.
LEADING_BARE_TIME = re.compile(
    rf"^\s*(?P<t>{_CLOCKISH})(?:{_RANGE_JOIN}{_CLOCKISH})?(?:\s*[-–—|]\s*|\s+)"
    r"(?![AaPp]\.?\s?[Mm]\b|[AaPp]\.?[Mm]\.|[-–—])(?=\S)"
)
TRAILING_BARE_TIME = re.compile(rf"(?<=\S)\s+(?P<t>{_CLOCKISH})\s*$")
_TIME_ALONE = re.compile(rf"^\s*(?:{_BRACKETED_TIME.pattern}|{_CLOCKISH})\s*$")
_INLINE_BRACKETED = re.compile(rf"\s?{_BRACKETED_TIME.pattern}")
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{1,7}|#[xX][0-9a-fA-F]{1,6});")
#: A WebVTT voice tag heading the words of a line (`00:00:03 <v Jane Doe>words</v>`): a cue's
#: text pasted into a text file, its speaker written the way WebVTT writes it.
_VOICE_HEAD = re.compile(
    rf"^(?P<pre>\s*(?:[\[(]?{_TIME}[\])]?\s*(?:[-–—|]\s*)?)?)"
    r"<v(?:\.[^\s<>]*)?[ \t]+(?P<name>[^<>\n]{1,80}?)[ \t]*>[ \t]*"
)
_VOICE_END = re.compile(r"</v\s*>")
_QUOTE_MARK = re.compile(r"^[ \t]{0,3}(?:>(?!>)[ \t]?)+")
#: A wrapped head at the start of a line: `**Full Name** words`, `[Name] words`, `(NAME) words`.
_WRAPPED_HEAD = re.compile(
    r"^\s*(?:(?P<w>\*\*|__)(?P<bold>[^*_\n]{1,80}?)(?P=w)|\[(?P<sq>[^\[\]\n]{1,60})\]"
    r"|\((?P<par>[^()\n]{1,60})\))(?P<colon>\s?[:：])?\s+(?=\S)"
)
_BOLD_START = re.compile(
    rf"^(?P<pre>\s*(?:[\[(]?{_TIME}(?:{_RANGE_JOIN}{_TIME})?[\])]?\s*(?:[-–—|]\s*)?)?)"
    r"(?P<w>\*\*|__)(?P<inner>[^*\n]{1,120}?)(?P=w)(?:\s?(?P<colon>[:：]))?"
)
_BOLD = re.compile(r"(\*\*|__)(?=\S)(?P<inner>[^*\n]+?)(?<=\S)\1")
_UNDERSCORE_ITALIC = re.compile(r"(?<![\w_])_(?=[^\s_])(?P<inner>[^_\n]+?)(?<=[^\s_])_(?![\w_])")
_STRUCK = re.compile(r"\s?<(s|del|strike)\b[^<>]*>.*?</\1\s*>", re.IGNORECASE)
#: An HTML link pasted into a text transcript (`<a href="…">the words</a>`) or an anchor
#: (`<a name="part-2" />`): the words stay, the address and the anchor go, as for Markdown
#: links. Nobody says a tag; other tags quoted in speech stay the words they are.
_HTML_LINK = re.compile(r"<a\s[^<>]*>(?P<text>.*?)</a\s*>", re.IGNORECASE)
_HTML_ANCHOR = re.compile(r"<a\s[^<>]*/>|<a\s+(?:name|id)=[^<>]*>\s*</a\s*>", re.IGNORECASE)
_AUTOLINK = re.compile(r"<(https?://[^<>\s]+)>")
_ITALIC = re.compile(r"(?<![\w*])\*(?=[^\s*])(?P<inner>[^*\n]+?)(?<=[^\s*])\*(?![\w*])")
#: A label ending in a period, as the Congressional Record and GPO hearing prints write them:
#: a title and a SURNAME in capitals (`Mr. MICA.`, `Ms. MILLENDER-McDONALD.`, `Mr. SMITH of
#: Texas.`, `Senator LEAHY.`), or `The` and an office in capitals (`The SPEAKER pro tempore
#: (Mr. Foley).`, `The PRESIDING OFFICER.`). Read as a label only if the file repeats them.
_TITLES = (
    r"(?:Mr|Mrs|Ms|Miss|Dr|Senator|Representative|Delegate|Chairman|Chairwoman|Secretary"
    r"|General|Admiral|Ambassador|Governor|Judge|Justice|Director|Commissioner|Professor)"
)
_PERIOD_HEAD = re.compile(
    rf"^\s*(?P<head>{_TITLES}\.?\s+(?P<surname>[A-Z][A-Za-z'’]*(?:-[A-Z][A-Za-z'’]*)*)"
    r"(?:\s+of\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)?"
    r"|The\s+(?:[A-Z][a-z]+\s+)?[A-Z]{2,}(?:\s+[A-Z]{2,})*(?:\s+pro\s+tempore)?"
    r"(?:\s+\([^()\n]{1,40}\))?)\.\s+(?=\S)"
)


def _period_head(text: str) -> re.Match[str] | None:
    """`Mr. MICA. words`: the head, if its surname is written in capitals."""
    match = _PERIOD_HEAD.match(text)
    if match is None or match["surname"] is None:
        return match
    letters = [c for c in match["surname"] if c.isalpha()]
    upper = sum(1 for c in letters if c.isupper())
    return match if upper >= 2 and upper * 4 >= len(letters) * 3 else None


#: A head and a spaced dash opening a line (`Q - words`, `Stephan Livera - words`): a label
#: only for the heads the file's grammar learned (a dash also opens asides and lists).
_DASH_HEAD = re.compile(
    r"^\s*(?P<head>[^\W\d_][\w.'’]*(?:[ \t][\w.'’]+){0,3}?)[ \t]+(?P<dash>[-–—])[ \t]+(?=\S)"
)
#: A Q with one space before the question (`Q Mr. President, …`), read only if it repeats.
_BARE_Q = re.compile(r"^\s*Q\s(?=[A-Z“\"'‘(])")




def _needs_work(line: str) -> bool:
    """Whether a line has anything to normalise (the fast path for long files: plain
    substring tests, no regular expression over the whole line)."""
    stripped = line.strip()
    if not stripped:
        return False
    if stripped[0] in "*_>[(&Q" or stripped[0].isdigit() or stripped[-1].isdigit():
        return True
    if stripped[0].isupper() and ". " in stripped[:60] and _period_head(stripped) is not None:
        return True  # `Mr. MICA. Mr. Speaker, …`
    return (  # substring tests run in C; one regular expression here cost a third more
        "(" in stripped
        or "[" in stripped
        or "*" in stripped
        or "_" in stripped
        or "&" in stripped
        or "\\" in stripped
        or "<" in stripped
    )


def time_value(text: str) -> float | None:
    """Seconds for `1:02:03.5`, `00:00.50s` or `18.3s`; None when it is not a time."""
    text = text.strip().rstrip("s").strip().replace(",", ".")
    if ":" in text:
        return parse_clock(text)
    try:
        return float(text)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Line:
    """A line with its marks taken off: the words, the time it starts at, inline times.

    `head` is a wrapped first word group (`**Full Name**`, `[Name]`, `(NAME)`, `Q` with one
    space, or `Mr. NAME.` ending in a period): a speaker label only when the file's grammar
    says so (`grammar.py`); else
    `plain` is the line's words with the wrapper taken off (or kept, for brackets).
    """

    text: str
    start: float | None = None
    #: (offset in `text`, seconds) of times taken out of the middle or the end of the line.
    times: tuple[tuple[int, float], ...] = ()
    head: str | None = None
    wrapper: str = ""
    #: The line as words when `head` is not a label.
    plain: str = ""


@dataclass(frozen=True, slots=True)
class TimeHabits:
    """Which bare marks this file writes (learned from repetition): times as the tool's
    marks, and a dash after a label (`Q - words`)."""

    leading: bool = False  # `01:44 words` at the start of lines
    trailing: bool = False  # `words 01:44` at the end of lines
    dashes: bool = False  # `Q - words`, `Jane Doe - words`: a spaced dash after a line's head


def clean_marks(line: str) -> str:
    """Blockquote marks, entity escapes and emphasis off a line (labels' own wrappers stay
    in `_WRAPPED_HEAD` form for the grammar); a colon label in bold becomes `Name: words`."""
    if not _needs_work(line):
        return line
    if ">" in line:
        line = _QUOTE_MARK.sub("", line)
    if "&" in line:
        line = _ENTITY.sub(lambda m: html.unescape(m.group(0)), line)
    if "<v" in line and ">" in line:
        voice = _VOICE_HEAD.match(line)
        if voice is not None:  # `<v Name>words` -> `Name: words`, the label every shape reads
            name = voice["name"]
            # joined cues repeat the tag mid-line (`usable, <v Name>interleaving`): the same
            # voice goes on, so its tag goes; another voice's tag stays visible
            rest = re.sub(rf"<v(?:\.[^\s<>]*)?[ \t]+{re.escape(name)}[ \t]*>", "",
                          line[voice.end():])
            line = _VOICE_END.sub("", f"{voice['pre']}{name}: {rest}")
    if "<" in line and ">" in line:
        # struck-out words are the publisher's correction, not what was said (`per
        # <s>month</s> [year]`); other tags quoted in speech stay the words they are
        line = _STRUCK.sub("", line)
        if "<a" in line or "<A" in line:
            line = _HTML_LINK.sub(lambda m: m.group("text"), _HTML_ANCHOR.sub("", line))
    if "](" in line:
        line = _MD_LINK.sub(lambda m: m.group("text"), line)  # `[WASM](http://…)`: the words
    if "\\" in line:
        line = _MD_ESCAPE.sub(r"\1", line)  # `\[laughter\]`, `OP\_RETURN`
    if "<http" in line:
        line = _AUTOLINK.sub(lambda m: m.group(1), line)
    if "*" in line or "_" in line:
        head = _BOLD_START.match(line)
        if head is not None and (head["inner"].rstrip().endswith((":", "：")) or head["colon"]):
            # `**[00:01] SPEAKER_00:** words`, `**Name**: words`: a colon label in bold
            line = head["pre"] + head["inner"] + (head["colon"] or "") + line[head.end() :]
        elif head is not None:
            return line[: head.end()] + _strip_emphasis(line[head.end() :])
        line = _strip_emphasis(line)
    return line


def _strip_emphasis(text: str) -> str:
    if "*" not in text and "_" not in text:
        return text
    text = _BOLD.sub(lambda m: m.group("inner"), text)
    text = _ITALIC.sub(lambda m: m.group("inner"), text)
    return _UNDERSCORE_ITALIC.sub(lambda m: m.group("inner"), text) if "_" in text else text


def read_line(line: str, habits: TimeHabits = TimeHabits()) -> Line:
    """A raw line -> `Line`: marks off, times taken out and kept as data, head found."""
    if not (_needs_work(line) or habits.dashes):
        return Line(line, plain=line)  # nothing to take off (as below, tested once)
    text = clean_marks(line)
    if not (_needs_work(text) or habits.dashes) or _TIME_ALONE.match(text):
        return Line(text, plain=text)  # a time alone on its line starts what follows it
    start: float | None = None
    lead = _LEADING_BRACKETED.match(text)
    if lead is None and habits.leading:
        lead = LEADING_BARE_TIME.match(text)
    if lead is not None and lead.end() < len(text):
        start = time_value(lead.group("t"))
        text = text[lead.end() :]
    times: list[tuple[int, float]] = []
    if "[" in text or "(" in text:
        pieces: list[str] = []
        previous = 0
        for match in _INLINE_BRACKETED.finditer(text):
            value = time_value(match.group("t"))
            if value is None:
                continue
            pieces.append(text[previous : match.start()])
            times.append((sum(len(p) for p in pieces), value))
            previous = match.end()
        if times:
            pieces.append(text[previous:])
            text = "".join(pieces)
    if habits.trailing:
        tail = TRAILING_BARE_TIME.search(text)
        if tail is not None and (value := time_value(tail.group("t"))) is not None:
            text = text[: tail.start()]
            times.append((len(text), value))
    head = _WRAPPED_HEAD.match(text)
    if head is not None:
        inner = head["bold"] or head["sq"] or head["par"] or ""
        wrapper = "**" if head["bold"] else "[]" if head["sq"] else "()"
        rest = text[head.end() :]
        plain = f"{inner} {rest}" if wrapper == "**" else text
        shift = head.end()
        moved = tuple((max(0, at - shift), value) for at, value in times)
        return Line(rest, start, moved, inner.strip(), wrapper, plain)
    period = _period_head(text) if ". " in text[:60] else None
    if period is not None:
        rest = text[period.end() :]
        shift = period.end()
        moved = tuple((max(0, at - shift), value) for at, value in times)
        return Line(rest, start, moved, period["head"], ". ", text)
    if _BARE_Q.match(text):
        rest = text.lstrip()[2:].lstrip()
        shift = len(text) - len(rest)
        moved = tuple((max(0, at - shift), value) for at, value in times)
        return Line(rest, start, moved, "Q", "Q ", text)
    dash = _DASH_HEAD.match(text) if habits.dashes else None
    if dash is not None:
        # an em dash after a label marks words cut off and resumed (`Q — and the bill?`):
        # it stays with the words; a hyphen or an en dash is only the label's delimiter
        shift = dash.start("dash") if dash["dash"] == "—" else dash.end()
        rest = text[shift:]
        moved = tuple((max(0, at - shift), value) for at, value in times)
        wrapper = "— " if dash["dash"] == "—" else "- "
        return Line(rest, start, moved, dash["head"], wrapper, text)
    return Line(text, start, tuple(times), plain=text)
