"""Speaker labels: what counts as one, how labels of one person merge, and who asks.

Shared by every importer that sees speaker names (text, subtitles, Whisper, DOCX). The public
surface is small:
- `parse_label(raw)` -> `Label` or None: is `raw` a speaker label, and its name/affiliation;
- `split_inline(line)` / `split_alone(line)`: a `NAME: text` line, or a label on its own line;
- `name_alone(line)`: `MR. SMITH` alone without a colon, a label only if names repeat;
- `role_from_label(name)`: the role a generic label states (`QUESTION`, `MODERATOR`, `A`);
- `is_anonymous(name)`: `Speaker 2`, `Unknown Speaker`, `SPEAKER_00`;
- `is_initials(name)` / `initials_key(name)`: `UvdL` and the name it abbreviates;
- `section_label(line)`: `News:` alone on a line is a show-note section, not a speaker;
- `SpeakerBook`: collects labels in order, merges aliases (`merge_aliases`), assigns ids;
- `infer_roles(book, turn_keys, turn_texts, RoleContext(title, lede))`: roles from labels,
  affiliations, the title and lede, then from who asks the questions.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from itertools import chain, pairwise

from desktop.core.importers.cleanup import annotation_kind
from desktop.core.importers.clock import CLOCK, parse_clock
from desktop.core.importers.metadata import KNOWN_OUTLETS as _KNOWN_OUTLETS
from desktop.core.importers.metadata import looks_like_outlet
from desktop.core.importers.prefilter import guarded_search
from desktop.core.lazy_regex import lazy
from desktop.core.model import Role, Speaker, Turn

# --- what a label looks like ----------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    """A word list written as one string (long vocabularies stay readable)."""
    return frozenset(text.split())


#: Lower-case words allowed inside a name (`Ursula von der Leyen`, `Mohammed bin Salman`).
_PARTICLES = _words(
    "de du des la le van von der den ten ter da di do dos das del della y e al el bin "
    "ibn bint abu ben of the and &"
)

#: A list item's mark opening a line (`- `, `• `): what follows is the item, never a name.
_LIST_MARKS = frozenset(("- ", "– ", "• ", "+ ", "· "))

#: Labels that head a line with a colon but are not people (show notes, datelines, metadata).
_NOT_SPEAKERS = _words(
    "note notes nb n.b ps p.s news picks pick links link tags tag source sources photo "
    "photos video audio image credit credits update updated posted date time location "
    "place subject title re fw fwd summary transcript interview interviews chapters "
    "chapter timestamps timestamp disclaimer correction related warning http https tel "
    "phone email e-mail mail web website url example examples agenda topic topics theme "
    "themes dr participants present attendees keywords categories category remarks "
    "statement briefing contact copyright translation episode part section step round "
    "act scene figure table day watch listen live breaking shownotes sponsor sponsors "
    "resources references bio about today yesterday tomorrow name"
    # "interview" in other scripts heads titles (`专访：…`), never a speaker
    " 专访 采访 访谈 專訪 採訪 訪談 インタビュー 인터뷰 интервью مقابلة حوار"
) | frozenset(
    (
        "show notes",
        "editor's note",
        "editor’s note",
        "editors note",
        "read more",
        "see also",
        "also present",
        "filed under",
        "press briefing",
        "press release",
        "for immediate release",
        "full transcript",
        "translated by",
        "question of the day",
        "english version",
        "original version",
        "in this episode",
        "links mentioned",
    )
)

#: First words that make a label a heading (`Part 1:`, `Episode 12:`), not a person.
_NOT_SPEAKER_FIRST = _words("part chapter section episode step round act scene figure table day")

#: Courtesy and office titles dropped when comparing names (`SECRETARY BLINKEN` ~ `Blinken`).
_TITLES = _words(
    "mr mrs ms miss mx dr m mme mlle sir dame lord lady secretary president vice prime "
    "minister senator sen rep representative congressman congresswoman gov governor "
    "ambassador amb general gen admiral adm colonel col captain capt prof professor "
    "judge justice chancellor chairman chairwoman chair spokesperson spokesman "
    "spokeswoman director mayor king queen prince princess pope father sister rabbi "
    "imam herr frau señor senor sra sr dott on hon honorable foreign deputy state "
    "defense defence interior finance trade us u.s uk secretary-general mp"
)

#: Labels that state a role rather than a name, one word each (phrases below).
_GENERIC_ROLES: dict[str, Role] = {}
for _vocabulary, _role in (
    (
        "q i question questions questioner interviewer reporter journalist frage pregunta"
        " domanda pergunta вопрос journaliste entrevistador intervieweur السؤال سؤال 问 問"
        " 记者 記者 提问 質問",
        Role.INTERVIEWER,
    ),
    (
        "host co-host cohost moderator presenter anchor chair mc emcee animateur animatrice"
        " modérateur modératrice présentateur présentatrice moderador moderadora moderatore"
        " moderatorin 主持人 主持 司会 مقدم المذيع المقدم",
        Role.HOST,
    ),
    ("audience attendee caller questioner-from-the-floor الجمهور 观众 聽眾 観客", Role.AUDIENCE),
    (
        # research transcripts label the person interviewed `R`, `P`, Respondent, Participant
        "a r p answer interviewee respondent participant réponse respuesta risposta resposta"
        " ответ الجواب جواب 答 回答",
        Role.INTERVIEWEE,
    ),
    ("guest invité invitée gast invitado ospite 嘉宾 来宾 ضيف", Role.GUEST),
):
    for _word in _vocabulary.split():
        _GENERIC_ROLES[_word] = _role
for _phrase, _role in (
    ("audience member", Role.AUDIENCE),
    ("member of the audience", Role.AUDIENCE),
    ("audience question", Role.AUDIENCE),
    ("the interviewer", Role.INTERVIEWER),
    ("the reporter", Role.INTERVIEWER),
    ("the moderator", Role.HOST),
    ("the host", Role.HOST),
    ("co host", Role.HOST),
):
    _GENERIC_ROLES[_phrase] = _role

#: Labels that name nobody in particular; never merged with a person by surname.
_ANONYMOUS = lazy(
    r"(unknown|unidentified)( speaker| male| female| voice| person| man| woman)?( #?\d+)?"
    r"|speaker[ _]?\w{0,3}"
    r"|(male|female|man|woman|voice|participant|audience member|caller|student|person)( \d+)?",
    re.IGNORECASE,
)

_UNKNOWN = lazy(r"(unknown|unidentified)\b", re.IGNORECASE)

#: `nicolas-demorand`, `blaise-agüera-y-arcas`: lower-case words joined by `-` or `_` (any
#: script; the lower case is checked apart, as `re` has no lower-case letter class).
_SLUG = lazy(r"[^\W\d_][^\W_]*(?:[-_][^\W_]+)+")


@dataclass(frozen=True, slots=True)
class Label:
    """A speaker label taken apart: `M. Kelly (as translated)` -> name `M. Kelly`, notes."""

    raw: str
    name: str
    affiliation: str | None = None
    notes: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """Comparison key: case, dots, commas and hyphens ignored."""
        return name_key(self.name)


_KEY_PUNCTUATION = lazy(r"[.,'’\-_]+")
_BRACKETED_NOTE = lazy(r"\(([^()]*)\)|\[([^\[\]]*)\]")
_BRACKET_PAIRS = (("(", ")"), ("[", "]"), ("（", "）"), ("［", "］"), ("【", "】"))
_JOINED_INITIAL = lazy(r"\b([A-Z][a-z]{0,3}\.)(?=[A-Z][a-z])")


@lru_cache(maxsize=4096)
def name_key(name: str) -> str:
    """`M.Kelly`, `m. kelly` and `M Kelly` share a key."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    folded = _KEY_PUNCTUATION.sub(" ", folded)
    return " ".join(folded.split())


