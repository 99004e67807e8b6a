"""News-site scrapes of print interviews (the seed's shape).

Headline, ad markers, a lede, pull-quote section headings, then `Name, affiliation:` alone on
a line with the words in the paragraph(s) below. Only labels standing alone count as speakers
here: in a scrape, a line such as `Antony Blinken: “…”` is the headline, not speech.
"""

from __future__ import annotations

from desktop.core.importers.base import Parsed, SourceDocument
from desktop.core.importers.labelled import Style, build, shape_of
from desktop.core.importers.text import evidence

_STYLE = Style(inline=False, alone=True, inline_if_known=True)


class NewsScrapeImporter:
    """Label lines alone (`Efi Koutsokosta, euronews:`) with the words in the next paragraph."""

    format = "news-scrape"
    label = "News-site interview"
    extensions = (".txt", ".text", ".html.txt")

    def score(self, doc: SourceDocument) -> float:
        if doc.text is None:
            return 0.0
        return evidence.NEWS.score(shape_of(doc.text))

    def parse(self, doc: SourceDocument) -> Parsed:
        return build(doc, _STYLE)


IMPORTERS = (NewsScrapeImporter(),)
