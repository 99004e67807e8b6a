"""People, not labels: the person a speaker label stands for, and where the name was found.

Transcripts label speakers by role (`QUESTION`, `Q`, `MODERATOR`, `SPEAKER_00`) or by title and
surname in capitals (`SECRETARY BLINKEN`, `MR. EARNEST`). A citation must name a person
(issue 12, citations.md §1.6), so each label is resolved here:

- a role label is the person the transcript names for it: an alias the import linked (the
  title's "with Andrea Mitchell of MSNBC"), an `Interviewer: Name` header line, "Interview of
  … by NAME", "Deposition of NAME" (for `A`), a witness stating their name as their first
  answer, or a full name in the title or lede whose given name the other side says in the
  first answer ("Well, first, Andrea"); when nobody is named (`Q` in a briefing, `SPEAKER_00`,
  `THE COURT`, `SENIOR ADMINISTRATION OFFICIAL`) it stays unnamed and the styles leave it out
  (§1.6);
- an office alone (`THE PRESIDENT`) is the holder the title names ("President Biden"), with
  the given name an early turn gives the office holder ("President Joe Biden");
- titles and honorifics (`MR.`, `SECRETARY`, `PRESIDENT`, `DR.`) are never given names: they
  are taken off, and an office title is kept apart (AP names it before the name, AP-2);
- a surname in capitals becomes the full name the title, lede or header states
  (`SECRETARY BLINKEN` + "Secretary Antony J. Blinken" -> Antony J. Blinken), else the given
  name a question addresses to the speaker just before they answer ("Thanks, Jen" -> Jen
  Psaki), else the surname in proper case (`Earnest`).

Words a line began with (`So:`, `Finally:`), call signs (`LCC`) and first-name labels
(`Kelly`) are kept as what they are. Every resolved name says where it came from ("from the
title"), so the window can show it and the user can correct it. Our own rules: name finders
for free text (spaCy and the like) need model files and still do not know that `QUESTION` is
Andrea Mitchell.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from desktop.core.citations.lexicon import is_capitalised_name, is_common
from desktop.core.importers.speakers import is_anonymous, name_key, role_from_label
from desktop.core.lazy_regex import lazy
from desktop.core.model import Role, Speaker, Transcript


def _words(text: str) -> frozenset[str]:
    """A word list written as one string (long vocabularies stay readable)."""
    return frozenset(text.split())


#: Courtesy titles: said before a name, never part of it, not an office (AP drops them).
HONORIFICS = _words(
    "mr mrs ms miss mx messrs dr prof professor sir dame lord lady rev reverend fr m mme mlle"
    " herr frau señor senor sra sr hon honorable the"
)

#: Office titles: taken off the name, kept as the person's title (`Secretary`, `Press Secretary`).
OFFICES = _words(
    """
    secretary president vice ambassador amb senator sen representative rep congressman
    congresswoman governor gov mayor minister prime chancellor general gen admiral adm colonel
    col captain capt lieutenant lt sergeant sgt major commander judge justice chairman
    chairwoman chair chairperson director commissioner administrator spokesperson spokesman
    spokeswoman deputy under assistant press principal national security adviser advisor
    attorney counsel king queen prince princess pope father sister rabbi imam sheikh emir
    leader majority minority whip speaker first lady coordinator special envoy chief staff
    foreign defense defence state interior finance treasury trade homeland acting
    secretary-general undersecretary us u.s uk mp mep premier chairman-elect president-elect
    moderator host anchor presenter surgeon doctor
    """
)

#: Labels of a court record's bench and officers: a role, never a person's name.
COURT_LABELS = frozenset(
    {"the court", "court", "the judge", "the clerk", "the bailiff", "the reporter"}
)

_TOKEN = lazy(r"[^\s,;:()\[\]{}“”\"«»|/—–]+")
_PARTICLES = _words("de du des la le van von der den ten da di do dos bin ibn al el")


@dataclass(frozen=True, slots=True)
class ResolvedPerson:
    """Who a speaker label stands for. `name` is None when the transcript names nobody."""

    label: str
    name: str | None
    #: Where the name came from, as the window says it ("from the title").
    source: str
    #: An office taken off the label or found before the name ("Secretary"), or None.
    office: str | None = None
    role: Role = Role.UNKNOWN

    @property
    def is_named(self) -> bool:
        return self.name is not None


def strip_titles(name: str) -> tuple[list[str], list[str]]:
    """(title words, name words): `SECRETARY BLINKEN` -> (["SECRETARY"], ["BLINKEN"]);
    `MR. EARNEST` -> (["MR."], ["EARNEST"]). Titles are taken off the front only."""
    words = name.split()
    titles: list[str] = []
    while words and words[0][:1].isupper() and _is_title(words[0]) and len(words) > 1:
        titles.append(words.pop(0))
    return titles, words


def _is_title(word: str) -> bool:
    key = name_key(word)
    return key in HONORIFICS or key in OFFICES


def is_title_word(word: str) -> bool:
    """`Secretary`, `Mr.`, `President`: a courtesy or office title, never a name."""
    return _is_title(word)


def _office(titles: Iterable[str]) -> str | None:
    """The office among title words, in proper case: `SECRETARY` -> "Secretary"; courtesy
    titles alone give None."""
    kept = [w for w in titles if name_key(w) in OFFICES]
    return " ".join(proper_case(w) if w.isupper() else w for w in kept) or None


def is_shouting(text: str) -> bool:
    """True when every letter is a capital (`SECRETARY BLINKEN`, `JEN PSAKI`)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters if c.lower() != c.upper())