def slug_to_name(slug: str) -> str:
    """`nicolas-demorand` -> `Nicolas Demorand` (file-name style labels in Markdown exports)."""
    return " ".join(part.capitalize() for part in re.split(r"[-_]+", slug) if part)


def _word_ok(word: str, allow_lower: bool) -> bool:
    if word.endswith(".") and not _abbreviation(word):
        return False  # a full stop inside a label ends a sentence: `Oui. Non, …:` is speech
    core = word.strip(".,'’\"()-–&")
    if not core:
        return word in {"&", "-", "–"}
    first = next((c for c in core if c.isalpha()), None)
    if first is None:  # `2`, `2nd`, `#1` (NPR: `UNIDENTIFIED PERSON #1`)
        return core.isdigit() or bool(re.fullmatch(r"#?\d+[a-z]{0,2}", core))
    if first.isupper():
        return True
    if not first.islower():
        return True  # a script without case (Arabic, Chinese, Hebrew...)
    return core.casefold() in _PARTICLES or allow_lower


def _abbreviation(word: str) -> bool:
    """`M.`, `Mr.`, `SEN.`, `J.`, `U.S.`: a word that may end with a full stop in a name."""
    core = word.rstrip(".")
    if len(core) == 1 or "." in core:
        return True
    return core.casefold() in _TITLES or core.casefold() in {"st", "jr", "sr", "mme", "mlle"}


@lru_cache(maxsize=4096)  # a long transcript repeats a handful of labels thousands of times
def parse_label(raw: str, *, allow_slug: bool = False, allow_lower: bool = False) -> Label | None:
    """Take a label apart, or return None when `raw` does not name a speaker.

    `Efi Koutsokosta, euronews` -> name + affiliation; `M.Kelly (as translated)` -> `M. Kelly`
    with the note kept; `nicolas-demorand` -> `Nicolas Demorand` when `allow_slug`.
    """
    text = " ".join(raw.replace("\u00a0", " ").split()).strip("*_ ")
    if not text or len(text) > 100:
        return None
    if text[:2] in _LIST_MARKS:
        return None  # `- Possibility: …`, `• Pros: …`: an item of a list, not a speaker
    notes: list[str] = []
    affiliation: str | None = None

    def _paren(match: re.Match[str]) -> str:
        nonlocal affiliation
        inner = (match.group(1) or match.group(2) or "").strip()
        if annotation_kind(inner) is not None:
            notes.append(inner)
        elif affiliation is None and inner:
            affiliation = inner
        return " "

    text = _BRACKETED_NOTE.sub(_paren, text)
    text = " ".join(text.split())
    if any(text.count(opener) > text.count(closer) for opener, closer in _BRACKET_PAIRS):
        return None  # a bracket left open: the colon is inside it (`Part 1 (00:00 → 05:01)`)
    if "," in text:
        head, _, tail = text.partition(",")
        tail = tail.strip()
        if tail:
            affiliation = tail if affiliation is None else f"{tail} ({affiliation})"
        text = head.strip()
    if not text:
        return None
    if allow_slug and _SLUG.fullmatch(text) and text == text.lower():
        text = slug_to_name(text)
    text = _JOINED_INITIAL.sub(r"\1 ", text)  # M.Kelly -> M. Kelly
    words = text.split()
    if not 1 <= len(words) <= 6 or len(text) > 60:
        return None
    if not all(_word_ok(w, allow_lower) for w in words):
        return None
    if not any(c.isalpha() for c in text):
        return None
    if not allow_lower and all(w.casefold() in _PARTICLES for w in words):
        return None
    key = name_key(text)
    if key in _NOT_SPEAKERS or (key.split()[0] in _NOT_SPEAKER_FIRST and len(words) > 1):
        return None
    if key in _NOT_SPEAKERS or text.casefold().rstrip(".") in _NOT_SPEAKERS:
        return None
    if affiliation is not None and (len(affiliation) > 100 or len(affiliation.split()) > 12):
        return None
    return Label(
        raw=" ".join(raw.split()).strip("*_ "),
        name=text,
        affiliation=affiliation,
        notes=tuple(notes),
    )


