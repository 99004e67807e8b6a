"""Plain text and Markdown exports of the quotes."""

from __future__ import annotations

import re

from desktop.core.citations import Styled
from desktop.core.export.base import Entry, ExportDocument


def _entry_lines(entry: Entry) -> list[str]:
    where = ", ".join(part for part in (entry.speaker, entry.locator, entry.source.name) if part)
    lines = [f"{entry.number}. {entry.words}", f"   {where}"]
    if entry.cite_line:
        lines.append(f"   {entry.cite_line.plain}")
    if entry.item.note:
        lines.append(f"   Note: {entry.item.note}")
    if entry.item.tags:
        lines.append(f"   Tags: {', '.join(entry.item.tags)}")
    return lines


class TextExporter:
    format = "txt"
    label = "Plain text"
    extension = ".txt"
    kind = "quotes"

    def render(self, document: ExportDocument) -> bytes:
        lines = ["Quotes", ""]
        for entry in document.entries:
            lines += [*_entry_lines(entry), ""]
        if document.references:
            lines += ["References", ""]
            lines += [ref.plain for ref in document.references]
            lines.append("")
        lines += ["Provenance", "", *document.provenance_lines()]
        return ("\n".join(lines) + "\n").encode("utf-8")


_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_MD_BLOCK_MARK = re.compile(r"^(\s*)([#>+-])", re.MULTILINE)
_MD_LIST_NUMBER = re.compile(r"^(\s*\d+)([.)])", re.MULTILINE)


def md_escape(text: str) -> str:
    """Backslash-escape Markdown syntax (inline marks, HTML, and block markers at a line's
    start): transcript text is data, never markup."""
    text = _MD_INLINE.sub(r"\\\1", text)
    text = _MD_BLOCK_MARK.sub(r"\1\\\2", text)
    return _MD_LIST_NUMBER.sub(r"\1\\\2", text)


def md_styled(styled: Styled) -> str:
    return "".join(
        f"*{md_escape(run.text)}*" if run.italic else md_escape(run.text) for run in styled.runs
    )


class MarkdownExporter:
    format = "md"
    label = "Markdown"
    extension = ".md"
    kind = "quotes"

    def render(self, document: ExportDocument) -> bytes:
        lines = ["# Quotes", ""]
        for entry in document.entries:
            lines.append(f"## {entry.number}. {md_escape(entry.speaker or entry.source.name)}")
            lines.append("")
            lines.append(f"> {md_escape(entry.words)}")
            lines.append("")
            where = ", ".join(p for p in (entry.locator, entry.source.name) if p)
            lines.append(f"— {md_escape(where)}")
            if entry.cite_line:
                lines += ["", md_styled(entry.cite_line)]
            if entry.item.note:
                lines += ["", f"**Note:** {md_escape(entry.item.note)}"]
            if entry.item.tags:
                tags = ", ".join(md_escape(tag) for tag in entry.item.tags)
                lines += ["", f"**Tags:** {tags}"]
            lines.append("")
        if document.references:
            lines += ["## References", ""]
            lines += [f"- {md_styled(ref)}" for ref in document.references]
            lines.append("")
        lines += ["## Provenance", ""]
        lines += [f"- {md_escape(line)}" for line in document.provenance_lines()]
        return ("\n".join(lines) + "\n").encode("utf-8")