def _mostly_capitals(word: str) -> bool:
    """`McFARLANE`, `MacDONALD`: capitals but for a name prefix, as hearing records write."""
    letters = [c for c in word if c.isalpha()]
    upper = sum(1 for c in letters if c.isupper())
    return len(letters) > 3 and upper >= len(letters) - 2 and upper > 2


def proper_case(word: str) -> str:
    """`BLINKEN` -> `Blinken`, `JEAN-PIERRE` -> `Jean-Pierre`, `O'MALLEY` -> `O'Malley`,
    `MCENANY` -> `McEnany`, `U.S.` and `J.` unchanged; particles inside a name stay lower."""
    if re.fullmatch(r"(?:[^\W\d_]\.)+", word):
        return word  # initials: `J.`, `U.S.`

    def one(part: str) -> str:
        low = part.lower()
        if low.startswith("mc") and len(low) > 3:
            return "Mc" + low[2:3].upper() + low[3:]
        return low[:1].upper() + low[1:]

    out = re.sub(r"[^\W\d_]+", lambda m: one(m.group()), word)
    return out


def proper_name(text: str) -> str:
    """A name written in capitals, in proper case (`JEN PSAKI` -> `Jen Psaki`, `McFARLANE` ->
    `McFarlane`); other text is left as written (`Antony J. Blinken`)."""
    if not is_shouting(text):
        return " ".join(proper_case(w) if _mostly_capitals(w) else w for w in text.split())
    words = text.split()
    return " ".join(
        w.lower() if i and name_key(w) in _PARTICLES else proper_case(w)
        for i, w in enumerate(words)
    )


@dataclass(frozen=True, slots=True)
class _Found:
    name: str
    office: str | None


def find_full_name(surname: str, text: str | None) -> _Found | None:
    """The fullest name ending in `surname` that `text` writes: given names and initials
    before it, titles before them kept apart ("Press Secretary Josh Earnest")."""
    if not text or not surname:
        return None
    tokens = [(m.group(), m.start()) for m in _TOKEN.finditer(text)]
    want = name_key(surname)
    best: _Found | None = None
    for index, (token, _) in enumerate(tokens):
        if name_key(token.rstrip(".")) != want and name_key(token) != want:
            continue
        given: list[str] = []
        at = index - 1
        while at >= 0:
            word = tokens[at][0]
            gap = text[tokens[at][1] + len(word) : tokens[at + 1][1]]
            if gap.strip():  # punctuation between the words: the name ends there
                break
            if _is_title(word) or not _name_like(word) or name_key(word) in _MINOR:
                break
            if given and not _is_initial(word) and is_common(word):
                break  # only the name next to the surname may be a word too ("Josh")
            given.insert(0, word)
            at -= 1
            if len(given) >= _MAX_GIVEN:
                break
        if not any(len(w.rstrip(".")) > 1 for w in given):
            continue  # only initials (or nothing) before the surname
        titles: list[str] = []
        while at >= 0 and _is_title(tokens[at][0]) and name_key(tokens[at][0]) != "the":
            gap = text[tokens[at][1] + len(tokens[at][0]) : tokens[at + 1][1]]
            if gap.strip():
                break
            titles.insert(0, tokens[at][0])
            at -= 1
        name = proper_name(" ".join([*given, tokens[index][0].rstrip(".,")]))
        office = _office(titles)
        if (
            titles
            and at >= 0
            and _name_like(tokens[at][0])
            and name_key(tokens[at][0]) not in _MINOR
        ):
            office = None  # "… Communications Advisor John Kirby": only the end of an office
        found = _Found(name, office)
        if best is None or len(found.name) > len(best.name):
            best = found
    return best


