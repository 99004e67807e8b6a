"""Redaction on the way out: names, phrases, e-mail addresses and phone numbers taken out of
everything Verbatim writes or copies, never out of the transcripts or the stored quotes.

A `Redaction` is a list of `Rule`s. Each rule has an optional pseudonym ("[Source A]"); the
default stand-in is "[redacted]". Inside a quote the stand-in is always in square brackets
(a marked alteration, as style guides require): "Minister Lavrov said" becomes "Minister
[Source A] said". A name rule also takes out each part of the name ("Sergey Lavrov" takes
out "Lavrov" and "Sergey" alone), since a surname on its own names the person too.

Outputs pass through one hook each: `redact_request` for exports (export.base.prepare calls
it: the citation details are redacted before citations are made, then every string of the
prepared document) and `redact_citations` for copy with citation. Matching ignores case and
lets white space and apostrophes vary; it never matches inside a longer word.
"""

from __future__ import annotations

import dataclasses
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from desktop.core.errors import FileError

DEFAULT_STAND_IN = "[redacted]"
#: Parts of a name shorter than this are not taken out alone ("Le", "de").
MIN_NAME_PART = 3
#: Fields never redacted: digests (a phone pattern could match hex digits) and fixed labels.
_KEEP_FIELDS = frozenset(
    {"sha256", "source_sha256", "exported_at", "app", "version", "style", "format", "encoding",
     "style_label", "kind", "extension", "missing"}
)  # fmt: skip

_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
# A phone number: optional +country, optional (area), then digit groups split by space, dot
# or hyphen; at least 9 digits (or 7 after + or a bracketed area code) so ISO dates, years
# and times are left alone.
_PHONE = r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,5}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,5}){1,5}|\+?\d{9,15}"
_APOSTROPHES = "'’ʼ‘"


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _phone_like(text: str) -> bool:
    """A phone number has 9+ digits, or 7+ after a `+` or a bracketed area code; an ISO
    date is not one."""
    digits = sum(ch.isdigit() for ch in text)
    if _ISO_DATE.fullmatch(text):
        return False
    return digits >= 9 or (digits >= 7 and text.startswith(("+", "(")))


class RuleKind(StrEnum):
    NAME = "name"
    PHRASE = "phrase"
    EMAIL = "email"
    PHONE = "phone"


class RedactionFileError(FileError):
    """A redaction list that cannot be read."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One thing to take out. `text` is the name or phrase (unused for patterns)."""

    kind: RuleKind
    text: str = ""
    pseudonym: str = ""

    def stand_in(self, *, quoted: bool) -> str:
        """What replaces a match: the pseudonym (else "[redacted]"), bracketed in quotes."""
        value = self.pseudonym.strip() or DEFAULT_STAND_IN
        if quoted and not (value.startswith("[") and value.endswith("]")):
            value = f"[{value}]"
        return value

    @property
    def label(self) -> str:
        """The pseudonym without brackets, for a person's name in citation details."""
        return (self.pseudonym.strip() or DEFAULT_STAND_IN).strip("[]").strip() or "redacted"

    def patterns(self) -> list[str]:
        """Regular-expression alternatives for this rule, longest first."""
        if self.kind is RuleKind.EMAIL:
            return [_EMAIL]
        if self.kind is RuleKind.PHONE:
            return [_PHONE]
        words = self.text.split()
        if not words:
            return []
        texts = [self.text]
        if self.kind is RuleKind.NAME and len(words) > 1:
            texts += [w.strip(".,") for w in words if len(w.strip(".,")) >= MIN_NAME_PART]
        return [_flexible(t) for t in sorted(set(texts), key=len, reverse=True) if t]

    def to_mapping(self) -> dict[str, str]:
        return {"kind": str(self.kind), "text": self.text, "pseudonym": self.pseudonym}


def _base(ch: str) -> str:
    """A letter without its accents ("é" -> "e"); other characters unchanged."""
    return unicodedata.normalize("NFKD", ch)[0] if ch.isalpha() else ch


