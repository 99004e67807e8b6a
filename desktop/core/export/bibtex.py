"""BibTeX export (`@misc`, Zotero BibTeX.js-like; golden.bib): specials escaped, proper nouns
and acronyms braced so BibTeX styles keep their capitals, the headline in title case."""

from __future__ import annotations

import re

from desktop.core.citations import CitationRecord, dates
from desktop.core.citations.typography import smarten, title_case
from desktop.core.export.base import ExportDocument

_SPECIALS = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
    "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}  # fmt: skip
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def escape(text: str) -> str:
    """Escape BibTeX/LaTeX special characters."""
    return "".join(_SPECIALS.get(ch, ch) for ch in text)


def _quotes(text: str) -> str:
    """Curly double quotes to TeX quotes (``…''), after escaping."""
    return smarten(text).replace("“", "``").replace("”", "''")


_WORD = re.compile(r"[^\W\d_][\w’'.-]*")


def bib_title(title: str) -> str:
    """Title case with the words capitalised mid-sentence in the source braced (proper nouns:
    `{Russian}`), so a style that lowercases titles keeps them."""
    source = smarten(title)
    braced: set[str] = set()
    for match in _WORD.finditer(source):
        before = source[: match.start()].rstrip(" “‘\"'")
        starts = not before or before.endswith((":", "?", "!", "."))
        if not starts and match.group()[0].isupper():
            braced.add(match.group())
    cased = title_case(source)
    out = _WORD.sub(lambda m: "{" + m.group() + "}" if m.group() in braced else m.group(), cased)
    # escape everything except the braces just added
    pieces = re.split(r"(\{[^{}]*\})", out)
    return _quotes(
        "".join(p if p.startswith("{") and p.endswith("}") else escape(p) for p in pieces)
    )


def bib_entry(record: CitationRecord) -> str:
    fields: list[tuple[str, str]] = []
    if record.interviewees:
        fields.append(("author", " and ".join(escape(p.inverted) for p in record.interviewees)))
    if record.title:
        fields.append(("title", bib_title(record.title)))
    published = ", ".join(
        part
        for part in (
            f"Interview by {record.interviewer}" if record.interviewer else "Interview",
            record.outlet or "",
        )
        if part
    )
    fields.append(("howpublished", escape(published)))
    date = record.published_date
    if date:
        fields.append(("year", str(date.year)))
    month = _MONTHS[date.month - 1] if date and date.month else None
    if record.url:
        fields.append(("url", record.url.replace("%", r"\%").replace("#", r"\#")))
    notes = []
    if record.place or record.recorded_date:
        recorded = record.recorded_date
        when = dates.day_month_year(recorded).replace(" ", "~", 1) if recorded else ""
        where = f"Recorded at {record.place}" if record.place else "Recorded"
        notes.append(escape(where) + (f", {when}" if when else ""))
    if record.accessed_date:
        notes.append("Accessed " + dates.day_month_year(record.accessed_date).replace(" ", "~", 1))
    if notes:
        fields.append(("note", ". ".join(notes)))
    body = []
    for name, value in fields:
        body.append(f"  {name:<12} = {{{value}}},")
        if name == "year" and month:
            body.append(f"  {'month':<12} = {month},")
    return f"@misc{{{record.citation_key},\n" + "\n".join(body) + "\n}\n"


class BibtexExporter:
    format = "bibtex"
    label = "BibTeX"
    extension = ".bib"
    kind = "references"

    def render(self, document: ExportDocument) -> bytes:
        return "\n".join(bib_entry(source.record) for source in document.sources).encode("utf-8")