_MAX_GIVEN = 3
#: Small words a run of capitalised headline words has between names ("… One With Josh").
_MINOR = _words(
    "a an the and but or nor for so yet as at by from in into of off on onto over"
    " per to up upon via with within without among about after before en"
)


def _is_initial(word: str) -> bool:
    return bool(re.fullmatch(r"(?:[^\W\d_]\.)+", word))


def _is_sentence_word(label: str) -> bool:
    """A label that is words a line began with (`So`, `Finally`, `question is`), not a name:
    it starts in lower case, or it is one of the small words that open a spoken sentence.
    (Not the lexicon: `Rose` and `Hope` are names too.)"""
    words = label.split()
    if not words or is_shouting(label):
        return False
    if not words[0][:1].isupper():
        return True
    first = words[0].lower()
    return len(words) == 1 and (first in _OPENERS or first in _NOT_VOCATIVE)


#: Words that open a spoken sentence and end up before a colon ("So: …", "Obviously: …").
_OPENERS = _words(
    "obviously finally basically actually anyway however meanwhile again therefore honestly"
    " frankly clearly certainly indeed moreover secondly thirdly lastly because although"
    " when while if yeah ok okay um uh oh"
)


def _is_code(word: str) -> bool:
    """`LCC`, `CC`, `PAO`, `AA`: three capitals or fewer (or no vowel) is a code or initials,
    not a surname to put in proper case."""
    letters = [c for c in word if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters):
        return False
    return len(letters) <= 3 or not any(c in "AEIOUY" for c in letters)


def _name_like(word: str) -> bool:
    """A given name or an initial: capitalised (`Antony`, `J.`, `JEN`), not a sentence word."""
    core = word.strip("'’.")
    if not core or not core[0].isalpha():
        return False
    if not core[0].isupper():
        return False
    return not word.endswith(":")


_HEADER_LINE = lazy(
    r"\b(?P<role>(?i:interviewer|interviewed by|moderator|host|reporter|interviewee|narrator"
    r"|guest|respondent|witness|deponent))"
    r"\s*:\s*(?P<name>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*(?!\s*:)){1,3})",
)
#: "Deposition of John Doe", "Testimony of …", "Interview with …": who answers, by the title.
_ANSWERED_BY = lazy(
    r"\b(?i:deposition|testimony|examination|statement|interview|conversation)\s+"
    r"(?i:of|with)\s+(?:(?i:the\s+)?[A-Z][\w’'.-]*\s+){0,2}?"
    r"(?P<name>[A-Z][\w’'-]+(?:\s+(?:[A-Z]\.\s+)?[A-Z][\w’'-]+){1,2})"
)
_VOCATIVE = lazy(
    r"(?:^|\b(?:thanks|thank you|well|yes|no|so|first|okay|ok|look|sure),\s*"
    r"(?:first,\s*)?)(?P<name>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?=\s*[,.!?])"
    r"|,\s*(?P<end>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\s*[.!?]",
)