# --- labels in lines ------------------------------------------------------------------------

_LEADING_CLOCK = lazy(rf"^(?P<ts>{CLOCK})\s*(?:[-–—|]\s*)?")
#: (The lookahead, implied by the rest, is a fast test: a digit before the line's first colon.)
_LABEL_WITH_CLOCK = lazy(
    r"^(?=[^:：\n\d]*+\d)(?P<label>[^:：\n]{1,100}?)\s*[\[(]?(?P<ts>(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?)"
    r"[\])]?\s?[:：]\s*(?P<rest>.*)$"
)
_LABEL_COLON = lazy(
    r"^(?P<label>[^:：\n]{1,100}?)(?:\s?:(?P<rest>(?:\s.*)?)|\s?：(?P<rest2>.*))$"
)
_BOLD_LABEL = lazy(
    r"^(?:\*\*|__)(?P<label>[^*_\n]{1,100}?)\s?(?:[:：]\s?(?:\*\*|__)|(?:\*\*|__)\s?[:：])"
    r"(?P<rest>.*)$"
)
#: `Michael | I’m Michael Stevens…` (podcast sites); a table row has more than one bar.
_LABEL_PIPE = lazy(r"^(?P<label>[^|\n]{1,60}?)\s+\|\s+(?P<rest>[^|\n]+)$")
_BARE_QA = lazy(r"^(?P<label>[QA])(?:\.\s+|\s{2,}|\t+)(?P<rest>\S.*)$")
#: The label forms `split_inline` reads, in the order it tries them.
_LABEL_FORMS = (_BOLD_LABEL, _LABEL_WITH_CLOCK, _BARE_QA, _LABEL_COLON, _LABEL_PIPE)


@cache
def label_form() -> tuple[re.Pattern[str], dict[int, tuple[str, str, str | None, str | None]]]:
    """`_LABEL_FORMS` as one compiled alternation, tried in the same order (the first form
    that matches is the one an alternation takes, as a loop over the forms would), with
    their groups renamed `f0_label`, `f1_rest`, ...; and for each group number, the form's
    (label, rest, time, second rest) group names. One match per line instead of five.
    Compiled on first use, as the forms are."""
    forms = [form.compiled() for form in _LABEL_FORMS]
    branches: list[str] = []
    groups: dict[int, tuple[str, str, str | None, str | None]] = {}
    for number, form in enumerate(forms):
        pattern = form.pattern.removeprefix("^")
        for name in form.groupindex:
            pattern = pattern.replace(f"(?P<{name}>", f"(?P<f{number}_{name}>")
        branches.append(f"(?:{pattern})")
    combined = re.compile("^(?:" + "|".join(branches) + ")")
    first = 1
    for number, form in enumerate(forms):  # each form's groups are numbered after the last's
        names = (
            f"f{number}_label",
            f"f{number}_rest",
            f"f{number}_ts" if "ts" in form.groupindex else None,
            f"f{number}_rest2" if "rest2" in form.groupindex else None,
        )
        groups.update(dict.fromkeys(range(first, first + form.groups), names))
        first += form.groups
    return combined, groups


def _may_start_with_clock(text: str) -> bool:
    """`_LEADING_CLOCK` can match only text starting with a bracket or a digit."""
    first = text[:1]
    return first in ("[", "(") or first.isdigit()


@dataclass(frozen=True, slots=True)
class LabelledLine:
    """A line that starts with a speaker label: the label, the words after it, a start time."""

    label: Label
    rest: str
    start: float | None = None


def split_inline(
    line: str, *, allow_slug: bool = False, allow_lower: bool = False
) -> LabelledLine | None:
    """`NAME: text`, `NAME:  text`, `**Name:** text`, `Q  text`, `Q. text`, `[0:49] Name: text`.

    Returns None when the line does not start with a speaker label. The words may be empty
    (a label alone on its line); callers decide what that means. `allow_lower` admits
    lower-case words (`La ministre :`, `interviewer:`); callers use it only for labels that
    repeat through the file.
    """
    text = line.strip()
    head = text[:130]
    if ":" not in head and "：" not in head and " | " not in head and text[:1] not in "QA":
        return None  # fast path: most lines of a long transcript are not labelled
    start: float | None = None
    clock = _LEADING_CLOCK.match(text) if _may_start_with_clock(text) else None
    if clock is not None and clock.end() < len(text):
        start = parse_clock(clock.group("ts"))
        text = text[clock.end() :]
    form, form_groups = label_form()
    match = form.match(text)  # the first of `_LABEL_FORMS` that matches
    if match is None or match.lastindex is None:
        return None
    label_group, rest_group, time_group, rest2_group = form_groups[match.lastindex]
    raw = match.group(label_group)
    found_rest = match.group(rest_group)
    if raw.rstrip().endswith(("http", "https")) or (found_rest or "").startswith("//"):
        return None
    label = parse_label(raw, allow_slug=allow_slug, allow_lower=allow_lower)
    if label is not None and allow_lower and len(label.name.split()) > 3:
        return None
    if label is None:
        return None
    if time_group is not None and match.group(time_group):
        start = parse_clock(match.group(time_group))
    rest = found_rest or (match.group(rest2_group) if rest2_group else None) or ""
    rest = rest.strip().removeprefix("**").removeprefix("__").strip()
    if start is None and _may_start_with_clock(rest):
        late_clock = _LEADING_CLOCK.match(rest)
        if late_clock is not None and late_clock.end() < len(rest):
            start = parse_clock(late_clock.group("ts"))  # `Jane: [00:00:03] Welcome`
            rest = rest[late_clock.end() :]
    return LabelledLine(label, rest, start)


def split_alone(line: str, *, allow_slug: bool = False) -> LabelledLine | None:
    """A label standing alone on its line (`Efi Koutsokosta, euronews:`), words below it."""
    found = split_inline(line, allow_slug=allow_slug)
    if found is None or found.rest:
        return None
    return found


_NAME_ALONE_END = lazy(r"[,;:!?…\"“”«»)\]]$")


