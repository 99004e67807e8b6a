"""Plain-text excerpts around matches, shared by every search engine (Whoosh on the laptop,
PostgreSQL for a team library), so a hit reads the same whichever engine found it."""

from __future__ import annotations

from collections.abc import Sequence

#: Length of an excerpt, and how much of it comes before the first match.
SNIPPET_CHARS = 220
SNIPPET_LEAD = 70


def merge_spans(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching (start, end) spans merged, in order."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def snippet(text: str, spans: Sequence[tuple[int, int]]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A one-line excerpt around the first match and the match offsets inside it.

    Cut at word boundaries, "…" where text was left out; newlines become spaces so offsets
    in the excerpt stay one-to-one with the turn's characters.
    """
    anchor = spans[0][0] if spans else 0
    start = max(0, min(anchor - SNIPPET_LEAD, len(text) - SNIPPET_CHARS))
    if start > 0:
        space = text.find(" ", start, anchor)
        start = space + 1 if space >= 0 else start
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):
        space = text.rfind(" ", max(anchor, start + 1), end)
        end = space if space > start else end
    head = "… " if start > 0 else ""
    tail = " …" if end < len(text) else ""
    body = text[start:end].replace("\n", " ")
    shift = len(head) - start
    inside = tuple(
        (max(s, start) + shift, min(e, end) + shift) for s, e in spans if s < end and e > start
    )
    return head + body + tail, inside