def vocatives(text: str) -> list[str]:
    """Given names the text addresses someone by: "Well, first, Andrea, we are …" -> Andrea;
    "Thanks, Jen." -> Jen; "Can you respond, Josh?" -> Josh."""
    head = text[:400]
    out: list[str] = []
    for match in _VOCATIVE.finditer(head):
        word = match.group("name") or match.group("end")
        if (
            word
            and not _is_title(word)
            and word.lower() not in _NOT_VOCATIVE
            and is_given_name(word)
        ):
            out.append(word)
    return out


def is_given_name(word: str) -> bool:
    """A word that can be a given name: not a common word (`Jen`, `Andrea`), or one the word
    lists also write capitalised as a name (`Josh`, `Mark`); `Yeah`, `Objection`, `Honestly`
    are only words."""
    return not is_common(word) or is_capitalised_name(word)


#: Capitalised words that follow a comma without naming anyone.
_NOT_VOCATIVE = _words(
    "and but or so well yes no first second thanks thank okay ok look sure now then also"
    " again sir madam everyone everybody guys folks all please right exactly absolutely"
    " i you we he she they it this that there what why how when where who hi hello hey"
    " good morning afternoon evening night welcome great thank god"
)


def _texts(transcript: Transcript) -> list[tuple[str, str | None]]:
    """The header texts names are looked for in, with the words that say where."""
    meta = transcript.metadata
    return [("from the title", meta.title), ("from the lede", meta.lede)]


def _where(name: str, transcript: Transcript) -> str:
    for source, text in _texts(transcript):
        if text and find_full_name(name.split()[-1], text) is not None:
            return source
    return "from the transcript"


def resolve_speaker(speaker: Speaker, transcript: Transcript) -> ResolvedPerson:
    """The person behind one speaker of the transcript (see the module docstring)."""
    label = speaker.name.strip().rstrip(":：").strip()
    role = speaker.role
    if is_anonymous(label) or name_key(label) in COURT_LABELS or is_description(label):
        return ResolvedPerson(label, None, "not named in the transcript", role=role)
    if _is_role_label(label):
        return _resolve_role_label(speaker, transcript)
    if _is_sentence_word(label):
        # `So:`, `Obviously:`, `question is:` — words a line began with, not a name
        return ResolvedPerson(label, None, "not a name", role=role)
    titles, words = strip_titles(label)
    if not words or (len(words) == 1 and _is_title(words[0])):
        return _resolve_office_label(speaker, transcript)
    office = _office(titles)
    if not titles and len(words) == 1 and _is_code(words[0]):
        # `LCC`, `PAO`, `CC`: a call sign or initials, kept as written
        return ResolvedPerson(label, words[0], "from the label", office, role)
    if len(words) >= 2 and not all(len(w.rstrip(".")) == 1 for w in words[:-1]):
        return ResolvedPerson(label, proper_name(" ".join(words)), "from the label", office, role)
    surname = words[-1]
    if not titles and not is_shouting(label):
        # `Kelly`, `Ali`: a podcast's first-name label, or a surname written as a name; it is
        # what the transcript calls the person, and no title or capitals ask for more
        return ResolvedPerson(label, proper_name(surname), "from the label", office, role)
    fuller = _fuller_alias(speaker, surname)
    if fuller is not None:
        return ResolvedPerson(label, fuller, _where(fuller, transcript), office, role)
    for source, text in _texts(transcript):
        found = find_full_name(surname, text)
        if found is not None:
            return ResolvedPerson(label, found.name, source, office or found.office, role)
    given = _addressed_name(speaker, transcript) if len(surname.rstrip(".")) > 1 else None
    if given is not None and name_key(given) != name_key(surname):
        name = f"{given} {proper_name(surname)}"
        return ResolvedPerson(label, name, f"{_ASKED} (“…, {given}”)", office, role)
    return ResolvedPerson(label, proper_name(surname), "from the label", office, role)


#: Nouns that end a label describing someone unnamed (`SENIOR ADMINISTRATION OFFICIAL`).
_ROLE_NOUNS = _words(
    "official officials aide aides staff staffer participant participants member members"
    " officer spokesperson spokesman spokeswoman reporter reporters correspondent journalist"
    " narrator announcer voice voices interpreter translator operator panelist panelists"
    " audience caller student person man woman crowd attendee attendees protester protesters"
    " representative source"
)


