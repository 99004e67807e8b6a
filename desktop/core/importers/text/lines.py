"""Step 1 of the text engine: each line normalised, the same way for every text shape."""

from __future__ import annotations

import re

_MD_QUOTE = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+", re.MULTILINE)


_MD_LINK = re.compile(r"(?<!!)\[(?P<text>[^\[\]\n]+)\]\((?P<url>[^()\s]+)(?:\s+\"[^\"]*\")?\)")


_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])")


_MD_BOLD = re.compile(r"(\*\*|__)(?=\S)(?P<inner>[^*\n]+?)(?<=\S)\1")


def markdown_to_text(text: str, repaired: list[str]) -> str:
    """Markdown inside turns shown as the words: links as their text, escapes undone."""
    text, quoted = _MD_QUOTE.subn("", text)
    if quoted:
        noun = "line" if quoted == 1 else "lines"
        repaired.append(f"removed Markdown blockquote marks (>) from {quoted} {noun}")
    links = len(_MD_LINK.findall(text))
    text = _MD_LINK.sub(lambda m: m.group("text"), text)
    text = _MD_ESCAPE.sub(r"\1", text)
    text = _MD_BOLD.sub(lambda m: m.group("inner"), text)
    if links:
        noun = "link" if links == 1 else "links"
        repaired.append(f"kept the text of {links} Markdown {noun} (addresses dropped)")
    return text
