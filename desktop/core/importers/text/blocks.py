"""Blocks and styles: the units the text engine passes between its steps."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum

from desktop.core.importers.speakers import (
    Label,
)


class Kind(Enum):
    TURN = "turn"
    TEXT = "text"
    HEADING = "heading"


_SPACES = re.compile(r"[ \t\f\v]+")


def join_lines(lines: list[str]) -> str:
    """Hard-wrapped lines as one paragraph: runs of spaces and tabs become one space.

    No-break spaces stay: French puts them before `?` and `:`, and they are the source's.
    """
    joined = " ".join(line.strip() for line in lines if line.strip())
    if "  " not in joined and "\t" not in joined and "\f" not in joined and "\v" not in joined:
        return joined.strip()  # single spaces only: the substitution would change nothing
    return _SPACES.sub(" ", joined).strip()


@dataclass(slots=True)
class Block:
    """One unit of a labelled text: a turn's start, a paragraph, or a heading."""

    kind: Kind
    lines: list[str] = field(default_factory=list)
    label: Label | None = None
    start: float | None = None
    merge: bool = True
    #: The paragraph was one line in the source (headings and titles are).
    single_line: bool = True
    #: Part of an unlabelled talk before the first label: its paragraphs form one turn.
    talk: bool = False
    #: Times taken out of the block's lines, with the words each one starts (segments).
    timed: list[tuple[float, str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return join_lines(self.lines)


@dataclass(frozen=True, slots=True)
class Style:
    """Which lines of a shape are speaker labels, and how blocks become turns."""

    inline: bool = True  # `NAME: words` on one line
    alone: bool = True  # `NAME:` alone on its line, words below
    markdown: bool = False  # `### name：` headings, `# Title`, Markdown escapes and links
    otter: bool = False  # `Name  0:49` header lines
    cart: bool = False  # `>>` starts a new (unnamed) speaker
    merge: bool = True  # consecutive blocks of one speaker form one turn
    allow_slug: bool = False
    #: Inline `NAME: words` count only for names that also stand alone as labels (scrapes
    #: mix the two for the same people; other inline lines are prose or the headline).
    inline_if_known: bool = False
    #: Names alone on a line without a colon (`MR. SMITH`, `Lex Fridman`), the words below;
    #: only names that repeat through the file count (see `repeated_names_alone`).
    names_alone: bool = False


def iter_paragraphs(text: str) -> Iterator[list[str]]:
    """Blank-line separated paragraphs, as lists of non-blank lines, one at a time (a 100 MB
    transcript is never held as one list of lines)."""
    current: list[str] = []
    start = 0
    length = len(text)
    while start <= length:
        end = text.find("\n", start)
        if end == -1:
            end = length
        line = text[start:end]
        start = end + 1
        if line.strip():
            current.append(line)
        elif current:
            yield current
            current = []
    if current:
        yield current


def paragraphs(text: str) -> list[list[str]]:
    """Blank-line separated paragraphs, as lists of non-blank lines."""
    return list(iter_paragraphs(text))