def name_alone(line: str) -> Label | None:
    """`MR. SMITH` or `Lex Fridman` alone on a line, no colon: a possible speaker label.

    Only a candidate: a heading or a title has the same shape, so callers accept these
    labels only when the same names repeat through the file (see `labelled.py`).
    """
    text = line.strip()
    if not text or len(text) > 40 or ":" in text or "：" in text or _NAME_ALONE_END.search(text):
        return None
    words = text.split()
    if len(words) > 5 or (text.endswith(".") and not _abbreviation(words[-1])):
        return None
    if any(c.isdigit() for c in text) and not _ANONYMOUS.fullmatch(text):
        return None  # `Part 2`, `1918`: headings and years; `Speaker 2` is a label
    return parse_label(text)


_SECTION_LABEL = lazy(r"^(?P<label>[^\W\d_][\w'’ &-]{0,40}?)\s?[:：]$")


def section_label(line: str) -> str | None:
    """`News:`, `Show Notes:`, `DR :` alone on a line: a show-note section, not a speaker."""
    match = _SECTION_LABEL.match(line.strip())
    if match is None:
        return None
    label = match.group("label").strip()
    key = name_key(label)
    if not key or len(key.split()) > 4:
        return None
    if key in _NOT_SPEAKERS or key.split()[0] in _NOT_SPEAKER_FIRST:
        return label
    return None


def role_from_label(name: str) -> Role | None:
    """The role a generic label states: `QUESTION` -> interviewer, `MODERATOR` -> host; also
    a role word before a name or number (`Moderator Lee`, `PARTICIPANT 3`)."""
    key = name_key(name).strip(" :")
    role = _GENERIC_ROLES.get(key)
    if role is None:
        first, _, rest = key.partition(" ")
        if len(first) >= 4 and rest and len(rest.split()) <= 3:
            role = _GENERIC_ROLES.get(first)
    return role


def role_from_affiliation(affiliation: str | None) -> Role | None:
    """`STEVE INSKEEP, HOST` / `FAREED ZAKARIA, CNN HOST`: a role word in the affiliation."""
    if not affiliation:
        return None
    for word in name_key(affiliation).split():
        role = _GENERIC_ROLES.get(word) if len(word) >= 4 else None
        if role in (Role.HOST, Role.INTERVIEWER, Role.GUEST):
            return role
    return None


def is_anonymous(name: str) -> bool:
    """`Unknown Speaker`, `Speaker 2`, `SPEAKER_00`: labels that name nobody in particular."""
    return bool(_ANONYMOUS.fullmatch(name.strip()))


_INITIALS = lazy(r"[^\W\d_]{2,5}")


def is_initials(name: str) -> bool:
    """`SM`, `UvdL`, `MK`: a speaker's initials used as the label."""
    return bool(_INITIALS.fullmatch(name)) and sum(1 for c in name if c.isupper()) >= 2


def initials_key(name: str) -> str:
    """`Ursula von der Leyen` -> `uvdl`, `Mary King` -> `mk` (titles kept: they are spoken)."""
    return "".join(word[0] for word in name_key(name).split())


def surname_key(name: str) -> str:
    """The last word of a name once titles are dropped (`SECRETARY BLINKEN` -> `blinken`)."""
    words = [w for w in name_key(name).split() if w not in _TITLES]
    return words[-1] if words else ""


def _fuller(words: list[str], initials: list[str], surname: str) -> bool:
    """`words` spell out a name that `initials` + `surname` abbreviate (`vladimir putin`)."""
    if len(words) < 2 or words[-1] != surname or len(words) - 1 < len(initials):
        return False
    if len(words) == len(initials) + 1 and all(len(w) == 1 for w in words[:-1]):
        return False  # the same abbreviation, not a fuller name
    return all(w.startswith(i) for w, i in zip(words, initials, strict=False))


def _core_words(name: str) -> list[str]:
    return [w for w in name_key(name).split() if w not in _TITLES]


# --- the speakers of one transcript ---------------------------------------------------------


@dataclass(slots=True)
class _Person:
    labels: list[Label] = field(default_factory=list)
    role: Role | None = None
    extra_aliases: list[str] = field(default_factory=list)
    affiliation: str | None = None
    #: The full name the file states for a person labelled by initials (`MK` is Mary King).
    full_name: str | None = None
    #: `raw` of every label in `labels` (a set: one spelling used 10^5 times is one lookup).
    raws: set[str] = field(default_factory=set)

    @property
    def name(self) -> str:
        if self.full_name:
            return self.full_name
        # The fullest spelling names the person; ties go to the first seen.
        best = self.labels[0]
        for label in self.labels[1:]:
            if len(_core_words(label.name)) > len(_core_words(best.name)):
                best = label
        return best.name


