"""People across the library: appearances grouped by personal names, role labels kept apart,
the user's merges and splits kept in a file, and `speaker:` queries expanded to every name."""

from __future__ import annotations

from pathlib import Path

from desktop.core.model import Role, Source, Speaker, Transcript, Turn
from desktop.core.people import (
    PeopleEdits,
    appearances_of,
    build_people,
    expand_speakers,
    is_personal,
)
from desktop.core.search import search_transcript


def interview(title: str, guest: Speaker, host: Speaker, answer: str) -> Transcript:
    return Transcript(
        source=Source(f"/tmp/{title}.txt", "0" * 64, "labelled", "utf-8"),
        speakers=(host, guest),
        turns=(Turn(host.id, "What happens next?"), Turn(guest.id, answer),
               Turn(host.id, "And then?"), Turn(guest.id, "We will see.")),
    )


EURONEWS = interview("euronews", Speaker("b", "Antony Blinken", Role.INTERVIEWEE,
                                         aliases=("Antony Blinken", "Tony Blinken")),
                     Speaker("q", "QUESTION", Role.INTERVIEWER),
                     "Russia would face serious consequences for a new aggression.")
MSNBC = interview("msnbc", Speaker("s", "SECRETARY BLINKEN", Role.INTERVIEWEE),
                  Speaker("q", "QUESTION", Role.INTERVIEWER, aliases=("QUESTION",
                                                                       "Andrea Mitchell")),
                  "The Russian Government makes a big mistake.")
NPR = interview("npr", Speaker("t", "Tony Blinken", Role.INTERVIEWEE),
                Speaker("h", "Steve Inskeep", Role.HOST), "Diplomacy first.")


def library() -> list:  # type: ignore[type-arg]
    found = []
    for entry_id, transcript in enumerate((EURONEWS, MSNBC, NPR), start=1):
        found += appearances_of(entry_id, transcript)
    return found


def by_name(people: list, name: str):  # type: ignore[no-untyped-def,type-arg]
    return next(p for p in people if p.name == name)


def test_an_alias_joins_interviews_and_role_labels_never_do() -> None:
    people = build_people(library())
    blinken = by_name(people, "Antony Blinken")
    assert {a.entry_id for a in blinken.appearances} == {1, 3}  # "Tony Blinken" is an alias
    assert blinken.interviews == 2 and blinken.turns == 4
    said = [t.text for t in (*EURONEWS.turns, *NPR.turns) if t.speaker in ("b", "t")]
    assert blinken.words == sum(len(text.split()) for text in said)
    questions = [p for p in people if "QUESTION" in p.names]
    assert len(questions) == 2  # two interviewers under one label: two people
    assert not is_personal("QUESTION") and not is_personal("SPEAKER_00")
    assert not is_personal("Speaker 2") and is_personal("Antony Blinken")


def test_merge_and_split_are_kept_and_applied(tmp_path: Path) -> None:
    people = build_people(library())
    secretary = by_name(people, "SECRETARY BLINKEN")
    blinken = by_name(people, "Antony Blinken")
    edits = PeopleEdits()
    edits.merge(secretary.key, blinken.key)
    edits.save(tmp_path / "people.json")
    loaded = PeopleEdits.load(tmp_path / "people.json")
    merged = by_name(build_people(library(), loaded), "Antony Blinken")
    assert merged.interviews == 3
    assert "SECRETARY BLINKEN" in merged.names
    npr = next(a for a in merged.appearances if a.entry_id == 3)
    loaded.split(npr.key)
    people = build_people(library(), loaded)
    assert by_name(people, "Antony Blinken").interviews == 2
    assert by_name(people, "Tony Blinken").appearances == (npr,)
    assert PeopleEdits.load(tmp_path / "missing.json").merges == []
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    assert PeopleEdits.load(tmp_path / "bad.json").apart == set()


def test_speaker_search_finds_a_person_under_every_name() -> None:
    edits = PeopleEdits()
    people = build_people(library())
    edits.merge(by_name(people, "SECRETARY BLINKEN").key, by_name(people, "Antony Blinken").key)
    people = build_people(library(), edits)
    query = expand_speakers("speaker:tony mistake", people)
    assert query.startswith("(speaker:tony OR ")
    assert 'speaker:"SECRETARY BLINKEN"' in query
    assert search_transcript(MSNBC, "speaker:tony mistake").total == 0
    assert search_transcript(MSNBC, query).total == 1
    assert expand_speakers("speaker:nobody words", people) == "speaker:nobody words"
    assert expand_speakers("words only", people) == "words only"
