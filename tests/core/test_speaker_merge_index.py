"""The indexed alias merge gives exactly the merges of the all-pairs rule it replaced.

`SpeakerBook.merge_aliases` used to compare every label with every other (10,000 labels: 152 s;
10^6 never ended). It now looks candidates up by surname and initials. The reference below is
the all-pairs code as it was; on random label sets built from a small vocabulary (so that
surnames, initials, titles, anonymous and generic labels collide often) both must merge the
same labels into the same people.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.importers.speakers import (
    SpeakerBook,
    _core_words,
    _fuller,
    initials_key,
    is_anonymous,
    is_initials,
    name_key,
    parse_label,
    role_from_label,
    surname_key,
)


def _all_pairs_merge(book: SpeakerBook) -> None:
    """`merge_aliases` before the index (commit 72145ae), kept as the reference."""
    people, merged = book._people, book._merged
    keys = list(people)
    for key in keys:
        person = people[key]
        name = person.labels[0].name
        core = _core_words(name)
        initials = core[:-1]
        if role_from_label(name) or is_anonymous(name) or not core:
            continue
        if any(len(word) > 1 for word in initials):
            continue
        surname = surname_key(name)
        fuller = [
            other for other in keys
            if other != key and other not in merged
            and _fuller(_core_words(people[other].labels[0].name), initials, surname)
            and not is_anonymous(people[other].labels[0].name)
        ]
        if len(fuller) == 1:
            target = people[fuller[0]]
            target.labels.extend(person.labels)
            target.affiliation = target.affiliation or person.affiliation
            target.role = target.role or person.role
            merged[key] = fuller[0]
    for key in keys:
        if key in merged:
            continue
        name = people[key].labels[0].name
        if not is_initials(name) or role_from_label(name):
            continue
        targets = [
            other for other in keys
            if other != key and other not in merged
            and not is_initials(people[other].labels[0].name)
            and (initials_key(people[other].name) == key
                 or name_key(people[other].affiliation or "") == key)
        ]
        if len(targets) != 1:
            continue
        target = people[targets[0]]
        if name_key(target.affiliation or "") == key:
            target.affiliation = None
        target.labels.extend(people[key].labels)
        target.role = target.role or people[key].role
        merged[key] = targets[0]
    for key in merged:
        people.pop(key, None)


FIRST = ["Vladimir", "Victor", "Mary", "Mark", "V.", "M.", "V", "M", "J.", "Jane"]
SURNAMES = ["Putin", "King", "Kelly", "Roe"]
TITLES = ["", "Mr.", "SECRETARY", "Dr."]
OTHERS = ["Speaker 2", "QUESTION", "MK", "VP", "JR", "Unknown Speaker", "MODERATOR",
          "Mary King (MK)", "Jane Roe, JR"]


@st.composite
def raw_label(draw: st.DrawFn) -> str:
    if draw(st.integers(0, 4)) == 0:
        return draw(st.sampled_from(OTHERS))
    words = [draw(st.sampled_from(TITLES))]
    words += draw(st.lists(st.sampled_from(FIRST), max_size=3))
    words.append(draw(st.sampled_from(SURNAMES)))
    text = " ".join(w for w in words if w)
    return text.upper() if draw(st.booleans()) else text


def _people(book: SpeakerBook) -> list[tuple[str, tuple[str, ...], str | None]]:
    return [(key, tuple(label.raw for label in person.labels), person.affiliation)
            for key, person in book._people.items()]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raws=st.lists(raw_label(), min_size=1, max_size=25))
def test_indexed_merge_equals_the_all_pairs_rule(raws: list[str]) -> None:
    labels = [label for raw in raws if (label := parse_label(raw)) is not None]
    indexed, reference = SpeakerBook(), SpeakerBook()
    for label in labels:
        indexed.add(label)
        reference.add(label)
    indexed.merge_aliases()
    _all_pairs_merge(reference)
    assert _people(indexed) == _people(reference)
    assert indexed._merged == reference._merged


def test_thirty_thousand_labels_merge_and_get_unique_ids() -> None:
    """Linear, so this ends (the all-pairs rule needed ~10^10 comparisons here)."""
    book = SpeakerBook()
    count = 30_000
    for i in range(count):
        label = parse_label(f"Person{i} Name{i % 500}")
        assert label is not None
        book.add(label)
    surname_only = parse_label("Name7")
    assert surname_only is not None
    book.add(surname_only)
    book.merge_aliases()
    speakers = book.finish()
    assert len(speakers) == count + 1  # `Name7` matches 60 fuller names: it merges with none
    assert len({speaker.id for speaker in speakers}) == len(speakers)
