"""Markdown transcripts: `### name：` speaker headings, `**Name:** text`, YAML front matter.

Seen in public transcript collections (audreyt/transcript) and podcast sites: a `# Title`,
speaker headings with the words on the next line (often with a FULLWIDTH COLON and a slug
name such as `nicolas-demorand`), escaped brackets (`\\[rire\\]`) and links inside turns.
Consecutive blocks of one speaker form one turn.
"""

from __future__ import annotations

from desktop.core.importers.base import Parsed, SourceDocument
from desktop.core.importers.labelled import Style, build, shape_of

_STYLE = Style(inline=True, alone=False, markdown=True, allow_slug=True)


class MarkdownTranscriptImporter:
    """Markdown with speaker headings or bold labels, and optional YAML front matter."""

    format = "markdown"
    label = "Markdown transcript"
    extensions = (".md", ".markdown")

    def score(self, doc: SourceDocument) -> float:
        if doc.text is None:
            return 0.0
        shape = shape_of(doc.text)
        if shape.cue_arrows >= 2:
            return 0.0
        if shape.markdown_labels >= 2:
            return 0.8
        starts_markdown = shape.front_matter or doc.text.lstrip().startswith("# ")
        if starts_markdown and shape.inline >= 2 and shape.inline >= shape.alone:
            return 0.7
        if starts_markdown and not (shape.inline or shape.alone or shape.otter_headers):
            return 0.3  # a talk or an essay in Markdown: no labels, but headings and marks
        return 0.0

    def parse(self, doc: SourceDocument) -> Parsed:
        return build(doc, _STYLE)


IMPORTERS = (MarkdownTranscriptImporter(),)
