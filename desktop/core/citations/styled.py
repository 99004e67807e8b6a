"""Styled text: a citation as runs of plain and italic text, rendered to plain text or HTML.

One value serves both clipboard flavours, so the plain and rich forms can never disagree.
"""

from __future__ import annotations

import html
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Run:
    text: str
    italic: bool = False


@dataclass(frozen=True, slots=True)
class Styled:
    """An immutable sequence of runs; `+` joins, `plain`/`html` render."""

    runs: tuple[Run, ...] = ()

    @classmethod
    def of(cls, text: str, *, italic: bool = False) -> Styled:
        return cls((Run(text, italic),)) if text else cls()

    def __add__(self, other: Styled | str) -> Styled:
        if isinstance(other, str):
            other = Styled.of(other)
        return Styled(self.runs + other.runs)

    def __radd__(self, other: str) -> Styled:
        return Styled.of(other) + self

    def __bool__(self) -> bool:
        return any(run.text for run in self.runs)

    @property
    def plain(self) -> str:
        """The text with italics dropped."""
        return "".join(run.text for run in self.runs)

    @property
    def html(self) -> str:
        """HTML with `<i>` for italics; every character of the text escaped (it is data)."""
        parts: list[str] = []
        for run in _merged(self.runs):
            escaped = html.escape(run.text, quote=False)
            parts.append(f"<i>{escaped}</i>" if run.italic else escaped)
        return "".join(parts)

    def __str__(self) -> str:
        return self.plain


def _merged(runs: tuple[Run, ...]) -> list[Run]:
    """Adjacent runs with the same style joined, so HTML has one `<i>` per italic stretch."""
    merged: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        if merged and merged[-1].italic == run.italic:
            merged[-1] = Run(merged[-1].text + run.text, run.italic)
        else:
            merged.append(run)
    return merged


def join(parts: list[Styled | str], sep: str = " ") -> Styled:
    """Join the non-empty parts with `sep`."""
    out = Styled()
    first = True
    for part in parts:
        styled = Styled.of(part) if isinstance(part, str) else part
        if not styled:
            continue
        out = styled if first else out + sep + styled
        first = False
    return out
