"""News-site scrapes of print interviews (the seed's shape).

Headline, ad markers, a lede, pull-quote section headings, then `Name, affiliation:` alone on
a line with the words in the paragraph(s) below. Only labels standing alone count as speakers
here: in a scrape, a line such as `Antony Blinken: “…”` is the headline, not speech.
"""

from __future__ import annotations

from desktop.core.importers.base import Parsed, SourceDocument
from desktop.core.importers.labelled import Style, build, shape_of

_STYLE = Style(inline=False, alone=True, inline_if_known=True)


class NewsScrapeImporter:
    """Label lines alone (`Efi Koutsokosta, euronews:`) with the words in the next paragraph."""

    format = "news-scrape"
    label = "News-site interview"
    extensions = (".txt", ".text", ".html.txt")

    def score(self, doc: SourceDocument) -> float:
        if doc.text is None:
            return 0.0
        shape = shape_of(doc.text)
        if shape.alone < 2 or shape.alone < shape.inline or shape.cue_arrows >= 2:
            return 0.0
        if shape.otter_headers > shape.alone or shape.markdown_labels > shape.alone:
            return 0.0
        return 0.75

    def parse(self, doc: SourceDocument) -> Parsed:
        return build(doc, _STYLE)


IMPORTERS = (NewsScrapeImporter(),)
