"""Plain paragraphs with no speaker labels: the fallback that reads any prose."""

from __future__ import annotations

from desktop.core.importers.base import Parsed, SourceDocument
from desktop.core.model import Turn


class PlainTextImporter:
    """Each blank-line-separated paragraph becomes an unattributed turn."""

    format = "plain"
    label = "Plain text"
    extensions = (".txt", ".text", ".md")

    def score(self, doc: SourceDocument) -> float:
        if doc.text is None or not doc.text.strip():
            return 0.0
        return 0.01  # fits anything textual, so it only wins when nothing else does

    def parse(self, doc: SourceDocument) -> Parsed:
        assert doc.text is not None
        paragraphs = [" ".join(p.split()) for p in doc.text.split("\n\n")]
        return Parsed(turns=[Turn(speaker=None, text=p) for p in paragraphs if p])


IMPORTERS = (PlainTextImporter(),)
