"""Step 2 of the text engine: lines -> blocks, finding which lines are speaker labels."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from desktop.core.importers.clock import CLOCK, parse_clock
from desktop.core.importers.speakers import (
    Label,
    LabelledLine,
    is_anonymous,
    name_alone,
    parse_label,
    slug_to_name,
    split_alone,
    split_inline,
)
from desktop.core.importers.text.blocks import (
    Block,
    Kind,
    Style,
    iter_paragraphs,
)
from desktop.core.importers.text.grammar import learn
from desktop.core.importers.text.lines import Line, clean_marks, read_line

_MD_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.+?)\s*#*\s*$")


_CLOCK_LINE = re.compile(rf"^\s*{CLOCK}\s*$")


_OTTER_HEADER = re.compile(rf"^(?P<label>\S.{{0,60}}?)\s+(?:[|·-]\s*)?(?P<ts>{CLOCK})\s*[:：]?\s*$")


CART = re.compile(r"^\s*>>+\s*")
#: A role and its number (`Audience 1`, `Participant 12`): a numbered speaker, not a date.
_NUMBERED = re.compile(r"[^\W\d_][^\d,/•|]*\s\d{1,3}")


def otter_header(line: str) -> LabelledLine | None:
    """`Name  0:49`, `Unknown Speaker  12:03`, `Speaker 1 (00:05):`: a block header, or None."""
    match = _OTTER_HEADER.match(line.strip())
    if match is None:
        return None
    raw = match.group("label").strip().rstrip(":：")
    if raw.startswith("[") and raw.endswith("]"):
        raw = raw[1:-1]  # Zoom: `[Jane Smith] 10:02:34`
    label = parse_label(raw, allow_lower=False)
    if label is None:
        return None
    if (any(c.isdigit() for c in raw) and not is_anonymous(label.name)
            and not _NUMBERED.fullmatch(raw)):
        return None  # `Tue, 3/14 10:02AM • 45:12`: Otter's date line, not a speaker
    return LabelledLine(label, "", parse_clock(match.group("ts")))


def markdown_label(line: str) -> LabelledLine | None:
    """`### nicolas-demorand：` or `## Audrey Tang:`: a Markdown heading naming a speaker."""
    match = _MD_HEADING.match(line.strip())
    if match is None:
        return None
    inner = match.group("text").strip()
    if not re.search(r"[:：]\s*$", inner):
        return None
    raw = re.sub(r"\s?[:：]\s*$", "", inner)
    if re.fullmatch(r"[a-z][a-z0-9]*", raw):
        raw = slug_to_name(raw)  # `### interviewer：` names a speaker as a slug would
    label = parse_label(raw, allow_slug=True)
    if label is None:
        return None
    return LabelledLine(label, "", None)


def repeated_names_alone(lines: Iterable[str]) -> frozenset[str]:
    """Keys of names standing alone on a line (no colon) with words below them, when at least
    two such names repeat: one `INTRODUCTION` line is a heading, `MR. SMITH` / `MS. JONES`
    coming back turn after turn are speakers."""
    counts: Counter[str] = Counter()
    previous: Label | None = None
    for line in lines:
        if not line.strip():
            continue
        label = name_alone(line)
        if previous is not None and label is None and split_inline(line) is None:
            counts[previous.key] += 1  # a name with words (not another label) below it
        previous = label
    repeated = frozenset(key for key, count in counts.items() if count >= 2)
    return repeated if len(repeated) >= 2 else frozenset()


#: `split_inline(line)` of each line in turn, as `(result,)`, or None where it was not read.
ReadLabels = list[tuple[LabelledLine | None] | None]


def repeated_lower_labels(lines: Iterable[str], read: ReadLabels | None = None) -> frozenset[str]:
    """Keys of labels with lower-case words (`La ministre :`, `interviewer:`) that start at
    least two lines each: one such line is prose (`the problem: …`), a repeated one a speaker.

    `read`, when given, collects each line's `split_inline(line)` for the caller to reuse."""
    counts: Counter[str] = Counter()
    for line in lines:
        if ":" not in line[:60] and "：" not in line[:60]:
            if read is not None:
                read.append(None)
            continue
        strict = split_inline(line)
        if read is not None:
            read.append((strict,))
        if strict is not None:
            continue
        found = split_inline(line, allow_lower=True)
        if found is not None and found.rest:
            counts[found.label.key] += 1
    return frozenset(key for key, count in counts.items() if count >= 2)


def _lines_of(text: str) -> Iterator[str]:
    for para in iter_paragraphs(text):
        yield from para


_LEADING_TIME = re.compile(rf"^\s*(?P<ts>{CLOCK})\s*(?:[-–—|]\s*)?(?=\S)")


