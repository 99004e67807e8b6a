"""People across the library: the same person in many interviews, found by name and alias.

Why: a speaker is a label inside one transcript; a reporter wants "everything Blinken said",
across every interview. Each transcript's speakers are *appearances*; appearances that share a
personal name or alias (compared by `name_key`: case, accents of form and punctuation folded)
are one *person*. Labels that name nobody in particular (`QUESTION`, `Speaker 2`,
`SPEAKER_00`, initials) never join two interviews: the same label stands for different people.

The user corrects the grouping: `merge` two people (a surname label such as `SECRETARY
BLINKEN` and `Antony Blinken`), or `split` one appearance off to a person of its own. The
edits are kept in a small JSON file beside the library and applied every time the list is
built, so they survive re-imports. `expand_speakers` rewrites a query's `speaker:` terms to
every name of the people they match, so `speaker:` search finds a person under all the labels
the library knows them by.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from desktop.core.importers.speakers import is_anonymous, is_initials, name_key, role_from_label
from desktop.core.model import Transcript

#: The file of the user's merges and splits, in the data folder.
EDITS_FILE: Final = "people.json"
_SPEAKER_TERM: Final = re.compile(r'(?<![\w:])speaker:(?:"([^"]*)"|([^\s()"]+))', re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Appearance:
    """One speaker of one library transcript."""

    entry_id: int
    title: str
    date: str | None
    speaker_id: str
    label: str  # the speaker's name in that transcript
    names: tuple[str, ...]  # the label and every alias the import linked
    turns: int
    words: int

    @property
    def key(self) -> str:
        """Stable identity of the appearance: "entry/speaker"."""
        return f"{self.entry_id}/{self.speaker_id}"


@dataclass(frozen=True, slots=True)
class Person:
    """One person: a name, every name they go by, and their appearances."""

    key: str
    name: str
    names: tuple[str, ...]
    appearances: tuple[Appearance, ...]

    @property
    def interviews(self) -> int:
        return len({a.entry_id for a in self.appearances})

    @property
    def turns(self) -> int:
        return sum(a.turns for a in self.appearances)

    @property
    def words(self) -> int:
        return sum(a.words for a in self.appearances)


@dataclass(slots=True)
class PeopleEdits:
    """The user's corrections: merges (a person's key joined into another's) and appearances
    set apart from the person their names put them with."""

    merges: list[tuple[str, str]] = field(default_factory=list)
    apart: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, path: str | Path) -> PeopleEdits:
        """The stored edits; none when the file is missing or unreadable (never an error:
        the list is still right by names, only the user's corrections are missing)."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            merges = [(str(a), str(b)) for a, b in data.get("merges", [])]
            apart = {str(k) for k in data.get("apart", [])}
        except (OSError, ValueError, TypeError, AttributeError):
            return cls()
        return cls(merges, apart)

    def save(self, path: str | Path) -> None:
        """Write the edits atomically (a crash leaves the old file or the new one)."""
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        data = {"merges": [list(m) for m in self.merges], "apart": sorted(self.apart)}
        fd, tmp = tempfile.mkstemp(prefix=".people-", suffix=".json", dir=target.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(data, out, indent=1)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def merge(self, person: str, into: str) -> None:
        """Join the person keyed `person` into the one keyed `into`."""
        if person != into:
            self.merges.append((person, into))

    def split(self, appearance: str) -> None:
        """Set one appearance ("entry/speaker") apart as a person of its own."""
        self.apart.add(appearance)
        self.merges = [(a, b) for a, b in self.merges if a != _apart_key(appearance)]


def is_personal(name: str) -> bool:
    """Whether a label names someone in particular (may join two interviews)."""
    key = name_key(name).strip(" :")
    if not key or is_anonymous(name) or is_initials(name.strip()):
        return False
    return not (role_from_label(name) is not None and " " not in key)


def appearances_of(entry_id: int, transcript: Transcript, *, title: str | None = None,
                   date: str | None = None) -> list[Appearance]:
    """Every speaker of a transcript with their turn and word counts."""
    turns: dict[str, int] = {}
    words: dict[str, int] = {}
    for turn in transcript.turns:
        if turn.speaker is None:
            continue
        turns[turn.speaker] = turns.get(turn.speaker, 0) + 1
        words[turn.speaker] = words.get(turn.speaker, 0) + len(turn.text.split())
    found = []
    for speaker in transcript.speakers:
        names = tuple(dict.fromkeys((speaker.name, *speaker.aliases)))
        found.append(Appearance(
            entry_id, title or transcript.title, date if date is not None
            else transcript.metadata.date, speaker.id, speaker.name, names,
            turns.get(speaker.id, 0), words.get(speaker.id, 0),
        ))
    return found


def build_people(appearances: Sequence[Appearance], edits: PeopleEdits | None = None
                 ) -> list[Person]:
    """Group appearances into people (shared personal names), then apply the user's edits;
    the most-heard people first."""
    edits = edits or PeopleEdits()
    parent = list(range(len(appearances)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb

    holder: dict[str, int] = {}
    for i, appearance in enumerate(appearances):
        if appearance.key in edits.apart:
            continue
        for name in appearance.names:
            if not is_personal(name):
                continue
            key = name_key(name)
            if key in holder:
                union(i, holder[key])
            else:
                holder[key] = i

    def clusters() -> dict[int, list[int]]:
        groups: dict[int, list[int]] = {}
        for i in range(len(appearances)):
            groups.setdefault(find(i), []).append(i)
        return groups

    named: dict[int, tuple[str, str]] = {}  # root -> (key, display name) fixed by a merge
    for person, into in edits.merges:
        keys = {root: named.get(root) or _key_and_name([appearances[i] for i in members],
                                                      edits)
                for root, members in clusters().items()}
        source = [root for root, (key, _) in keys.items() if key == person]
        target = [root for root, (key, _) in keys.items() if key == into]
        if not source or not target or source[0] == target[0]:
            continue
        kept = keys[target[0]]
        union(source[0], target[0])
        named[find(target[0])] = kept

    people = []
    for root, members in clusters().items():
        group = [appearances[i] for i in members]
        key, name = named.get(root) or _key_and_name(group, edits)
        names = tuple(dict.fromkeys(n for a in group for n in a.names))
        people.append(Person(key, name, names, tuple(sorted(
            group, key=lambda a: (a.date or "", a.title.casefold(), a.entry_id)))))
    people.sort(key=lambda p: (-p.turns, p.name.casefold()))
    return people


def _key_and_name(group: Sequence[Appearance], edits: PeopleEdits) -> tuple[str, str]:
    """A person's display name (the personal label heard most, a full name preferred) and
    key (its `name_key`; an appearance set apart keeps a key of its own)."""
    if len(group) == 1 and group[0].key in edits.apart:
        return _apart_key(group[0].key), group[0].label
    counts: dict[str, int] = {}
    for appearance in group:
        counts[appearance.label] = counts.get(appearance.label, 0) + appearance.turns
    ranked = sorted(counts, key=lambda n: (not is_personal(n), len(n.split()) < 2,
                                           -counts[n], n))
    name = ranked[0]
    return name_key(name), name


def _apart_key(appearance: str) -> str:
    return f"#{appearance}"


def expand_speakers(query: str, people: Iterable[Person]) -> str:
    """`speaker:blinken` -> `(speaker:blinken OR speaker:"SECRETARY BLINKEN" OR …)`: every
    name of every person the term names (a term naming no one is left as it is)."""
    people = list(people)

    def expand(match: re.Match[str]) -> str:
        term = match.group(1) if match.group(1) is not None else match.group(2)
        wanted = name_key(term)
        if not wanted:
            return match.group(0)
        names: list[str] = []
        for person in people:
            if any(wanted in name_key(n) for n in person.names if is_personal(n)):
                names += [n for n in person.names if is_personal(n)]
        names = [n for n in dict.fromkeys(names) if wanted not in name_key(n)]
        if not names:
            return match.group(0)
        extra = " OR ".join(f'speaker:"{n.replace(chr(34), "")}"' for n in names)
        return f"({match.group(0)} OR {extra})"

    return _SPEAKER_TERM.sub(expand, query)