class SpeakerBook:
    """Labels in order of appearance -> people, with aliases merged, ids and roles.

    Usage: `key = book.add(label)` for every labelled turn; then `book.finish(...)` gives
    the speakers and `book.speaker_id(key)` the id of the speaker a key became.
    """

    def __init__(self) -> None:
        self._people: dict[str, _Person] = {}
        self._merged: dict[str, str] = {}
        self._ids: dict[str, str] = {}
        self._speakers: list[Speaker] = []

    def add(self, label: Label) -> str:
        """Record one use of a label; return its key (stable for one spelling)."""
        key = label.key
        person = self._people.setdefault(key, _Person())
        if label.raw not in person.raws:
            person.raws.add(label.raw)
            person.labels.append(label)
        if person.affiliation is None and label.affiliation:
            person.affiliation = label.affiliation
        return key

    def keys(self) -> list[str]:
        """Distinct label keys in order of first appearance."""
        return list(self._people)

    def set_role(self, key: str, role: Role) -> None:
        """Fix the role of the person behind `key` (used by importers that know it)."""
        self._people[self._resolve(key)].role = role

    def add_alias(self, key: str, alias: str, affiliation: str | None = None) -> None:
        """Link another name to a person (`QUESTION` is Andrea Mitchell of MSNBC)."""
        person = self._people[self._resolve(key)]
        if alias not in person.extra_aliases:
            person.extra_aliases.append(alias)
        if affiliation and person.affiliation is None:
            person.affiliation = affiliation

    def set_full_name(self, key: str, name: str) -> None:
        """Show `name` for the person labelled by initials; the initials stay an alias."""
        self._people[self._resolve(key)].full_name = name

    def merge_aliases(self) -> None:
        """Merge `Blinken` / `SECRETARY BLINKEN` / `M. Kelly` into the one full name they share.

        A short label (a surname, or initials and a surname: `V. Putin`) merges only when
        exactly one fuller name has the same surname (and initials), and never when either
        label is generic (`QUESTION`) or anonymous (`Speaker 2`).

        Candidates are looked up in an index keyed by surname and leading initials, not by
        comparing every label with every other: 10^6 distinct labels used to never finish.
        """
        keys = list(self._people)
        cores = {key: _core_words(self._people[key].labels[0].name) for key in keys}
        fuller_index = self._fuller_index(keys, cores)
        for key in keys:
            person = self._people[key]
            name = person.labels[0].name
            core = cores[key]
            initials = core[:-1]
            if role_from_label(name) or is_anonymous(name) or not core:
                continue
            if any(len(word) > 1 for word in initials):
                continue  # a full name of its own
            bucket = fuller_index.get((core[-1], *initials), [])
            live = [other for other in bucket if other not in self._merged]
            if len(live) != len(bucket):
                fuller_index[(core[-1], *initials)] = live  # drop merged ones once
            fuller = [other for other in live[:3] if other != key]
            if len(fuller) == 1:
                target = self._people[fuller[0]]
                target.labels.extend(person.labels)
                target.affiliation = target.affiliation or person.affiliation
                target.role = target.role or person.role
                self._merged[key] = fuller[0]
        self._merge_initials(keys)
        for key in self._merged:
            self._people.pop(key, None)

    def _fuller_index(
        self, keys: list[str], cores: dict[str, list[str]]
    ) -> dict[tuple[str, ...], list[str]]:
        """(surname, first letters of the leading words...) -> keys of names that spell out
        labels with that surname and those initials (what `_fuller` accepts), in key order."""
        index: dict[tuple[str, ...], list[str]] = {}
        for key in keys:
            name = self._people[key].labels[0].name
            words = cores[key]
            if len(words) < 2 or is_anonymous(name):
                continue
            leading = words[:-1]
            for count in range(len(leading) + 1):
                if count == len(leading) and all(len(word) == 1 for word in leading):
                    continue  # the same abbreviation, not a fuller name
                initials = tuple(word[0] for word in leading[:count])
                index.setdefault((words[-1], *initials), []).append(key)
        return index

    def _merge_initials(self, keys: list[str]) -> None:
        """`SM:` / `UvdL:` after `Shona Murray (SM):` / `Ursula von der Leyen (UvdL):`: initials
        merge with the one person whose name they abbreviate or who was introduced with them."""
        by_initials: dict[str, list[str]] = {}
        by_affiliation: dict[str, list[str]] = {}
        for other in keys:
            if other in self._merged or is_initials(self._people[other].labels[0].name):
                continue
            person = self._people[other]
            by_initials.setdefault(initials_key(person.name), []).append(other)
            if person.affiliation:
                by_affiliation.setdefault(name_key(person.affiliation), []).append(other)
        for key in keys:
            if key in self._merged:
                continue
            name = self._people[key].labels[0].name
            if not is_initials(name) or role_from_label(name):
                continue
            targets = [
                other
                for other in dict.fromkeys(by_initials.get(key, []) + by_affiliation.get(key, []))
                if other != key
                and other not in self._merged
                and (
                    initials_key(self._people[other].name) == key
                    or name_key(self._people[other].affiliation or "") == key
                )
            ]
            if len(targets) != 1:
                continue
            target = self._people[targets[0]]
            if name_key(target.affiliation or "") == key:
                target.affiliation = None  # `(SM)` introduced the initials, not an affiliation
            target.labels.extend(self._people[key].labels)
            target.role = target.role or self._people[key].role
            self._merged[key] = targets[0]

    def _resolve(self, key: str) -> str:
        while key in self._merged:
            key = self._merged[key]
        return key

    def people(self) -> list[str]:
        """Keys of the distinct people, in order of first appearance."""
        return list(self._people)

    def name_of(self, key: str) -> str:
        return self._people[self._resolve(key)].name

    def role_of(self, key: str) -> Role | None:
        return self._people[self._resolve(key)].role

    def affiliation_of(self, key: str) -> str | None:
        return self._people[self._resolve(key)].affiliation

    def finish(self) -> list[Speaker]:
        """Assign ids (slugs of the names, unique) and build the `Speaker` objects."""
        taken: dict[str, int] = {}
        speakers: list[Speaker] = []
        for key, person in self._people.items():
            speaker_id = _unique_id(person.name, taken)
            self._ids[key] = speaker_id
            aliases = [label.raw.rstrip(":： ") for label in person.labels]
            aliases.extend(person.extra_aliases)
            speakers.append(
                Speaker(
                    id=speaker_id,
                    name=person.name,
                    role=person.role or Role.UNKNOWN,
                    affiliation=person.affiliation,
                    aliases=tuple(dict.fromkeys(aliases)),
                )
            )
        self._speakers = speakers
        return speakers

    def speaker_id(self, key: str) -> str:
        """The id the person behind `key` got in `finish()`."""
        return self._ids[self._resolve(key)]


def _ascii_fold(char: str) -> str:
    """`é` -> `e` for Latin letters; other scripts stay as they are (Arabic `ؤ` stays whole)."""
    decomposed = unicodedata.normalize("NFKD", char)
    if decomposed[:1].isascii() and decomposed[:1].isalnum():
        return "".join(c for c in decomposed if c.isascii())
    return char