def is_description(label: str) -> bool:
    """`SENIOR ADMINISTRATION OFFICIAL`, `WHITE HOUSE AIDE`, `STAFF`: a label that describes
    an unnamed person (a role noun after common words), not a name."""
    words = [w.strip(".,") for w in label.split()]
    if not words or name_key(words[-1]) not in _ROLE_NOUNS:
        return False
    return all(is_common(w) or _is_title(w) for w in words[:-1])


def _is_role_label(label: str) -> bool:
    """`QUESTION`, `Q`, `MODERATOR`, `THE INTERVIEWER`, `AUDIENCE MEMBER`, `THE WITNESS`: a
    role, no name (`MODERATOR LEE` names Lee)."""
    if name_key(label) in ("the witness", "witness", "the deponent", "deponent"):
        return True
    if role_from_label(label) is None:
        return False
    words = name_key(label).split()
    return (
        len(words) == 1
        or words[0] == "the"
        or role_from_label(words[-1]) is not None
        or (words[-1] in {"member", "question"})
    )


def _fuller_alias(speaker: Speaker, surname: str) -> str | None:
    """An alias of the speaker that is a fuller name with the same surname."""
    for alias in speaker.aliases:
        _, words = strip_titles(alias.split(",")[0])
        if len(words) >= 2 and name_key(words[-1]) == name_key(surname):
            return proper_name(" ".join(words))
    return None


def _resolve_role_label(speaker: Speaker, transcript: Transcript) -> ResolvedPerson:
    """`QUESTION`, `Q`, `INTERVIEWER`, `MODERATOR`, `A`: the name the transcript links to it."""
    label, role = speaker.name, speaker.role
    for alias in speaker.aliases:
        base = alias.split(",")[0].strip()
        if name_key(base) == name_key(label) or role_from_label(base) is not None:
            continue
        _, words = strip_titles(base)
        if len(words) >= 2:
            name = proper_name(" ".join(words))
            return ResolvedPerson(label, name, _where(name, transcript), role=role)
    wanted = _role_word(role)
    for _source, text in _texts(transcript):
        for match in _HEADER_LINE.finditer(text or ""):
            if _role_word(role_from_label(match.group("role").split()[0]) or role) != wanted:
                continue
            _, words = strip_titles(match.group("name").strip())
            if len(words) >= 2:
                return ResolvedPerson(
                    label, proper_name(" ".join(words)), "from the header", role=role
                )
    if role is not None and role.asks:
        for source, text in _texts(transcript):
            by = _INTERVIEW_BY.search(text or "")
            if by is not None:
                name = proper_name(by.group("name").rstrip(".,"))
                return ResolvedPerson(label, name, source, role=role)
    elif role in (Role.INTERVIEWEE, Role.GUEST) or name_key(label) == "the witness":
        for source, text in _texts(transcript):
            answered = _ANSWERED_BY.search(text or "")
            if answered is not None:
                _, words = strip_titles(answered.group("name"))
                if len(words) >= 2:
                    return ResolvedPerson(label, proper_name(" ".join(words)), source, role=role)
    own = _name_line(speaker, transcript)
    if own is not None:
        return ResolvedPerson(label, own[0], own[1], role=role)
    introduced = _introduced(speaker, transcript)
    if introduced is not None:
        return ResolvedPerson(label, introduced[0], introduced[1], role=role)
    named = _named_in_first_answer(speaker, transcript)
    if named is not None:
        return ResolvedPerson(label, named[0], named[1], role=role)
    return ResolvedPerson(label, None, "not named in the transcript", role=role)


_NAME_RUN = r"(?P<name>[A-Z][\w’'-]+(?:\s+(?:[A-Z]\.\s+)?[A-Z][\w’'-]+){1,2})"
#: A host saying who they are: "I'm Ari Shapiro", "This is Anderson Cooper".
_SELF = lazy(r"\b(?i:I'm|I’m|I am|this is|my name is)\s+" + _NAME_RUN)
#: A host introducing the guest: "My guest today is Jane Roe", "joining us now is …".
_GUEST = lazy(
    r"\b(?i:my guests? (?:today |tonight |this week )?(?:is|are)|joining (?:me|us)"
    r"(?: now| today| tonight)? (?:is|are)|joined (?:now |today )?by|please welcome)\s+"
    r"(?:(?i:the|former|author|professor|economist|writer|journalist|historian)\s+)*" + _NAME_RUN
)