def tokenise(text: str, style: Style, repaired: list[str] | None = None) -> list[Block]:
    """Lines -> blocks, as the style and the file's grammar say; unlabelled lines stay text.

    Every line is read by `lines.read_line` first: emphasis, entities and times come off
    (each time kept as the turn's start or one of its segments), so a label wrapped in
    formatting is a label and no time is left inside the words.
    """
    blocks: list[Block] = []
    taken = 0
    pending_start: float | None = None
    grammar = learn(text)
    known = _known_alone_labels(text, style) if style.inline_if_known else frozenset()
    names = repeated_names_alone(_lines_of(text)) if style.names_alone else frozenset()
    # each line's label as `split_inline` reads it, read once here for both uses
    labels: ReadLabels = []
    lower = repeated_lower_labels(_lines_of(text), labels) if style.inline else frozenset()
    index = -1
    for number, para in enumerate(iter_paragraphs(text)):
        current: Block | None = None
        for raw in para:
            index += 1
            header = otter_header(clean_marks(raw)) if style.otter else None
            read = read_line(raw, grammar.habits)
            line = read.plain
            found: tuple[LabelledLine, bool] | None = None
            if header is not None:
                found = (header, False)
            elif (head := grammar.label(read)) is not None:
                found = (LabelledLine(head, read.text, read.start), False)
            else:
                known_label = (
                    labels[index] if index < len(labels) and line is raw and not style.allow_slug
                    else None
                )
                found = _label_line(line, style, known_label)
                if found is not None and not found[1] and grammar.rejects(found[0].label):
                    found = None  # a one-off `Name:` against the file's label form
                    heading = _MD_HEADING.match(line.strip()) if style.markdown else None
                    if heading is not None:  # `## Steps:` in notes: a heading after all
                        found = (LabelledLine(_CART_LABEL, heading.group("text")), True)
            if (found is None and grammar.known and line.rstrip().endswith((":", "："))
                    and (alone_label := split_alone(line)) is not None
                    and alone_label.label.key in grammar.known):
                found = (alone_label, False)  # `LH:` alone, in a file of `LH: words` lines
            if found is None and lower:
                inline = split_inline(line, allow_slug=style.allow_slug, allow_lower=True)
                if inline is not None and inline.rest and inline.label.key in lower:
                    found = (inline, False)
            if found is None and names:
                alone = name_alone(line)
                if alone is not None and alone.key in names:
                    found = (LabelledLine(alone, ""), False)
            if found is None and known and number > 0:
                inline = split_inline(line, allow_slug=style.allow_slug)
                if inline is not None and inline.rest and inline.label.key in known:
                    found = (inline, False)
            if found is not None:
                labelled, is_heading = found
                if is_heading:
                    blocks.append(Block(Kind.HEADING, [labelled.rest]))
                    current = None
                    continue
                rest = labelled.rest
                skip = max(0, len(line) - len(rest))  # where the words start after the label
                start = labelled.start if labelled.start is not None else read.start
                if start is None and read.times and read.times[0][0] + len(line) - len(
                    read.text
                ) <= skip + 1:
                    start = read.times[0][1]  # `Jane: [00:00:03] Welcome`
                start = start if start is not None else pending_start
                pending_start = None
                current = Block(
                    Kind.TURN,
                    [rest] if rest else [],
                    label=labelled.label if labelled.label.name != ">>" else None,
                    start=start,
                    merge=style.merge,
                )
                if header is None and rest:
                    current.timed.extend(timed_pieces(line, read, skip))
                blocks.append(current)
                continue
            if _CLOCK_LINE.match(line) and (style.otter or style.inline):
                pending_start = parse_clock(line)
                continue
            if current is None:
                current = Block(Kind.TEXT, [], single_line=len(para) == 1)
                blocks.append(current)
            if read.start is not None and current.start is None and not current.lines:
                current.start = read.start
            elif read.start is not None:
                taken += 1
            current.timed.extend(timed_pieces(line, read))
            current.lines.append(line)
        # A turn's first paragraph ends with its paragraph; later lines are new paragraphs.
    if taken and repaired is not None:
        noun = "time" if taken == 1 else "times"
        repaired.append(f"took {taken} {noun} off the start of lines inside turns")
    return [b for b in blocks if b.kind is not Kind.TEXT or b.text]


def timed_pieces(text: str, read: Line, skip: int = 0) -> list[tuple[float, str]]:
    """The words of `text` (which ends with `read.text`) from `skip` on, cut at the times
    taken out of the line: (time, the words it starts), for the turn's segments."""
    if read.start is None and not read.times:
        return []  # no time in the line: no piece (most lines of an untimed transcript)
    shift = len(text) - len(read.text)
    cuts: list[tuple[int, float | None]] = [(skip, read.start)]
    for at, seconds in read.times:
        if at + shift <= skip + 1:
            cuts[0] = (skip, seconds if read.start is None else read.start)
        else:
            cuts.append((at + shift, seconds))
    pieces: list[tuple[float, str]] = []
    for index, (at, value) in enumerate(cuts):
        end = cuts[index + 1][0] if index + 1 < len(cuts) else len(text)
        words = text[at:end].strip()
        if words and value is not None:
            pieces.append((value, words))
    return pieces


def _known_alone_labels(text: str, style: Style) -> frozenset[str]:
    keys = set()
    for para in iter_paragraphs(text):
        found = split_alone(para[0], allow_slug=style.allow_slug)
        if found is not None:
            keys.add(found.label.key)
    return frozenset(keys)


_CART_LABEL = Label(raw=">>", name=">>")


def _label_line(
    line: str, style: Style, inline: tuple[LabelledLine | None] | None = None
) -> tuple[LabelledLine, bool] | None:
    """(labelled line, is_heading) when `line` starts a turn or is a Markdown heading;
    `inline`, when given, is `(split_inline(line, allow_slug=style.allow_slug),)`."""
    if style.cart:
        cart = CART.match(line)
        if cart is not None:
            rest = line[cart.end() :]
            named = split_inline(rest) if style.inline else None
            if named is not None and named.rest:
                return named, False
            return LabelledLine(_CART_LABEL, rest.strip()), False
    if style.markdown:
        md = markdown_label(line)
        if md is not None:
            return md, False
        heading = _MD_HEADING.match(line.strip())
        if heading is not None:
            return LabelledLine(_CART_LABEL, heading.group("text")), True
    if style.otter:
        header = otter_header(line)
        if header is not None:
            return header, False
    if style.inline or style.alone:
        found = inline[0] if inline is not None else split_inline(line, allow_slug=style.allow_slug)
        if found is not None:
            if found.rest and style.inline:
                return found, False
            if not found.rest and style.alone:
                return found, False
    return None
