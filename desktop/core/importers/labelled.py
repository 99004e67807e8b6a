"""Speaker-labelled text: `NAME: text` transcripts, and the live-captions (`>>`) shape.

The engine these and the other text shapes (news scrape, Markdown, Otter) share lives in
`importers/text/`, one module per step (normalise lines, find labels, classify blocks,
assemble turns); this module keeps only the two importers and re-exports the engine's names
that other importers use.
"""

from __future__ import annotations

from desktop.core.importers.base import Parsed, SourceDocument
from desktop.core.importers.text import evidence
from desktop.core.importers.text.assemble import build
from desktop.core.importers.text.blocks import (
    Block,
    Kind,
    Style,
    iter_paragraphs,
    join_lines,
    paragraphs,
)
from desktop.core.importers.text.classify import is_title_line, looks_like_heading
from desktop.core.importers.text.shape import (
    Shape,
    names_alone_lead,
    shape_of,
)

__all__ = [
    "IMPORTERS",
    "Block",
    "CaptionsImporter",
    "Kind",
    "LabelledTextImporter",
    "Shape",
    "Style",
    "build",
    "is_title_line",
    "iter_paragraphs",
    "join_lines",
    "looks_like_heading",
    "paragraphs",
    "shape_of",
]


class LabelledTextImporter:
    """`NAME: text` inline: government, podcast and court transcripts, Q/A."""

    format = "labelled"
    label = "Speaker-labelled text"
    extensions = (".txt", ".text", ".md")

    def score(self, doc: SourceDocument) -> float:
        if doc.text is None:
            return 0.0
        return evidence.LABELLED.score(shape_of(doc.text))

    def parse(self, doc: SourceDocument) -> Parsed:
        assert doc.text is not None
        shape = shape_of(doc.text)
        if names_alone_lead(shape):
            return build(doc, Style(inline=False, alone=False, names_alone=True))
        return build(doc, Style(inline=True, alone=shape.alone >= 2 or shape.alone_known >= 1))


class CaptionsImporter:
    """Live captions (CART): `>>` starts a new speaker, usually unnamed; hard line breaks."""

    format = "captions"
    label = "Live captions (>> speaker changes)"
    extensions = (".txt",)

    def score(self, doc: SourceDocument) -> float:
        if doc.text is None:
            return 0.0
        return evidence.CAPTIONS.score(shape_of(doc.text))

    def parse(self, doc: SourceDocument) -> Parsed:
        return build(doc, Style(inline=True, alone=False, cart=True, merge=False))


IMPORTERS = (LabelledTextImporter(), CaptionsImporter())