#: Labels that stand for many people asking (reporters at a briefing, an audience).
_MANY_ASKERS = _words("q question questions reporter reporters audience caller questioner")


def _introduced(speaker: Speaker, transcript: Transcript) -> tuple[str, str] | None:
    """A role label's name as a broadcast says it: the host's own "I'm Ari Shapiro" in one of
    their first turns, or a guest the host introduces before the guest first speaks ("My guest
    today is Jane Roe")."""
    turns = transcript.turns
    first = next((i for i, t in enumerate(turns) if t.speaker == speaker.id), None)
    if first is None:
        return None
    pattern, whose = (_SELF, [t for t in turns if t.speaker == speaker.id][:2])
    if speaker.role.asks and (
        name_key(speaker.name) in _MANY_ASKERS or is_press_event(transcript.metadata.title)
    ):
        return None  # `Q` is every reporter: one saying "this is Andrea Shalal" names only her
    if not speaker.role.asks:
        pattern, whose = _GUEST, [t for t in turns[:first] if t.speaker != speaker.id]
    for turn in whose:
        match = pattern.search(turn.text[:600])
        if match is None:
            continue
        words = match.group("name").split()
        if is_given_name(words[0]) and not _is_title(words[0]) and not is_common(words[-1]):
            phrase = match.group(0).strip()
            return " ".join(words), f"from the transcript (“{phrase}”)"
    return None


#: "Interview of President Trump by Jamie Little": who asked, as the title says it.
_INTERVIEW_BY = lazy(
    r"\b(?:interview|interviewed|conversation|q&a)\b[^.;:!?]{0,120}?\bby\s+"
    r"(?P<name>[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){1,3})",
    re.IGNORECASE,
)
#: Titles whose "by …" names who speaks ("Press Gaggle by Press Secretary …").
_GIVEN_BY = lazy(
    r"^\W*(?:background\s+|on-the-record\s+)?(?:press\s+(?:gaggle|briefing|call|conference)"
    r"|briefing|remarks|statement|readout|news\s+conference)\b.*?\bby\b(?P<rest>.*)$",
    re.IGNORECASE,
)


#: Titles of press events, where a moderator calls on reporters and interviews nobody.
_PRESS_EVENT = lazy(
    r"\b(?:press|news)\s+(?:gaggle|briefing|call|conference|availability|statements?)\b"
    r"|\bbriefing\b|\bteleconference\b",
    re.IGNORECASE,
)


def is_press_event(title: str | None) -> bool:
    """A briefing, gaggle, press call or news conference, by its title."""
    return bool(title) and _PRESS_EVENT.search(title or "") is not None


def gives_the_briefing(name: str, title: str | None) -> bool:
    """True when the title says the person gives the event ("Press Gaggle by … and NSC
    Coordinator … John Kirby"): a speaker who asks some questions there is no interviewer."""
    match = _GIVEN_BY.match(title or "")
    if match is None:
        return False
    givers = _AFTER_GIVERS.split(match.group("rest"), maxsplit=1)[0]
    surname = name_key(name.split()[-1])
    return any(name_key(word) == surname for word in _TOKEN.findall(givers))


#: Where the list of who gives an event ends ("… by President Biden in a CNN Town Hall with
#: Anderson Cooper": the host is not one of them).
_AFTER_GIVERS = lazy(r"\b(?:with|in|at|on|aboard|en route|during|before|after)\b")


_NAME_LINE = lazy(
    r"(?P<name>[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+(?!\s*:)){1,3})(?:\s+[A-Z][\w ]{0,20}:.*)?"
)


