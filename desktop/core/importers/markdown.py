"""Markdown transcripts: `### name：` speaker headings, `**Name:** text`, YAML front matter.

Seen in public transcript collections (audreyt/transcript) and podcast sites: a `# Title`,
speaker headings with the words on the next line (often with a FULLWIDTH COLON and a slug
name such as `nicolas-demorand`), escaped brackets (`\\[rire\\]`) and links inside turns.
Consecutive blocks of one speaker form one turn.
"""

from __future__ import annotations

from dataclasses import replace

from desktop.core.importers.base import Parsed, SourceDocument
from desktop.core.importers.labelled import Style, build, shape_of
from desktop.core.importers.text import evidence

_STYLE = Style(inline=True, alone=False, markdown=True, allow_slug=True)


class MarkdownTranscriptImporter:
    """Markdown with speaker headings or bold labels, and optional YAML front matter."""

    format = "markdown"
    label = "Markdown transcript"
    extensions = (".md", ".markdown")

    def score(self, doc: SourceDocument) -> float:
        if doc.text is None:
            return 0.0
        return evidence.MARKDOWN.score(shape_of(doc.text))

    def parse(self, doc: SourceDocument) -> Parsed:
        assert doc.text is not None
        shape = shape_of(doc.text)
        # `**Name:** 00:00:00` alone on a line, the words below: a label alone with its time
        timed_alone = shape.otter_headers >= 2
        return build(doc, replace(_STYLE, alone=timed_alone, otter=timed_alone))


IMPORTERS = (MarkdownTranscriptImporter(),)