def _unique_id(name: str, taken: dict[str, int]) -> str:
    """A slug of `name` not in `taken` (`smith`, `smith-2`...). `taken` maps each id given
    to the next number to try for that base, so 10^5 people named alike stay linear."""
    folded = name.casefold()
    if not folded.isascii():
        folded = "".join(_ascii_fold(c) for c in folded)
    base = re.sub(r"[^\w]+", "-", folded)
    base = base.strip("-_") or "speaker"
    candidate, number = base, taken.get(base, 2)
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    taken[base] = max(number, taken.get(base, 2))
    taken.setdefault(candidate, 2)
    return candidate


# --- roles ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RoleContext:
    """What the header says about who is who: the title and the lede."""

    title: str | None = None
    lede: str | None = None


_INTERVIEWER_IN_TITLE = lazy(
    r"\bwith\s+(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3})\s+(?:of|from)\s+"
    r"(?P<outlet>[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,4})"
)
_NAME_OF_OUTLET = lazy(
    r"\b(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’.-]+){1,2})\s+(?:of|from|de)\s+"
    r"(?P<outlet>[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,3})"
)
_INTERVIEWED_BY = lazy(
    r"\b(?:interviewed by|interview by|asked by|conducted by|entretien réalisé par|"
    r"propos recueillis par|(?i:interview|conversation|entretien)\b[^;!?\n]{0,120}?,\s*by)"
    r"\s+(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3})"
)


def interviewer_named(context: RoleContext) -> tuple[str, str | None] | None:
    """(name, outlet) of an interviewer the title or lede names ("… with Andrea Mitchell of
    MSNBC", "interviewed by …"), or None."""
    for text in (context.title, context.lede):
        if not text:
            continue
        match = _INTERVIEWER_IN_TITLE.search(text)
        if match is not None and looks_like_outlet(match.group("outlet")):
            return match.group("name"), match.group("outlet")
        match = _INTERVIEWED_BY.search(text)
        if match is not None:
            return match.group("name"), None
        for match in _NAME_OF_OUTLET.finditer(text):
            if looks_like_outlet(match.group("outlet")):
                return match.group("name"), match.group("outlet")
    return None


def _is_outlet_name(name: str) -> bool:
    """`Euronews:` or `LE MONDE :` as a label: the publication asks the questions."""
    return name_key(name).removeprefix("the ") in _KNOWN_OUTLETS


_INTERVIEW_WITH = lazy(
    r"\b(?:interview(?:s|ed)?|conversation|entretien|entrevista|intervista|gespräch|talks?"
    r"|spoke|sat down)\b[^;!?\n]{0,140}?\b(?:with|avec|con|mit)\s+"
    r"(?P<who>[^,;:()]{3,80})",
    re.IGNORECASE,
)


def interviewee_named(context: RoleContext) -> str | None:
    """The person an interview is "with", by the title or lede (`Interview with Jane Roe`)."""
    for text in (context.title, context.lede):
        if not text:
            continue
        for match in _INTERVIEW_WITH.finditer(text):
            run: list[str] = []
            for raw in match.group("who").split():
                word = raw.rstrip(".")
                ends_sentence = raw.endswith(".") and len(word) > 2 and not word.isupper()
                if word[:1].isupper() and name_key(word) not in _TITLES:
                    run.append(word)
                    if ends_sentence:
                        break
                elif run and len(run) >= 2:
                    break
                elif word.casefold() in {"of", "the", "de", "du"} or name_key(word) in _TITLES:
                    run = []
                else:
                    run = []
                    if not word[:1].isupper():
                        break
            if len(run) >= 2:
                return " ".join(run)
    return None


def _mentions(text: str | None, name: str) -> bool:
    if not text:
        return False
    surname = surname_key(name)
    if len(surname) < 3:
        return False
    return surname in name_key(text).split()


def infer_roles(
    book: SpeakerBook,
    turn_keys: Sequence[str | None],
    turn_texts: Sequence[str],
    context: RoleContext,
) -> None:
    """Give every person a role: from generic labels, affiliations, the title and lede, and
    finally from who asks the questions. Roles set by the importer are kept."""
    people = book.people()
    if not people:
        return
    named = interviewer_named(context)
    answering = interviewee_named(context)
    if answering is not None and named is not None and name_key(answering) == name_key(named[0]):
        answering = None
    letters = {key: book.name_of(key).strip(" .").casefold() for key in people}
    if {"p", "r"} <= set(letters.values()):
        # Spanish and Portuguese `P:` / `R:` (pregunta/pergunta, respuesta/resposta): P asks,
        # also when a stray `Q:` or `A:` turn sits among them
        for key, letter in letters.items():
            if letter in ("p", "r") and book.role_of(key) is None:
                book.set_role(key, Role.INTERVIEWER if letter == "p" else Role.INTERVIEWEE)
    for key in people:
        if book.role_of(key) is not None:
            continue
        name = book.name_of(key)
        generic = role_from_label(name)
        if generic is not None:
            book.set_role(key, generic)
            if generic is Role.INTERVIEWER and named is not None:
                book.add_alias(key, named[0], named[1])
            if generic is Role.INTERVIEWEE and answering is not None:
                book.add_alias(key, answering)  # `A` is the person the interview is with
            continue
        if is_anonymous(name):
            continue
        affiliation = book.affiliation_of(key)
        stated = role_from_affiliation(affiliation)
        if stated is not None:
            book.set_role(key, stated)
            continue
        if (affiliation and looks_like_outlet(affiliation)) or _is_outlet_name(name):
            book.set_role(key, Role.INTERVIEWER)
        elif named is not None and surname_key(named[0]) == surname_key(name):
            book.set_role(key, Role.INTERVIEWER)
            if name_key(named[0]) != name_key(name):
                book.add_alias(key, named[0], named[1])
            elif named[1]:
                book.add_alias(key, name, named[1])
    _roles_from_mentions(book, people, context)
    # one who answers everybody's questions is not the host, whatever their opening says
    # ("Good morning and welcome to the briefing" before the reporters' questions)
    answerer = _answerer_of_many(
        _named(book, people), turn_keys, _texts_by_key(turn_keys, turn_texts)
    )
    _roles_from_introductions(book, people, turn_keys, turn_texts, answerer)
    _roles_from_questions(book, people, turn_keys, turn_texts)


