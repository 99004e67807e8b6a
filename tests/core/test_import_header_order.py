"""What stands before the first speaker label: the header, an editor's introduction, and a
talk with its section headings and notes, each kept where the document puts it.

Synthetic edge cases (hand-written here, not real files: the real file of record for these
rules is `tests/data/corpus/markdown/btctranscripts_canada-senate-hearing_*`).
"""

from __future__ import annotations

from desktop.core.importers import import_bytes
from desktop.core.model import Transcript

_TALK = (
    "My work is in network security. I have built payment systems since 1992 and I wrote a"
    " book about them, which I will not quote at length today.\n\n"
    "Today I want to talk about why the design of a network decides who can change it. We"
    " will look at three designs and at what each of them lets its users do.\n\n"
    "Thank you for the opportunity to address this committee.\n\n"
)
_QA = (
    "Senator Black: What would you regulate first?\n\n"
    "Witness: The custodians, because they hold other people's keys.\n\n"
    "Senator Greene: And the rest?\n\n"
    "Witness: Nothing yet.\n"
)


def _parse(text: str, name: str = "hearing.md") -> Transcript:
    return import_bytes(text.encode("utf-8"), name)


def test_an_editors_introduction_before_the_first_heading_is_the_lede_not_a_turn() -> None:
    """Rule (a): third-person prose about the transcript, before the first section heading
    of a talk, introduces it; it is the lede and never speech."""
    text = (
        "---\ntitle: Committee hearing\n---\n\n"
        "This is a transcript of evidence given to the committee. Here is a"
        " [video](https://example.org/v). Another transcript may appear"
        " [here](https://example.org/t).\n\n"
        "# Prepared remarks\n\n" + _TALK + _QA
    )
    transcript = _parse(text)
    assert transcript.metadata.lede is not None
    assert transcript.metadata.lede.startswith("This is a transcript of evidence")
    assert all("This is a transcript" not in t.text for t in transcript.turns)
    assert transcript.turns[0].text.startswith("My work is in network security.")
    assert transcript.turns[0].speaker is None


def test_a_talk_that_opens_in_the_first_person_keeps_its_opening_as_speech() -> None:
    """Rule (a), the other side: prose before the first heading that speaks in the first
    person is the talk itself, never moved to the lede."""
    text = (
        "---\ntitle: Committee hearing\n---\n\n"
        "Good afternoon. I am glad we could meet here, and I thank you for having me.\n\n"
        "# Prepared remarks\n\n" + _TALK + _QA
    )
    transcript = _parse(text)
    assert transcript.turns[0].text.startswith("Good afternoon. I am glad")
    assert not (transcript.metadata.lede or "").startswith("Good afternoon")


def test_headings_and_notes_before_the_first_label_keep_the_documents_order() -> None:
    """Rule (b): a section heading starts its section where it stands, and a note such as
    `(11m 32s)` stays marked in the text it follows, not pulled to the top."""
    text = (
        "---\ntitle: Committee hearing\n---\n\n"
        "# Prepared remarks.\n\n" + _TALK + "(11m 32s)\n\n"
        "# Other remarks.\n\n"
        "Thank you for your opening remarks. Before I turn it over, would you comment on"
        " how the network is misused, since I worry about it and so do my colleagues?\n\n"
        + _QA
    )
    transcript = _parse(text)
    turns = transcript.turns
    assert turns[0].text.startswith("My work is in network security.")
    assert turns[0].text.endswith("(11m 32s)")
    assert [turns[0].text[a.start : a.end] for a in turns[0].annotations] == ["(11m 32s)"]
    assert turns[1].text.startswith("Thank you for your opening remarks.")
    sections = [(s.title, s.turn) for s in transcript.sections]
    assert sections == [("Prepared remarks.", 0), ("Other remarks.", 1)]
    speakers = {s.id: s.name for s in transcript.speakers}
    assert speakers[turns[2].speaker or ""] == "Senator Black"


def test_a_front_matter_title_leaves_the_first_heading_as_the_first_section() -> None:
    """Rule (b): `## Introduction` under a front-matter title is the talk's first section;
    only a heading that repeats the stated title is taken as the title."""
    text = "---\ntitle: Committee hearing\n---\n\n## Introduction\n\n" + _TALK + _QA
    transcript = _parse(text)
    assert transcript.metadata.title == "Committee hearing"
    assert [s.title for s in transcript.sections][:1] == ["Introduction"]
    assert transcript.sections[0].turn == 0
    repeated = "---\ntitle: Committee hearing\n---\n\n# Committee hearing\n\n" + _TALK + _QA
    assert [s.title for s in _parse(repeated).sections] == []


def test_an_editors_note_may_address_its_reader_and_still_be_the_lede() -> None:
    """Rule (a): "If you were a participant …" speaks to the reader, not to an audience;
    a spoken opening says I or we ("We call this the post-lunch session") and stays speech."""
    note = (
        "The conversation has been anonymized by default. If you were a participant and"
        " would like your comments attributed, please get in touch.\n\n"
    )
    text = "---\ntitle: Committee hearing\n---\n\n" + note + "## Introductions\n\n" + _TALK + _QA
    transcript = _parse(text)
    assert (transcript.metadata.lede or "").startswith("The conversation has been anonymized")
    assert transcript.turns[0].text.startswith("My work is in network security.")
    spoken = (
        "Welcome to the first session after lunch. We call this the post-lunch session.\n\n"
    )
    text = "---\ntitle: Committee hearing\n---\n\n" + spoken + "## Introductions\n\n" + _TALK + _QA
    assert _parse(text).turns[0].text.startswith("Welcome to the first session after lunch.")


def test_a_header_line_under_a_front_matter_title_goes_to_the_lede_not_away() -> None:
    """Rule (b): a line that looks like a title (`Aboard Air Force One`) when the front matter
    already names the title was taken as the title and then silently overwritten; it is a
    header line, kept in the lede, and the `Key: value` fields below it are still read."""
    text = (
        "---\ntitle: Press Gaggle\n---\n\nAboard Air Force One\n\n"
        "Location: En Route Kalamazoo, Michigan\n\n"
        "The press secretary spoke to reporters during the flight, on the record.\n\n" + _QA
    )
    transcript = _parse(text)
    assert transcript.metadata.title == "Press Gaggle"
    lede = transcript.metadata.lede or ""
    assert "Aboard Air Force One" in lede
    assert "Location: En Route Kalamazoo, Michigan" in lede
    assert transcript.turns[0].text == "What would you regulate first?"


def test_a_field_shaped_sentence_in_the_first_person_is_speech_not_a_header_field() -> None:
    """`Dictionary terms: we have a glossary that I wrote …` opens a talk without labels; a
    header field never speaks in the first person."""
    text = (
        "---\ntitle: Topics\n---\n\nTopic selection\n\n"
        "Dictionary terms: we have a glossary that I wrote six months ago.\n\n"
        "User interfaces. How do people interact with a user interface? It is the activity.\n\n"
        "Rubric for decentralization. This continues a conversation we had last year.\n"
    )
    transcript = _parse(text)
    assert transcript.metadata.lede == "Topic selection"
    assert transcript.turns[0].text.startswith("Dictionary terms: we have a glossary")