def _fold(text: str) -> str:
    """Letters and digits only, without accents, case-folded ("Lávrov-2" -> "lavrov2")."""
    return re.sub(r"\W", "", "".join(_base(ch) for ch in text)).casefold()


@lru_cache(maxsize=1)
def _accented() -> dict[str, str]:
    """Base letter -> every Latin letter that is it with accents (À-ɏ, Latin Extended)."""
    variants: dict[str, str] = {}
    for code in range(0xC0, 0x250):
        ch = chr(code)
        base = _base(ch)
        if ch.isalpha() and base != ch and base.isascii():
            variants[base.lower()] = variants.get(base.lower(), "") + ch.lower() + ch.upper()
    return variants


def _flexible(text: str) -> str:
    """A literal that lets white space, the kind of apostrophe and accents vary ("Jose
    Lopez" also finds "José López", and "José" finds "Jose")."""
    out = []
    for ch in " ".join(text.split()):
        if ch == " ":
            out.append(r"\s+")
        elif ch in _APOSTROPHES:
            out.append(f"[{_APOSTROPHES}]")
        elif ch.isalpha() and _base(ch).isascii():
            base = _base(ch).lower()
            variants = re.escape(_accented().get(base, ""))
            out.append(f"[{re.escape(base)}{variants}][\u0300-\u036f]*")  # NFD accents too
        else:
            out.append(re.escape(ch))
    return "".join(out)


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of text a rule takes out, and the rule."""

    start: int
    end: int
    rule: Rule


@dataclass(frozen=True)
class Redaction:
    """An ordered list of rules; earlier rules win where matches overlap."""

    rules: tuple[Rule, ...] = ()
    _compiled: re.Pattern[str] | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        groups = []
        for number, rule in enumerate(self.rules):
            alternatives = rule.patterns()
            if alternatives:
                groups.append(f"(?P<r{number}>{'|'.join(alternatives)})")
        if groups:
            # never inside a longer word: no letter or digit right before or after
            pattern = rf"(?<![\w@])(?:{'|'.join(groups)})(?![\w@])"
            object.__setattr__(self, "_compiled", re.compile(pattern, re.IGNORECASE))

    def __bool__(self) -> bool:
        return self._compiled is not None

    @classmethod
    def of(cls, terms: Iterable[str] = (), rules: Iterable[Rule] = ()) -> Redaction:
        """Rules plus plain terms (`--redact TERM`: a phrase, or a name when capitalised)."""
        out = list(rules)
        for term in terms:
            if term.strip():
                out.append(rule_for_term(term))
        return cls(tuple(out))

    def spans(self, text: str) -> list[Span]:
        """Where the rules match in `text`, in order, not overlapping."""
        if self._compiled is None or not text:
            return []
        found = []
        for match in self._compiled.finditer(text):
            name = match.lastgroup
            if name is None:
                continue
            rule = self.rules[int(name[1:])]
            if rule.kind is RuleKind.PHONE and not _phone_like(match.group()):
                continue
            found.append(Span(match.start(), match.end(), rule))
        return found

    def inside_words(self, text: str) -> bool:
        """True when a name or phrase of the list occurs anywhere in `text`, even inside a
        longer word or with its spaces left out (record keys: "lavrov2021euronews")."""
        folded = _fold(text)
        for rule in self.rules:
            parts = [rule.text] if rule.kind is RuleKind.PHRASE else rule.text.split()
            for part in parts:
                needle = _fold(part)
                if needle and len(needle) >= MIN_NAME_PART and needle in folded:
                    return True
        return bool(self.spans(text))

    def apply(self, text: str, *, quoted: bool = False) -> str:
        """`text` with every match replaced by its rule's stand-in."""
        spans = self.spans(text)
        if not spans:
            return text
        out, last = [], 0
        for span in spans:
            out.append(text[last : span.start])
            out.append(span.rule.stand_in(quoted=quoted))
            last = span.end
        out.append(text[last:])
        return "".join(out)

    def to_json(self) -> str:
        return json.dumps({"rules": [r.to_mapping() for r in self.rules]}, ensure_ascii=False,
                          indent=2) + "\n"  # fmt: skip