#: How a show's host opens it: `this is Changelog News`, `welcome to Practical AI`, `I'm
#: your host`; and names a co-host (`joined by my co-host, Chris`).
_HOST_OPENING = lazy(
    r"\b(?:(?i:i['’]m your host)|(?i:this is) [^.?!\n]{0,40}\b(?i:news|podcast|show|radio|hour"
    r"|weekly|daily|live|program|programme)\b|(?i:welcome (?:back )?to) (?:the |this )?[A-Z])",
)
_CO_HOST = lazy(r"\bmy co-?hosts?,?\s+(?P<name>[A-Z][\w'’-]+)")
#: Introductions come in the first turns of a show.
INTRODUCTION_TURNS = 6


def _roles_from_introductions(
    book: SpeakerBook,
    people: list[str],
    turn_keys: Sequence[str | None],
    texts: Sequence[str],
    answerer: str | None = None,
) -> None:
    """Whoever opens the show as its host is the host, and so is the co-host they name
    (never the `answerer` everybody else questions)."""
    for key, text in list(zip(turn_keys, texts, strict=False))[:INTRODUCTION_TURNS]:
        if key is None or key == answerer or book.role_of(key) is not None:
            continue
        opening = text[:600]
        if _HOST_OPENING.search(opening) is None and _CO_HOST.search(opening) is None:
            continue
        book.set_role(key, Role.HOST)
        co_host = _CO_HOST.search(opening)
        if co_host is None:
            continue
        first = co_host.group("name").casefold()
        for other in people:
            words = book.name_of(other).casefold().split()
            if other != key and words and words[0] == first and book.role_of(other) is None:
                book.set_role(other, Role.HOST)


def _roles_from_mentions(book: SpeakerBook, people: list[str], context: RoleContext) -> None:
    """Someone named in the title or lede who is not the interviewer is the interviewee."""
    has_interviewer = any(book.role_of(k) in (Role.INTERVIEWER, Role.HOST) for k in people)
    if not has_interviewer:
        return
    for key in people:
        if book.role_of(key) is not None or is_anonymous(book.name_of(key)):
            continue
        if _mentions(context.title, book.name_of(key)) or _mentions(
            context.lede, book.name_of(key)
        ):
            book.set_role(key, Role.INTERVIEWEE)


_QUESTION_MARK_CHARS = "?？؟"  # Latin, fullwidth (CJK) and Arabic marks
_QUESTION_MARKS = lazy(f"[{_QUESTION_MARK_CHARS}]")


def _question_share(mine: Sequence[str]) -> float:
    """Share of a person's turns (`mine`) that ask a question."""
    if not mine:
        return 0.0
    asks = sum(1 for t in mine if _asks(t))
    return asks / len(mine)


def _asks(text: str) -> bool:
    """A question mark (`_QUESTION_MARKS`) in the last 200 characters, or `?` in the first."""
    tail = text[-200:]  # substring tests: a regex call per turn cost more
    return any(mark in tail for mark in _QUESTION_MARK_CHARS) or "?" in text[:200]


def _texts_by_key(turn_keys: Sequence[str | None], texts: Sequence[str]) -> dict[str, list[str]]:
    """Each label key's turn texts, grouped in one pass (not one pass per person)."""
    grouped: dict[str, list[str]] = {}
    for key, text in zip(turn_keys, texts, strict=False):
        if key is not None:
            grouped.setdefault(key, []).append(text)
    return grouped


#: Labels of a court record's bench and officers: never guessed to be answering.
_COURT_LABELS = frozenset({"the court", "court", "the judge", "judge", "the clerk", "clerk",
                           "the bailiff", "bailiff", "the reporter"})
#: What a moderator says: calls on the next reporter, opens or closes the questions.
_MODERATOR_WORDS = lazy(
    r"\b(?:(?:next|last|final|one more|a few|two|first) questions?|take (?:a |one |two |some )?"
    r"(?:few )?questions?|^\W*(?:any )?questions?\W*$|go (?:to|ahead)"
    r"|thank you,? (?:everyone|all)|time for (?:about |just )?(?:one|two|a few|a couple)"
    r"|(?:a couple|just one|one) more\b|(?:have|got|need) to (?:wrap|stop|go|gather|land))",
    re.IGNORECASE,
)


def _moderates(mine: Sequence[str]) -> bool:
    """Most of this person's turns (`mine`) are short moderation lines ("Next question.")."""
    calls = sum(1 for t in mine if len(t) < 300 and guarded_search(_MODERATOR_WORDS, t))
    return bool(mine) and calls * 2 > len(mine)


def _role_beside_the_answerer(mine: Sequence[str]) -> Role:
    """The role of someone else in a session where one person answers many: they ask
    (interviewer), unless they only run the session (host) or never ask in several turns
    (a second guest answering beside the first)."""
    if _runs_the_session(mine):
        return Role.HOST
    if len(mine) >= 2 and _question_share(mine) == 0:
        return Role.INTERVIEWEE
    return Role.INTERVIEWER


def _runs_the_session(mine: Sequence[str]) -> bool:
    """Among people questioning one answerer, this one calls on the others or closes the
    session ("We'll do one more.", "We have to stop.") and never asks: short turns without a
    question mark, or moderation lines."""
    if _moderates(mine):
        return True
    return bool(mine) and all(len(t) < 300 and not _QUESTION_MARKS.search(t) for t in mine)


#: Share of the changes of speaker the one answerer of many askers takes part in.
_ANSWERER_SHARE = 0.8
#: Fewer changes of speaker than this are too few to tell who answers whom.
_ANSWERER_MIN_CHANGES = 10


