"""The bundled sample (a news-site scrape) parses exactly as the samples README says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.importers import import_file
from desktop.core.model import AnnotationKind, Role, Transcript

SEED = Path(__file__).resolve().parents[2] / "resources" / "sample-interview.txt"


@pytest.fixture(scope="module")
def seed() -> Transcript:
    return import_file(SEED)


def test_shape_and_title(seed: Transcript) -> None:
    assert seed.source.format == "news-scrape"
    assert seed.metadata.title == (
        "Antony Blinken: “In case of Russian aggression in Ukraine, we will respond”"
    )


def test_junk_removed_and_reported(seed: Transcript) -> None:
    assert list(seed.report.removed) == ["[ad_1]", "[ad_2]", "Source link", "Leave a Comment"]
    everything = "\n".join(t.text for t in seed.turns) + (seed.metadata.lede or "")
    for junk in ("[ad_", "Source link", "Leave a Comment"):
        assert junk not in everything


def test_lede_is_metadata_not_a_turn(seed: Transcript) -> None:
    assert seed.metadata.lede is not None
    assert seed.metadata.lede.startswith("The military reinforcement of Moscow")
    assert all("military reinforcement" not in t.text for t in seed.turns)


def test_metadata_from_lede(seed: Transcript) -> None:
    assert seed.metadata.date == "--12-02"  # December 2, no year in the source
    assert seed.metadata.place == "U.S. Embassy in Stockholm"
    assert seed.metadata.outlet == "euronews"
    assert seed.metadata.language == "en"


def test_five_sections_in_order(seed: Transcript) -> None:
    titles = [s.title for s in seed.sections]
    assert titles == [
        "“A new aggression against Ukraine would be a mistake”",
        "A “very direct conversation” with Sergey Lavrov",
        "“The many things we are considering could have very strong repercussions.”",
        "“NATO is not directed against Russia”",
        "“We have to be able to work together on things where we have a common interest”",
    ]
    starts = [s.turn for s in seed.sections]
    assert starts[0] == 0
    assert starts == sorted(starts)
    # Each heading's first turn is a question by the interviewer.
    for section in seed.sections:
        assert seed.is_question(section.turn)
    assert seed.turns[seed.sections[1].turn].text.startswith("You come from meet")
    assert seed.turns[seed.sections[3].turn].text.startswith("Russia is suspicious")


def test_two_speakers_with_aliases_and_roles(seed: Transcript) -> None:
    assert [s.name for s in seed.speakers] == ["Efi Koutsokosta", "Antony Blinken"]
    efi, blinken = seed.speakers
    assert efi.role is Role.INTERVIEWER
    assert efi.affiliation == "euronews"
    assert set(efi.aliases) == {"Efi Koutsokosta, euronews", "Efi Koutsokosta"}
    assert blinken.role is Role.INTERVIEWEE
    assert blinken.affiliation == "US Secretary of State"
    assert set(blinken.aliases) == {"Antony Blinken, US Secretary of State", "Antony Blinken"}


def test_eighteen_alternating_turns(seed: Transcript) -> None:
    efi, blinken = (s.id for s in seed.speakers)
    speakers = [t.speaker for t in seed.turns]
    assert len(speakers) == 18
    assert speakers == [efi, blinken] * 9
    assert seed.turns[0].text.startswith("You said you had proof")
    assert seed.turns[-1].text.startswith("Because of its actions")
    answers = [t.text for t in seed.turns if t.speaker == blinken]
    assert min(answers, key=len) == "No, not publicly."


def test_framing_quotes_removed_inner_kept(seed: Transcript) -> None:
    for turn in seed.turns:
        assert not turn.text.startswith(("“", "”", '"'))
        assert not turn.text.endswith(("“", "”", '"'))
    # broken framing: opened with “ and closed with “
    assert seed.turns[-2].text.endswith("the greatest threat to the European Union and the West?")
    # stray ` “` at the end of the first question
    assert seed.turns[0].text.endswith("Are we close to a military confrontation?")
    # inner quotation marks stay
    assert "a “hybrid attack” or" in seed.turns[-2].text
    assert "the word “defense”." in seed.turns[9].text
    assert any("removed framing quotation marks" in r for r in seed.report.repaired)


def test_editorial_note_kept_and_marked(seed: Transcript) -> None:
    turn = seed.turns[1]
    assert "[ndlr : en Suède]" in turn.text
    marks = [(turn.text[a.start : a.end], a.kind) for a in turn.annotations]
    assert marks == [("[ndlr : en Suède]", AnnotationKind.EDITORIAL)]


def test_cli_parse_json_prints_the_seed(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "--json", str(SEED)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["source"]["format"] == "news-scrape"
    assert data["metadata"]["title"].startswith("Antony Blinken:")
    assert len(data["turns"]) == 18
    assert [s["role"] for s in data["speakers"]] == ["interviewer", "interviewee"]
    assert len(data["sections"]) == 5
    assert data["report"]["removed"] == ["[ad_1]", "[ad_2]", "Source link", "Leave a Comment"]