def rule_for_term(term: str) -> Rule:
    """A `--redact` term: "email" / "phone" name the patterns; a term with a capital letter
    is a name (its parts are taken out too); anything else is a phrase. "TERM=PSEUDONYM"
    gives a pseudonym."""
    text, _, pseudonym = term.partition("=")
    text = text.strip()
    if text.lower() in ("email", "e-mail", "emails"):
        return Rule(RuleKind.EMAIL, "", pseudonym.strip())
    if text.lower() in ("phone", "phones", "telephone"):
        return Rule(RuleKind.PHONE, "", pseudonym.strip())
    kind = RuleKind.NAME if any(ch.isupper() for ch in text) else RuleKind.PHRASE
    return Rule(kind, text, pseudonym.strip())


def rules_from_mapping(data: Any, where: str) -> tuple[Rule, ...]:
    """Rules from the stored JSON form: {"rules": [{"kind", "text", "pseudonym"}]}."""
    items = data.get("rules") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise RedactionFileError(where, 'must hold a list of rules ({"rules": [...]})')
    rules = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise RedactionFileError(where, f"rule {number} is not an object")
        try:
            kind = RuleKind(str(item.get("kind", "phrase")))
        except ValueError:
            raise RedactionFileError(
                where, f"rule {number} has an unknown kind (name, phrase, email, phone)"
            ) from None
        text = str(item.get("text") or "")
        if kind in (RuleKind.NAME, RuleKind.PHRASE) and not text.strip():
            raise RedactionFileError(where, f"rule {number} has no text")
        rules.append(Rule(kind, text, str(item.get("pseudonym") or "")))
    return tuple(rules)


