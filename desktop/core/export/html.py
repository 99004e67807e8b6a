"""A self-contained HTML export; every transcript-derived string is escaped."""

from __future__ import annotations

from html import escape

from desktop.core.export.base import ExportDocument

_CSS = (
    "body{font-family:sans-serif;max-width:46em;margin:2em auto;line-height:1.5}"
    "blockquote{font-size:1.1em;margin:1em 0 .3em;padding-left:1em;border-left:3px solid #999}"
    ".where,.prov{color:#555;font-size:.9em}"
)


class HtmlExporter:
    format = "html"
    label = "HTML"
    extension = ".html"
    kind = "quotes"

    def render(self, document: ExportDocument) -> bytes:
        out = [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            f"<title>Quotes – {escape(document.app)}</title>",
            f"<style>{_CSS}</style></head><body>",
            "<h1>Quotes</h1>",
        ]
        for entry in document.entries:
            where = ", ".join(p for p in (entry.speaker, entry.locator, entry.source.name) if p)
            out.append(f'<section class="quote" id="q{entry.number}">')
            out.append(f"<blockquote>{escape(entry.words)}</blockquote>")
            out.append(f'<p class="where">{escape(where)}</p>')
            if entry.cite_line:
                out.append(f'<p class="cite">{entry.cite_line.html}</p>')
            if entry.item.note:
                out.append(f'<p class="note"><b>Note:</b> {escape(entry.item.note)}</p>')
            if entry.item.tags:
                out.append(f'<p class="tags"><b>Tags:</b> {escape(", ".join(entry.item.tags))}</p>')
            out.append("</section>")
        if document.references:
            out.append("<h2>References</h2><ul>")
            out += [f"<li>{ref.html}</li>" for ref in document.references]
            out.append("</ul>")
        out.append('<h2>Provenance</h2><ul class="prov">')
        out += [f"<li>{escape(line)}</li>" for line in document.provenance_lines()]
        out.append("</ul></body></html>")
        return ("\n".join(out) + "\n").encode("utf-8")