def _answerer_of_many(
    named: Sequence[str], turn_keys: Sequence[str | None], by_key: dict[str, list[str]]
) -> str | None:
    """Who answers whom: the one person every change of speaker goes to or comes from, when
    two or more others talk to them and those others ask (questions) while they do not.

    That person is the one being questioned - a witness before a committee, a spokesperson
    before reporters - and the others are the askers, however many. With one asker this is
    an ordinary interview, and a moderator who calls on each panelist in turn asks the
    questions, so is not the answerer: both are left to the rules below.
    """
    people = set(named)
    sequence = [k for k in turn_keys if k is not None and k in people]
    changes = [(a, b) for a, b in pairwise(sequence) if a != b]
    if len(changes) < _ANSWERER_MIN_CHANGES:
        return None
    # counted in C, people in the order they first take part in a change (as a, then b)
    involved = Counter(chain.from_iterable(changes))
    partners: dict[str, set[str]] = {}
    for a, b in set(changes):  # each pair of people once: a few, however long the file
        partners.setdefault(a, set()).add(b)
        partners.setdefault(b, set()).add(a)
    hub = max(involved, key=involved.__getitem__)  # on a tie, the first to speak
    if involved[hub] < _ANSWERER_SHARE * len(changes) or len(partners[hub]) < 2:
        return None
    # the askers ask: most of their turns hold a question, few of the answerer's do
    asked = [t for k in partners[hub] for t in by_key.get(k, [])]
    own = _question_share(by_key.get(hub, []))
    others = _question_share(asked)
    if others < 0.5 or own * 2 > others:
        return None
    return hub


def _named(book: SpeakerBook, people: list[str]) -> list[str]:
    """The people whose turns tell who asks: named ones, or (`Speaker 1` / `Speaker 2` only)
    every numbered voice, since someone still asks and someone answers."""
    named = [k for k in people if not is_anonymous(book.name_of(k))]
    return named or [k for k in people if not _UNKNOWN.match(book.name_of(k))]


def _roles_from_questions(
    book: SpeakerBook, people: list[str], turn_keys: Sequence[str | None], texts: Sequence[str]
) -> None:
    """Who asks most is the interviewer (two people) or the host (three or more)."""
    by_key = _texts_by_key(turn_keys, texts)
    named = _named(book, people)
    askers = [k for k in named if book.role_of(k) in (Role.INTERVIEWER, Role.HOST)]
    unknown = [k for k in named if book.role_of(k) is None]
    if not unknown:
        return
    answerer = _answerer_of_many(named, turn_keys, by_key)
    if answerer is not None and book.role_of(answerer) is None:
        # a hearing, a press conference: several people ask, one answers them all
        book.set_role(answerer, Role.INTERVIEWEE)
        for key in unknown:
            if key == answerer or name_key(book.name_of(key)) in _COURT_LABELS:
                continue
            book.set_role(key, _role_beside_the_answerer(by_key.get(key, [])))
        return
    if not askers:
        shares = {k: _question_share(by_key.get(k, [])) for k in named}
        order = {k: i for i, k in enumerate(named)}
        # one question in one turn (a guest's aside) does not make the interviewer
        regular = [k for k in named if len(by_key.get(k, [])) >= 2] or named
        best = max(regular, key=lambda k: (shares[k], -order[k]))
        if shares[best] < 0.3:
            return
        # On a tie the first to speak asks: interviews open with the interviewer.
        if any(shares[k] == shares[best] for k in named if k != best) and best != named[0]:
            return
        if len(people) == 1:  # a show's single voice: a host, with nobody to interview
            book.set_role(best, Role.HOST)
        elif len(named) <= 2:
            book.set_role(best, Role.INTERVIEWER)
        else:
            book.set_role(best, Role.HOST)
        askers = [best]
    asker_role = book.role_of(askers[0])
    if len(named) > 2:
        for key in unknown:
            if _moderates(by_key.get(key, [])):
                book.set_role(key, Role.HOST)  # a briefing's spokesperson calling on reporters
    if any(role_from_label(book.name_of(k)) is Role.INTERVIEWEE for k in named):
        return  # `A` answers (a court record): the attorneys and the judge are not answering
    for key in named:
        if book.role_of(key) is not None or name_key(book.name_of(key)) in _COURT_LABELS:
            continue
        if asker_role is Role.HOST or len(named) > 2:
            book.set_role(key, Role.GUEST if asker_role is Role.HOST else Role.INTERVIEWEE)
        else:
            book.set_role(key, Role.INTERVIEWEE)


def merge_keys(keys: Iterable[str | None], book: SpeakerBook) -> list[str | None]:
    """Map label keys to speaker ids after `finish()` (None stays None)."""
    return [None if k is None else book.speaker_id(k) for k in keys]


def roles_from_turns(speakers: Sequence[Speaker], turns: Sequence[Turn]) -> list[Speaker]:
    """Roles for speakers an importer left unknown, from who asks the questions (the same
    rule the text engine applies): timed and ASR output (`SPEAKER_01` asking every question)
    and tables get interviewer and interviewee, or host and guests, too. Stated roles stay."""
    if not speakers or any(s.role in (Role.INTERVIEWER, Role.HOST) for s in speakers):
        return list(speakers)
    if all(s.role is not Role.UNKNOWN for s in speakers):
        return list(speakers)
    book = SpeakerBook()
    keys = {s.id: book.add(Label(raw=s.name, name=s.name)) for s in speakers}
    if len(set(keys.values())) != len(keys):
        return list(speakers)  # two speakers whose names compare equal: do not guess
    for speaker in speakers:
        if speaker.role is not Role.UNKNOWN:
            book.set_role(keys[speaker.id], speaker.role)
    turn_keys = [None if t.speaker is None else keys.get(t.speaker) for t in turns]
    _roles_from_questions(book, book.people(), turn_keys, [t.text for t in turns])
    return [
        replace(s, role=book.role_of(keys[s.id]) or Role.UNKNOWN) if s.role is Role.UNKNOWN else s
        for s in speakers
    ]