def load_file(path: str | Path) -> Redaction:
    """A redaction list from a file: JSON (as saved by the window) or plain text with one
    term per line (`Name=Pseudonym`; `#` starts a comment)."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise RedactionFileError(file, "file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RedactionFileError(file, f"cannot be read ({exc.__class__.__name__})") from None
    if text.lstrip().startswith(("{", "[")):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise RedactionFileError(file, f"is not valid JSON (line {exc.lineno})") from None
        return Redaction(rules_from_mapping(data, str(file)))
    terms = [line.strip() for line in text.splitlines()]
    return Redaction.of(t for t in terms if t and not t.startswith("#"))


def save_file(redaction: Redaction, path: str | Path) -> None:
    """Store a redaction list as JSON (atomically)."""
    from desktop.core.export.base import write_atomically

    write_atomically(path, redaction.to_json().encode("utf-8"))


# -- applying it to what goes out ------------------------------------------------------------

T = TypeVar("T")


def redact_value(value: T, redaction: Redaction, *, quoted: bool = False) -> T:
    """`value` with every string inside it redacted: strings, tuples, lists, dicts and frozen
    dataclasses (walked field by field; digests and fixed labels are kept). Quotes keep their
    elisions; citations are quote text (bracketed stand-ins); citation details name a redacted
    person by the pseudonym alone."""
    if not redaction:
        return value
    return _walk(value, redaction, quoted)  # type: ignore[no-any-return]


def _walk(value: Any, redaction: Redaction, quoted: bool) -> Any:
    from desktop.core.citations import Citation, CitationRecord
    from desktop.core.quotes import Quote

    if isinstance(value, Enum) or value is None or isinstance(value, int | float | bytes):
        return value
    if isinstance(value, str):
        return redaction.apply(value, quoted=quoted)
    if isinstance(value, Quote):
        return _redact_quote(value, redaction)
    if isinstance(value, CitationRecord):
        return redact_record(value, redaction)
    if isinstance(value, Citation):
        quoted = True  # a citation's parts carry the quote's words (AP's sentence too)
    if isinstance(value, tuple):
        return tuple(_walk(v, redaction, quoted) for v in value)
    if isinstance(value, list):
        return [_walk(v, redaction, quoted) for v in value]
    if isinstance(value, Mapping):
        return {k: _walk(v, redaction, quoted) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in dataclasses.fields(value):
            if not f.init or f.name in _KEEP_FIELDS:
                continue
            old = getattr(value, f.name)
            new = _walk(old, redaction, quoted or f.name in ("words", "text", "before", "after"))
            if new is not old and new != old:
                changes[f.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value


def _redact_quote(quote: Any, redaction: Redaction) -> Any:
    """A quote with its words redacted as one text (a name or phrase running into an elided
    part is still found), its elisions moved to the same words of the redacted text so
    `words()` still drops them. An elision edge inside a redacted stretch moves to the end of
    its stand-in, so the stand-in shows and nothing of the name does."""
    text = quote.text
    spans = redaction.spans(text)
    pieces: list[str] = []
    moves: list[tuple[int, int, int]] = []  # (old start, old end, new end) of each span
    last = shift = 0
    for span in spans:
        stand_in = span.rule.stand_in(quoted=True)
        pieces += [text[last : span.start], stand_in]
        shift += len(stand_in) - (span.end - span.start)
        moves.append((span.start, span.end, span.end + shift))
        last = span.end
    pieces.append(text[last:])

    start: int = quote.start

    def moved(offset: int) -> int:
        relative, delta = offset - start, 0
        for old_start, old_end, new_end in moves:
            if relative >= old_end:
                delta = new_end - old_end
            elif relative > old_start:  # inside the stretch: after its stand-in
                return start + new_end
            else:
                break
        return offset + delta

    elisions = tuple((moved(a), moved(b)) for a, b in quote.elisions)
    return dataclasses.replace(
        quote,
        text="".join(pieces),
        end=moved(quote.end),
        elisions=tuple((a, b) for a, b in elisions if a < b),
        before=redaction.apply(quote.before, quoted=True),
        after=redaction.apply(quote.after, quoted=True),
        speaker=redaction.apply(quote.speaker) if quote.speaker else quote.speaker,
    )


def redact_record(record: Any, redaction: Redaction) -> Any:
    """Citation details with a redacted interviewee, interviewer or byline named by the
    pseudonym alone ("Source A", as one family name), every other string in the record (a
    person's role, the labels the transcript gave them, the title…) redacted as text, and a
    record key that named someone derived afresh."""

    def person(name: str) -> str:
        spans = redaction.spans(name)
        if not spans:
            return name
        return spans[0].rule.label + ","  # "Source A,": one family name, no given names

    changes: dict[str, Any] = {}
    for f in dataclasses.fields(record):
        if not f.init:
            continue
        value = getattr(record, f.name)
        if f.name == "interviewees":
            changes[f.name] = tuple(
                dataclasses.replace(_walk(p, redaction, False), name=person(p.name))
                for p in value
            )
        elif f.name in ("interviewer", "byline") and value:
            changes[f.name] = person(value)
        elif f.name == "key":  # "lavrov2021": no word boundary, so look inside words
            changes[f.name] = "" if redaction.inside_words(value) else value
        else:
            changes[f.name] = _walk(value, redaction, False)
    return dataclasses.replace(record, **changes)


def redact_records(records: Mapping[str, Any], redaction: Redaction) -> dict[str, Any]:
    """Every record of a path -> citation details mapping, redacted."""
    return {path: redact_record(r, redaction) for path, r in records.items()}


def redact_citations(citations: Sequence[T], redaction: Redaction) -> list[T]:
    """Citations (copy with citation) with every part redacted, stand-ins bracketed."""
    return [redact_value(c, redaction, quoted=True) for c in citations]