def _name_line(speaker: Speaker, transcript: Transcript) -> tuple[str, str] | None:
    """(name, where) when the role label's first turn is only a name: a header line read as
    a turn (`Interviewer: Mary King`, maybe with the next field on the same line), or a
    witness stating their name (`A. Daniel Price.`)."""
    index, first = next(
        ((i, t.text) for i, t in enumerate(transcript.turns) if t.speaker == speaker.id),
        (0, ""),
    )
    line = first.strip().split("\n")[0]
    if len(line) > 80 or "?" in line:
        return None
    match = _NAME_LINE.fullmatch(line.rstrip("."))
    if match is None:
        return None
    words = match.group("name").split()
    if not is_given_name(words[0].rstrip(".")) or _is_title(words[0]):
        return None  # "Thank You", "Good Morning": words, not a name
    name = proper_name(" ".join(words))
    before = transcript.turns[:index]
    header = line.rstrip(".") != match.group("name") or all(
        _NAME_LINE.fullmatch(t.text.strip().split("\n")[0].rstrip(".")) for t in before
    )
    return name, "from the header" if header else f"from their first answer (“{line}”)"


def _role_word(role: Role | None) -> str:
    return "asks" if role is not None and role.asks else "answers"


def _resolve_office_label(speaker: Speaker, transcript: Transcript) -> ResolvedPerson:
    """`THE PRESIDENT`, `THE VICE PRESIDENT`: the name the title gives that office."""
    label, role = speaker.name, speaker.role
    office_words = [w for w in label.split() if name_key(w) != "the"]
    office = " ".join(proper_case(w) if w.isupper() else w for w in office_words)
    pattern = r"\b" + r"\s+".join(re.escape(w.rstrip(".")) for w in office_words)
    pattern += r"\.?\s+(?P<name>(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'-]+)"
    for source, text in _texts(transcript):
        match = re.search(pattern, text or "", re.IGNORECASE)
        if match is not None:
            words: list[str] = []
            for word in match.group("name").split():
                if _is_title(word) or (words and is_common(word)):
                    break  # "President Biden Before Marine One": the name ends at "Before"
                words.append(word)
            if words and _name_like(words[-1]):
                name = proper_name(" ".join(words))
                if len(words) == 1:  # "President Biden": the transcript may say "Joe Biden"
                    fuller = _office_and_name(office_words, name, transcript)
                    if fuller is not None:
                        return ResolvedPerson(
                            label, fuller, f"{source} and the transcript", office, role
                        )
                return ResolvedPerson(label, name, source, office, role)
    return ResolvedPerson(label, None, "not named in the transcript", office, role)


#: Turns searched for an office holder's full name ("… with President Joe Biden").
_INTRODUCTION_TURNS = 12


def _office_and_name(office_words: list[str], surname: str, transcript: Transcript) -> str | None:
    """The full name the first turns give the holder of an office with this surname
    ("President Joe Biden"): only right after the office, so a relative (Jill Biden) is
    never taken."""
    office = r"\s+".join(re.escape(w.rstrip(".")) for w in office_words)
    pattern = re.compile(
        rf"\b(?i:{office})\.?\s+((?:[A-Z][\w’'-]+\s+|[A-Z]\.\s+){{1,2}}){re.escape(surname)}\b"
    )
    for turn in transcript.turns[:_INTRODUCTION_TURNS]:
        match = pattern.search(turn.text)
        if match is not None:
            given = match.group(1).split()
            if not any(_is_title(w) for w in given):
                return " ".join([*given, surname])
    return None


def _named_in_first_answer(speaker: Speaker, transcript: Transcript) -> tuple[str, str] | None:
    """The asker's full name when the first answer addresses them by a given name that a
    full name in the title or lede starts with ("Well, first, Andrea" + "Andrea Mitchell")."""
    turns = transcript.turns
    first = next((i for i, t in enumerate(turns) if t.speaker == speaker.id), None)
    if first is None:
        return None
    answer = next((t for t in turns[first + 1 :] if t.speaker and t.speaker != speaker.id), None)
    if answer is None:
        return None
    others = {
        name_key(w)
        for s in transcript.speakers
        if s.id != speaker.id
        for w in strip_titles(s.name)[1]
    }
    for given in vocatives(answer.text):
        for source, text in _texts(transcript):
            for match in re.finditer(
                rf"\b{re.escape(given)}\s+((?:[A-Z]\.\s+)?[A-Z][\w’'-]+)", text or ""
            ):
                surname = match.group(1).split()[-1]
                if name_key(surname) in others or _is_title(surname):
                    continue  # the answerer's own name, or "Andrea Secretary"
                return f"{given} {match.group(1)}", f"{source} (“{given}” in the first answer)"
    return None


