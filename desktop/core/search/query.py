"""Check and tidy a search query before the engine parses it, so mistakes get a short hint.

Whoosh's own parser never refuses a query: it silently reads a missing quote or bracket as
something else. Users deserve to know, so this small scanner (our own: no library validates
Whoosh syntax) finds the common mistakes and returns a normalised query for the engine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.core.search import QuerySyntaxError

#: Fields a user may name in a query, with the words `role:` accepts.
FIELDS = ("speaker", "role", "section")
ROLE_VALUES = {"question": "question", "questions": "question", "q": "question",
               "answer": "answer", "answers": "answer", "a": "answer"}
OPERATORS = ("AND", "OR", "NOT", "ANDNOT", "ANDMAYBE")
#: Letters a prefix query needs before its `*` (shorter ones would expand to half the lexicon).
MIN_PREFIX = 2
MAX_FUZZY = 2
#: The engine's unstemmed field (phrases, prefixes, fuzzy words); never typed by users.
EXACT_FIELD = "exact"

_FIELD = re.compile(r"([A-Za-z_]+):(?=\S)")
_TOKEN = re.compile(r'(?:[A-Za-z_]+:)?"[^"]*"(?:~\d+)?|(?:[A-Za-z_]+:)?\(|\)|[^\s()"]+')


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    start: int


def normalize(query: str) -> str:
    """The query, checked and tidied for the engine. Raises QuerySyntaxError with a hint.

    Tidying: a colon followed by a space is plain punctuation ("he said: no"), `?` and `!`
    are punctuation, not wildcards, and role values are spelled one way.
    """
    text = query.strip()
    if not text:
        raise QuerySyntaxError(query, "type a word to search for", 0)
    if text.count('"') % 2:
        raise QuerySyntaxError(query, 'a phrase is missing its closing "', text.rfind('"'))
    tokens = [_Token(m.group(0), m.start()) for m in _TOKEN.finditer(text)]
    depth = 0
    out: list[str] = []
    previous: _Token | None = None
    for token in tokens:
        word = token.text
        if word.endswith("("):
            _check_field(query, word[:-1], token.start)
            depth += 1
        elif word == ")":
            depth -= 1
            if depth < 0:
                raise QuerySyntaxError(query, "a ) has no matching (", token.start)
            if previous is not None and previous.text.endswith("("):
                raise QuerySyntaxError(query, "( ) has nothing inside", previous.start)
        elif '"' in word:
            _check_field(query, word[: word.index('"')], token.start)
            if not word[word.index('"'):].strip('"~0123456789').strip():
                raise QuerySyntaxError(query, "a phrase in quotes is empty", token.start)
        elif word in OPERATORS:
            after_open = previous is not None and previous.text.endswith("(")
            if word != "NOT" and (previous is None or after_open or previous.text in OPERATORS):
                raise QuerySyntaxError(query, f"{word} needs words on both sides", token.start)
        else:
            word = _check_word(query, token)
        out.append(word)
        previous = token
    if depth > 0:
        raise QuerySyntaxError(query, "a ( has no matching )", text.rfind("("))
    if previous is not None and previous.text in OPERATORS:
        raise QuerySyntaxError(query, f"{previous.text} needs a word after it", previous.start)
    normalized = " ".join(part for part in out if part)
    if not normalized.strip("() "):
        raise QuerySyntaxError(query, "type a word to search for", 0)
    return normalized


def _check_field(query: str, prefix: str, start: int) -> None:
    """`prefix` is "" or "name:" before a phrase or a bracket."""
    name = prefix[:-1].lower()
    if prefix and name not in FIELDS:
        raise QuerySyntaxError(query, f"unknown field {prefix} (use speaker: or role:)", start)
    if name == "role":
        raise QuerySyntaxError(query, "role: takes question or answer", start)


def _check_word(query: str, token: _Token) -> str:
    word = token.text
    match = _FIELD.match(word)
    if match:
        name = match.group(1).lower()
        value = word[match.end():]
        if name not in FIELDS:
            raise QuerySyntaxError(
                query, f"unknown field {match.group(1)}: (use speaker: or role:)", token.start
            )
        if name == "role":
            role = ROLE_VALUES.get(value.lower())
            if role is None:
                raise QuerySyntaxError(query, "role: takes question or answer", token.start)
            return f"role:{role}"
        if value.startswith("("):
            return f"{name}:{value}"
        return f"{name}:{_check_term(query, value, token.start + match.end(), field=name)}"
    if word.endswith(":") and word[:-1].lower() in FIELDS:
        raise QuerySyntaxError(query, f"{word} needs a value right after the colon", token.start)
    word = word.replace(":", " ")  # "said:" in a pasted quote is punctuation, not a field
    return " ".join(_check_term(query, part, token.start) for part in word.split())


def _check_term(query: str, word: str, start: int, *, field: str | None = None) -> str:
    """Check one word; prefix and fuzzy words of the text go to the unstemmed `exact` field
    (a stem such as "negoti" would defeat the prefix "negotiat*" and distort edit distances)."""
    word = word.replace("?", "").replace("!", "")
    if not word:
        return ""
    star = word.find("*")
    if star >= 0:
        if star != len(word) - 1:
            raise QuerySyntaxError(query, "* only works at the end of a word", start + star)
        if len(re.sub(r"\W", "", word[:-1])) < MIN_PREFIX:
            raise QuerySyntaxError(
                query, f"a * needs at least {MIN_PREFIX} letters before it", start
            )
    tilde = word.find("~")
    if tilde >= 0:
        head, tail = word[:tilde], word[tilde + 1:]
        if not head or "*" in head:
            raise QuerySyntaxError(query, "~ must follow a word, as in Lavrov~", start + tilde)
        if tail and not (tail.isdigit() and 1 <= int(tail) <= MAX_FUZZY):
            raise QuerySyntaxError(query, "use word~ (one letter off) or word~2", start + tilde)
    if field is None and (star >= 0 or tilde >= 0):
        return f"{EXACT_FIELD}:{word}"
    return word
