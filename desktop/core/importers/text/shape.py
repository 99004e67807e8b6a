"""Counts that tell the text shapes apart, computed once per document, for scoring."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from desktop.core.importers.cleanup import (
    drop_page_chrome,
    is_html_page,
    strip_html,
)
from desktop.core.importers.speakers import (
    LabelledLine,
    name_alone,
    split_inline,
    surname_key,
)
from desktop.core.importers.text.blocks import (
    paragraphs,
)
from desktop.core.importers.text.grammar import learn_lines
from desktop.core.importers.text.lines import clean_marks, read_line
from desktop.core.importers.text.tokenise import (
    CART,
    markdown_label,
    otter_header,
    repeated_lower_labels,
    repeated_names_alone,
)


@dataclass(frozen=True, slots=True)
class Shape:
    """Counts that tell the text shapes apart, computed once per document."""

    lines: int
    paragraphs: int
    inline: int
    inline_keys: int
    inline_repeated: int
    alone: int
    markdown_labels: int
    otter_headers: int
    cart: int
    cue_arrows: int
    front_matter: bool
    #: Lines naming a repeated speaker alone, without a colon (`MR. SMITH`).
    names_alone: int = 0
    #: `NAME:` alone on a line for someone who also speaks in inline `NAME: text` turns.
    alone_known: int = 0
    #: The file opens as Markdown does: YAML front matter or a `#` heading.
    markdown_start: bool = False
    #: Index (among non-blank lines) of the first `NAME: text` line, if any.
    first_label_line: int | None = None


@lru_cache(maxsize=8)
def shape_of(text: str) -> Shape:
    """Count label lines of each kind (on the first 400 KB; enough to tell shapes apart)."""
    sample = text[:400_000]
    if is_html_page(sample):  # a saved web page: count what its text will be
        sample = strip_html(drop_page_chrome(sample)[0], page=True)[0]
    lines = [line for line in sample.split("\n") if line.strip()]
    grammar = learn_lines(lines)
    inline_keys: Counter[str] = Counter()
    alone = markdown = otter = cart = arrows = 0
    alone_names: list[str] = []
    first_label_line: int | None = None
    for number, line in enumerate(lines):
        if "-->" in line:
            arrows += 1
            continue
        if line.strip().isdigit():
            continue  # a cue number or a page number: never a label
        if CART.match(line):
            cart += 1
        if markdown_label(line) is not None:
            markdown += 1
            continue
        cleaned = clean_marks(line)
        if otter_header(cleaned) is not None:
            otter += 1
            continue
        read = read_line(line, grammar.habits)
        head = grammar.label(read)
        found = LabelledLine(head, read.text) if head is not None else split_inline(read.plain)
        if found is None or grammar.rejects(found.label):
            continue
        if found.rest:
            inline_keys[found.label.key] += 1
            first_label_line = number if first_label_line is None else first_label_line
        else:
            alone += 1
            alone_names.append(found.label.name)
    lower = repeated_lower_labels(lines)
    if lower:  # one pass over the lines for all of them (one pass per label was quadratic)
        for line in lines:
            if ":" not in line[:130] and "：" not in line[:130]:
                continue
            found = split_inline(line, allow_lower=True)
            if found is not None and found.rest and found.label.key in lower:
                inline_keys[found.label.key] += 1
    inline_surnames = {surname_key(key) for key in inline_keys}
    # `STEVE INSKEEP, HOST:` alone once, then `INSKEEP: …` inline: the same person
    alone_known = sum(1 for name in alone_names if surname_key(name) in inline_surnames)
    names = repeated_names_alone(lines)
    names_alone = sum(1 for line in lines if (n := name_alone(line)) is not None and n.key in names)
    return Shape(
        names_alone=names_alone,
        alone_known=alone_known,
        lines=len(lines),
        paragraphs=len(paragraphs(sample)),
        inline=sum(inline_keys.values()),
        inline_keys=len(inline_keys),
        inline_repeated=sum(1 for c in inline_keys.values() if c >= 2),
        alone=alone,
        markdown_labels=markdown,
        otter_headers=otter,
        cart=cart,
        cue_arrows=arrows,
        front_matter=text.startswith("---"),
        markdown_start=text.startswith("---") or text.lstrip()[:2] in ("# ", "##"),
        first_label_line=first_label_line,
    )


def timed_penalty(shape: Shape) -> float:
    """Subtitle files (`-->` cue lines) belong to the timed importers."""
    return 0.1 if shape.cue_arrows >= 2 else 1.0


def names_alone_lead(shape: Shape) -> bool:
    """Names alone without colons (`MR. SMITH`) label this file's turns, not `NAME:` lines."""
    return shape.names_alone >= 4 and shape.names_alone > max(
        shape.inline, shape.alone, shape.otter_headers, shape.markdown_labels
    )


def short_exchange(shape: Shape) -> bool:
    """Two or three turns (`ALICE: Hi.` / `BOB: Hello.`, `Q:` / `A:`): too few for a label
    to repeat, so the labels must be different people and start most of the lines."""
    if shape.inline_keys < 2 or shape.alone or shape.otter_headers or shape.markdown_labels:
        return False
    return shape.inline * 2 >= min(shape.lines, max(shape.paragraphs, 2))


#: A single speaker's speech: the label within the first lines (after a header), then at
#: least this many lines of unlabelled paragraphs.
SPEECH_LABEL_WITHIN = 25
SPEECH_MIN_LINES = 8


def one_voice_speech(shape: Shape) -> bool:
    """One `NAME: text` label at the top and many unlabelled paragraphs after it: a speech
    or remarks by one person (`THE PRESIDENT:` then the whole speech)."""
    return (
        shape.inline == 1
        and shape.alone == 0
        and shape.first_label_line is not None
        and shape.first_label_line < SPEECH_LABEL_WITHIN
        and shape.lines - shape.first_label_line >= SPEECH_MIN_LINES
    )


def is_cart(shape: Shape) -> bool:
    return shape.cart >= 3 and shape.cart >= shape.inline