def _addressed_name(speaker: Speaker, transcript: Transcript) -> str | None:
    """The given name questions address this speaker by, said in a question just before
    their answer ("Thanks, Jen."): only a name said before at least two of their answers and
    before half of those that follow a question with any name, so a briefing where officials
    hand over to each other ("Thanks, Jeff. Dr. Fauci?") gives no guess."""
    turns = transcript.turns
    askers = {s.id for s in transcript.speakers if s.role.asks or _is_role_label(s.name)}
    counts: Counter[str] = Counter()
    named_turns = 0
    for index in range(1, min(len(turns), 2000)):
        turn, before = turns[index], turns[index - 1]
        if turn.speaker != speaker.id or before.speaker not in askers:
            continue
        said = set(vocatives(before.text))
        if said:
            named_turns += 1
            counts.update(said)
    if not counts:
        return None
    name, count = counts.most_common(1)[0]
    if count < _ADDRESSED_AT_LEAST or count * 2 < named_turns:
        return None
    if sum(1 for c in counts.values() if c == count) > 1:
        return None
    return name


#: Questions that must address a speaker by the same given name before it is used.
_ADDRESSED_AT_LEAST = 2


def resolves_to_nobody(label: str) -> bool:
    """A label that names no person by itself: a role (`Q`, `MODERATOR`), an anonymous
    `SPEAKER_00`, the bench (`THE COURT`) or an office alone (`THE PRESIDENT`)."""
    if is_anonymous(label) or name_key(label) in COURT_LABELS or _is_role_label(label):
        return True
    if is_description(label):
        return True
    titles, words = strip_titles(label)
    return not words or (bool(titles) and len(words) == 1 and _is_title(words[0]))


def resolve_people(transcript: Transcript) -> dict[str, ResolvedPerson]:
    """Every speaker of the transcript, by speaker id, as the person a citation names. A
    given name guessed from questions for two people at once names neither."""
    people = {s.id: resolve_speaker(s, transcript) for s in transcript.speakers}
    guessed = Counter(
        p.name.split()[0] for p in people.values() if p.name and p.source.startswith(_ASKED)
    )
    for sid, person in people.items():
        if person.name and person.source.startswith(_ASKED) and guessed[person.name.split()[0]] > 1:
            surname = person.name.split()[-1]
            people[sid] = ResolvedPerson(
                person.label, surname, "from the label", person.office, person.role
            )
    return people


_ASKED = "from a question"


def role_phrase(label: str | None, role: Role | None = None) -> str:
    """How a sentence names an unnamed speaker: "a reporter" for `Q`, "the moderator",
    "the court", else "the interviewee"."""
    key = name_key(label or "")
    if label and is_description(label) and not _is_role_label(label):
        described = " ".join(w.lower() if not _is_initial(w) else w for w in label.split())
        return f"{_article(described)} {described}"  # "a senior administration official"
    if key in COURT_LABELS:
        return "the court" if "court" in key or "judge" in key else key
    found = role_from_label(label) if label else None
    role = found or role
    if role is Role.INTERVIEWER:
        return (
            "a reporter"
            if key in {"q", "question", "reporter", "questioner"}
            else ("the interviewer")
        )
    if role is Role.HOST:
        return "the moderator" if key == "moderator" else "the host"
    if role is Role.AUDIENCE:
        return "a member of the audience"
    return "the interviewee"


def _article(phrase: str) -> str:
    return "an" if phrase[:1].lower() in "aeiou" else "a"


def label_names(labels: Sequence[str]) -> frozenset[str]:
    """Comparison keys of labels (case, dots and titles ignored) for matching a quote's
    speaker to a person: `SECRETARY BLINKEN` and `Blinken` share `blinken`."""
    keys: set[str] = set()
    for label in labels:
        keys.add(name_key(label))
        _, words = strip_titles(label)
        if words:
            keys.add(name_key(" ".join(words)))
    return frozenset(keys)
