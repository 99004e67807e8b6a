"""Speaker-labelled text shapes: real samples and one small hand-made file per trap.

Each case states what a reader of the file would say: the shape, the speakers (name and
role), the turns (speaker and first words), and the clean-up done. The hand-made files live in
`tests/data/text/` (see `tests/data/SOURCES.md`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (registers "sloppy-windows-1252" for the mojibake case)
import pytest

from desktop.core.importers import import_bytes, import_file
from desktop.core.model import AnnotationKind, Role, Transcript

DATA = Path(__file__).resolve().parents[1] / "data"
TEXT = DATA / "text"


@dataclass(frozen=True)
class Case:
    """What a correct parse of one file gives."""

    path: Path
    format: str
    #: (name, role) of every speaker, in order of first appearance.
    speakers: list[tuple[str, Role]]
    #: (speaker name or None, first words) of every turn.
    turns: list[tuple[str | None, str]]
    title: str | None = None
    date: str | None = None
    removed: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.path.name


CASES = [
    Case(
        DATA / "state-dept_blinken-mitchell-msnbc_2021-02-01_excerpt.txt",
        "labelled",
        [("QUESTION", Role.INTERVIEWER), ("SECRETARY BLINKEN", Role.INTERVIEWEE)],
        [
            ("QUESTION", "We see the Russian people"),
            ("SECRETARY BLINKEN", "Well, first, Andrea"),
            ("QUESTION", "Should the U.S. sanction"),
            ("SECRETARY BLINKEN", "Andrea, we’re reviewing that."),
        ],
        title="Interview: Secretary Antony J. Blinken with Andrea Mitchell of MSNBC",
        date="2021-02-01",
    ),
    Case(
        TEXT / "gov_briefing.txt",
        "labelled",
        [("MR. EARNEST", Role.INTERVIEWEE), ("Q", Role.INTERVIEWER)],
        [
            ("MR. EARNEST", "Good afternoon, everybody."),
            ("Q", "Josh, can you tell us"),
            ("MR. EARNEST", "He has not. (Laughter.)"),  # same label twice in a row: one turn
            ("Q", "Does he plan to call him?"),
            ("MR. EARNEST", "Not that I'm aware of."),
            ("Q", "Thank you, Josh."),
        ],
        title="Press Gaggle by Press Secretary Josh Earnest",
        date="2015-03-04",
        removed=[
            "An official website of the United States Government",
            "Here's how you know",
            "Official websites use .gov",
            "A .gov website belongs to an official government organization in the United States.",
            "END  12:45 P.M. EST",
            "Back to Top",
            "Privacy Policy",
        ],
    ),
    Case(
        TEXT / "scrape_variants.txt",
        "news-scrape",
        [("M. Kelly", Role.INTERVIEWER), ("Vladimir Putin", Role.INTERVIEWEE)],
        [
            ("M. Kelly", "Mr President, thank you"),
            ("Vladimir Putin", "We are not going to threaten anyone."),
            ("M. Kelly", "Do you want a new arms race?"),
            ("Vladimir Putin", "No. The arms race began"),
        ],
        title="Vladimir Putin: We are not going to threaten anyone",
        date="2018-03-01",
        removed=[
            "Today: Tuesday, 6 March 2018",
            "English | Français | Deutsch | Русский",
            "Vladimir Putin: We are not going to threaten anyone (repeated headline)",
            "This article was automatically translated from Russian.",
            "Photo by: Kremlin press service",
            "Tags: Russia, United States, interview",
            "Leave a Comment",
        ],
    ),
    Case(
        TEXT / "podcast_show_notes.txt",
        "labelled",
        [("Jane Smith", Role.INTERVIEWER), ("Tom Baker", Role.INTERVIEWEE)],
        [
            ("Jane Smith", "Welcome back to the show."),
            ("Tom Baker", "Mostly the same editor"),
            ("Jane Smith", "Not yet."),
            ("Tom Baker", "You should."),
        ],
        title="Episode 42: The tools we use",
    ),
    Case(
        TEXT / "podcast_bold.md",
        "markdown",
        [("Ana Ruiz", Role.INTERVIEWER), ("Sam Lee", Role.INTERVIEWEE)],
        [
            ("Ana Ruiz", "Welcome to episode seven. With me is Sam Lee, who wrote"),
            ("Sam Lee", "Thanks for having me, Ana."),
            ("Ana Ruiz", "What is the one mistake"),
            ("Sam Lee", "They talk too much. Let the silence work. [laughs]"),
        ],
        title="Episode 7: Interviewing well",
        date="2023-05-14",
    ),
    Case(
        TEXT / "otter_export.txt",
        "otter",
        [("Jane Doe", Role.INTERVIEWER), ("Unknown Speaker", Role.UNKNOWN)],
        [
            ("Jane Doe", "Thanks for making the time"),
            ("Unknown Speaker", "Sure. I have been a nurse"),
            ("Unknown Speaker", "Sorry, can I just close the door?"),  # its own turn
            ("Jane Doe", "Of course."),
            ("Unknown Speaker", "mostly in emergency care"),
        ],
        removed=["Transcribed by https://otter.ai"],
    ),
    Case(
        TEXT / "arabic_labels.txt",
        "labelled",
        [("السؤال", Role.INTERVIEWER), ("الوزير بلينكن", Role.INTERVIEWEE)],
        [
            ("السؤال", "شكرا جزيلا"),
            ("الوزير بلينكن", "شكرا لك."),
            ("السؤال", "وماذا عن الاتفاق النووي مع Iran؟"),
            ("الوزير بلينكن", "نحن مستعدون"),
        ],
        title="مقابلة وزير الخارجية بلينكن مع قناة العربية",
    ),
    Case(
        TEXT / "chinese_labels.txt",
        "labelled",
        [("主持人", Role.HOST), ("唐凤", Role.GUEST)],
        [
            ("主持人", "欢迎唐凤来到我们的节目。"),
            ("唐凤", "谢谢。"),
            ("主持人", "那你的会议也都公开吗？"),
            ("唐凤", "是的，都公开。"),
        ],
    ),
    Case(
        TEXT / "french_guillemets.txt",
        "labelled",
        [("Nicolas Demorand", Role.INTERVIEWER), ("Audrey Tang", Role.INTERVIEWEE)],
        [
            ("Nicolas Demorand", "Bonsoir Audrey Tang."),
            ("Audrey Tang", "C'est l'idée que tout ce que je fais"),
            ("Nicolas Demorand", "Et vous publiez tout ?"),
            ("Audrey Tang", "Oui, tout."),
        ],
        title="Entretien avec Audrey Tang",
    ),
    Case(
        TEXT / "cart_captions.txt",
        "captions",
        [],
        [
            (None, "good morning everyone and welcome to the hearing"),
            (None, "thank you mr. chairman. i want to start with the budget [no audio]"),
            (None, "the gentleman yields back."),
            (None, "i have a question for the witness about the grid."),
        ],
    ),
    Case(
        TEXT / "court_qa.txt",
        "labelled",
        [("Q", Role.INTERVIEWER), ("A", Role.INTERVIEWEE)],
        [
            ("Q", "Please state your name"),
            ("A", "John Smith."),
            ("Q", "Where were you"),
            ("A", "At home, with my wife."),
            ("Q", "Did anyone else see you there?"),
            ("A", "No."),
        ],
    ),
    Case(
        TEXT / "qa_after_talk.txt",
        "labelled",
        [("Q", Role.INTERVIEWER), ("A", Role.INTERVIEWEE)],
        [
            (None, "Thank you all for coming tonight."),  # the talk: one turn, paragraphs kept
            ("Q", "What do you mean by the wrong reasons?"),
            ("A", "People want a story about decline."),
            ("Q", "Can you give an example?"),
            ("A", "Yes. In Flint"),
        ],
    ),
    Case(
        TEXT / "qa_board.txt",
        "qa-board",
        [("Maria", Role.AUDIENCE), ("Tom Baker", Role.AUDIENCE), ("Ana", Role.AUDIENCE)],
        [
            ("Maria", "What happens to my pension if I move abroad?"),
            (None, "It stays yours."),
            ("Tom Baker", "Can I retire at 60"),
            (None, "Yes, as long as you declare the income."),
            ("Ana", "Do the rules apply"),
            (None, "They do, and each country pays its own share."),
        ],
        title="Ask the Minister: your questions on pensions",
    ),
    Case(
        TEXT / "blog_parts.txt",
        "labelled",
        [("Megyn Kelly", Role.INTERVIEWER), ("Vladimir Putin", Role.INTERVIEWEE)],
        [
            ("Megyn Kelly", "So, thank you very much"),
            ("Vladimir Putin", "Fine."),
            ("Megyn Kelly", "You announced today"),
            ("Vladimir Putin", "In my opinion"),
            ("Megyn Kelly", "Let us continue."),
            ("Vladimir Putin", "No."),
        ],
        title=(
            "Transcript of American NBC March 1 & 2, 2018 Vladimir Putin Interview with Megyn Kelly"
        ),
        date="2018-03-01",
    ),
    Case(
        TEXT / "podcast_pipe_labels.txt",
        "labelled",
        [("Michael", Role.HOST), ("Renato", Role.GUEST), ("Sam", Role.GUEST)],
        [
            ("Michael", "I’m Michael Stevens"),
            ("Renato", "Great, Michael."),
            ("Michael", "Our guest today is Sam Liang."),
            ("Sam", "Thank you for having me."),
        ],
    ),
    Case(
        TEXT / "gov_two_reporters.txt",
        "labelled",
        [("MS. PSAKI", Role.INTERVIEWEE), ("Q", Role.INTERVIEWER)],
        [
            ("MS. PSAKI", "Go ahead."),
            ("Q", "Thank you, Jen."),
            ("Q", "And a follow-up from the back"),  # `Q` twice: two reporters, two turns
            ("MS. PSAKI", "He supports it"),  # a named label twice: one turn
        ],
        title="Press Briefing by Press Secretary Jen Psaki",
    ),
    Case(
        TEXT / "podcast_sections.txt",
        "labelled",
        [("Jane Smith", Role.INTERVIEWER), ("Tom Baker", Role.INTERVIEWEE)],
        [
            ("Jane Smith", "Welcome to episode twelve."),
            ("Tom Baker", "The new release is out"),
            ("Jane Smith", "How fast?"),
            ("Tom Baker", "My pick is a book"),
            (None, "The book's page"),  # words under a section label belong to nobody named
        ],
    ),
    Case(
        TEXT / "timestamps_inline.txt",
        "labelled",
        [("Interviewer", Role.INTERVIEWER), ("Maria Lopez", Role.INTERVIEWEE)],
        [
            ("Interviewer", "Where did you grow up?"),
            ("Maria Lopez", "In a small town near Valencia."),
            ("Interviewer", "And when did you move?"),
            ("Maria Lopez", "When I was nineteen, for university."),
        ],
    ),
]


def _speaker_name(transcript: Transcript, speaker_id: str | None) -> str | None:
    speaker = transcript.speaker(speaker_id)
    return None if speaker is None else speaker.name


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_shape_speakers_and_turns(case: Case) -> None:
    transcript = import_file(case.path)
    assert transcript.source.format == case.format
    assert [(s.name, s.role) for s in transcript.speakers] == case.speakers
    got = [(_speaker_name(transcript, t.speaker), t.text) for t in transcript.turns]
    assert len(got) == len(case.turns), [g[1][:40] for g in got]
    for (name, text), (want_name, want_start) in zip(got, case.turns, strict=True):
        assert name == want_name
        assert text.startswith(want_start), text


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_metadata_and_clean_up(case: Case) -> None:
    transcript = import_file(case.path)
    assert transcript.metadata.title == case.title
    assert transcript.metadata.date == case.date
    assert list(transcript.report.removed) == case.removed
    for turn in transcript.turns:
        assert "<" not in turn.text or "<" in case.path.read_text(encoding="utf-8")
        assert turn.text == turn.text.strip()


# --- the French Markdown sample -------------------------------------------------------------


def test_audreyt_markdown_sample() -> None:
    transcript = import_file(DATA / "audreyt_la-nuit-des-idees_fr_2016-01-27.md")
    assert transcript.source.format == "markdown"
    assert transcript.metadata.title == "La Nuit des Idées - Un jour dans le monde"
    assert transcript.metadata.language == "fr"
    names = {s.name: s for s in transcript.speakers}
    assert set(names) == {
        "Nicolas Demorand",
        "Saskia Sassen",
        "Souleymane Bachir Diagne",
        "Audrey Tang",
    }
    assert names["Nicolas Demorand"].role is Role.HOST
    assert "nicolas-demorand" in names["Nicolas Demorand"].aliases
    assert len(transcript.turns) == 67
    # Every labelled block became one paragraph of its speaker's turn.
    blocks: Counter[str] = Counter()
    for turn in transcript.turns:
        blocks[_speaker_name(transcript, turn.speaker) or ""] += len(turn.paragraphs)
    assert sum(blocks.values()) == 112
    assert blocks == {
        "Nicolas Demorand": 39,
        "Saskia Sassen": 31,
        "Souleymane Bachir Diagne": 29,
        "Audrey Tang": 13,
    }
    # Consecutive turns never share a speaker once blocks are merged.
    speakers = [t.speaker for t in transcript.turns]
    assert all(a != b for a, b in pairwise(speakers))
    # `\[rire\]` is shown unescaped and marked as a stage direction.
    laughing = [t for t in transcript.turns if "[rire]" in t.text]
    assert laughing
    assert all("\\[" not in t.text for t in transcript.turns)
    marks = [(t.text[a.start : a.end], a.kind) for t in laughing for a in t.annotations]
    assert ("[rire]", AnnotationKind.STAGE) in marks


def test_state_dept_question_is_linked_to_the_interviewer_in_the_title() -> None:
    transcript = import_file(DATA / "state-dept_blinken-mitchell-msnbc_2021-02-01_excerpt.txt")
    question = transcript.speakers[0]
    assert question.name == "QUESTION"
    assert "Andrea Mitchell" in question.aliases
    assert question.affiliation == "MSNBC"
    assert transcript.metadata.outlet == "MSNBC"
    # multi-paragraph turns keep their paragraphs
    assert len(transcript.turns[0].paragraphs) == 2
    assert transcript.turns[0].paragraphs[1].startswith("You have condemned this")


# --- single traps, hand-made inline ---------------------------------------------------------


def _parse(text: str, name: str = "sample.txt") -> Transcript:
    return import_bytes(text.encode("utf-8"), Path(name))


def test_gov_annotations_are_kept_and_marked() -> None:
    transcript = import_file(TEXT / "gov_briefing.txt")
    third = transcript.turns[2]
    assert third.text.startswith("He has not. (Laughter.)")
    assert len(third.paragraphs) == 3  # same label twice + an unlabelled paragraph
    kinds = {transcript.turns[2].text[a.start : a.end]: a.kind for a in third.annotations}
    assert kinds == {"(Laughter.)": AnnotationKind.STAGE}
    fourth = transcript.turns[3]
    assert [(fourth.text[a.start : a.end], a.kind) for a in fourth.annotations] == [
        ("(inaudible)", AnnotationKind.INAUDIBLE)
    ]
    assert transcript.metadata.place == "Aboard Air Force One"


def test_as_translated_is_an_annotation_not_part_of_the_name() -> None:
    transcript = import_file(TEXT / "scrape_variants.txt")
    kelly = transcript.speakers[0]
    assert kelly.name == "M. Kelly"
    assert {"M. Kelly (as translated)", "M.Kelly"} <= set(kelly.aliases)
    assert "Megyn Kelly" in kelly.aliases  # the lede's spelling
    assert kelly.affiliation == "NBC News"
    assert [s.title for s in transcript.sections] == ["Part 1. Moscow, the Kremlin, 1 March 2018"]
    assert transcript.sections[0].turn == 0


def test_show_note_section_labels_between_turns_are_sections() -> None:
    transcript = import_file(TEXT / "podcast_sections.txt")
    assert [(s.title, s.turn) for s in transcript.sections] == [
        ("News", 1),
        ("Picks", 3),
        ("Links", 4),
    ]


def test_show_note_labels_are_not_speakers() -> None:
    transcript = import_file(TEXT / "podcast_show_notes.txt")
    names = {s.name for s in transcript.speakers}
    assert not names & {"News", "Picks", "Show Notes", "DR"}
    assert transcript.metadata.lede is not None and "Show Notes:" in transcript.metadata.lede
    assert any("HTML" in r for r in transcript.report.repaired)


def test_otter_blocks_keep_their_start_times() -> None:
    transcript = import_file(TEXT / "otter_export.txt")
    assert [t.start for t in transcript.turns] == [0.0, 49.0, 62.0, 70.0, 75.0]


def test_inline_timestamps_become_start_times() -> None:
    transcript = import_file(TEXT / "timestamps_inline.txt")
    assert [t.start for t in transcript.turns] == [5.0, 9.0, 100.5, 104.0]
    assert transcript.turns[0].text == "Where did you grow up?"


def test_cart_lines_join_and_no_audio_is_inaudible() -> None:
    transcript = import_file(TEXT / "cart_captions.txt")
    second = transcript.turns[1]
    assert "\n" not in second.text
    assert [(second.text[a.start : a.end], a.kind) for a in second.annotations] == [
        ("[no audio]", AnnotationKind.INAUDIBLE)
    ]


def test_cart_with_names_after_the_chevrons() -> None:
    transcript = _parse(
        ">> SEN. SMITH: the committee will\ncome to order.\n>> thank you.\n"
        ">> SEN. SMITH: first witness.\n>> good morning.\n"
    )
    assert transcript.source.format == "captions"
    assert [(_speaker_name(transcript, t.speaker), t.text) for t in transcript.turns] == [
        ("SEN. SMITH", "the committee will come to order."),
        (None, "thank you."),
        ("SEN. SMITH", "first witness."),
        (None, "good morning."),
    ]


def test_french_guillemets_framing_removed_inner_kept() -> None:
    transcript = import_file(TEXT / "french_guillemets.txt")
    assert transcript.turns[0].text == (
        "Bonsoir Audrey Tang. Qu'est-ce que la transparence radicale ?"
    )
    assert transcript.turns[1].text.endswith("mes « transcriptions ».")


def test_spaces_collapse_but_no_break_spaces_stay() -> None:
    transcript = _parse(
        "Nicolas Demorand : Vous dites\u202f? Et alors\u00a0:  la suite.\n\n"
        "Audrey Tang : Oui,   tout.\n\nNicolas Demorand : Bien.\n"
    )
    assert transcript.turns[0].text == "Vous dites\u202f? Et alors\u00a0: la suite."
    assert transcript.turns[1].text == "Oui, tout."


def test_headline_with_a_full_stop_above_a_lede() -> None:
    transcript = _parse(
        "Is a new war coming? Blinken answers.\n\n[ad_1]\n\n"
        "The lede says that we met the Secretary in Stockholm on December 2 for a long talk.\n\n"
        "Efi Koutsokosta, euronews:\n\nIs it?\n\nAntony Blinken:\n\nNo.\n"
    )
    assert transcript.metadata.title == "Is a new war coming? Blinken answers."
    assert transcript.metadata.lede is not None
    assert transcript.metadata.lede.startswith("The lede says")


@pytest.mark.parametrize(
    ("labels", "roles"),
    [
        (("I", "R"), (Role.INTERVIEWER, Role.INTERVIEWEE)),
        (("Interviewer", "Participant"), (Role.INTERVIEWER, Role.INTERVIEWEE)),
        (("Interviewer", "Respondent"), (Role.INTERVIEWER, Role.INTERVIEWEE)),
        (("MODERATOR", "AUDIENCE MEMBER"), (Role.HOST, Role.AUDIENCE)),
    ],
)
def test_research_and_event_labels(labels: tuple[str, str], roles: tuple[Role, Role]) -> None:
    asker, answerer = labels
    transcript = _parse(
        f"{asker}: Tell me about your first job.\n\n{answerer}: I was a nurse.\n\n"
        f"{asker}: And then?\n\n{answerer}: Then I taught.\n"
    )
    assert tuple(s.role for s in transcript.speakers) == roles


def test_generic_labels_linked_to_the_names_in_the_title() -> None:
    transcript = import_file(TEXT / "qa_named_in_title.txt")
    question, answer = transcript.speakers
    assert (question.name, question.role) == ("Q", Role.INTERVIEWER)
    assert "Sam Lee" in question.aliases
    assert (answer.name, answer.role) == ("A", Role.INTERVIEWEE)
    assert "Jane Roe" in answer.aliases


def test_separator_lines_are_not_sections() -> None:
    transcript = _parse(
        "ALICE: First question?\n\nBOB: First answer.\n\n* * *\n\n"
        "ALICE: Second question?\n\nBOB: Second answer.\n"
    )
    assert transcript.sections == ()
    assert transcript.turns[1].text == "First answer."
    assert transcript.report.removed == ("* * *",)


def test_speaker_label_variants_merge() -> None:
    text = (
        "Efi Koutsokosta, euronews: Good evening, Mr Secretary. What brings you here?\n\n"
        "Antony Blinken, US Secretary of State: The OSCE meeting.\n\n"
        "Efi Koutsokosta: And what do you expect from it?\n\n"
        "Blinken: Very little, honestly.\n"
    )
    transcript = _parse(text)
    assert [s.name for s in transcript.speakers] == ["Efi Koutsokosta", "Antony Blinken"]
    blinken = transcript.speakers[1]
    assert "Blinken" in blinken.aliases
    assert [t.speaker for t in transcript.turns] == [
        "efi-koutsokosta",
        "antony-blinken",
        "efi-koutsokosta",
        "antony-blinken",
    ]
    assert transcript.speakers[0].role is Role.INTERVIEWER
    assert transcript.metadata.outlet == "euronews"


def test_no_blank_lines_between_labelled_lines() -> None:
    text = "Q: Where were you born?\nA: In Lagos.\nQ: And then?\nA: London, at six.\n"
    transcript = _parse(text)
    assert [t.text for t in transcript.turns] == [
        "Where were you born?",
        "In Lagos.",
        "And then?",
        "London, at six.",
    ]


def test_prose_with_colons_is_not_labelled() -> None:
    text = (
        "The answer is simple: we wait.\n\n"
        "He said one thing: no.\n\n"
        "Note: this was recorded in 2019.\n\n"
        "It was 10:30 when we started.\n"
    )
    transcript = _parse(text)
    assert transcript.source.format == "plain"
    assert transcript.speakers == ()


def test_front_matter_and_markdown_headings() -> None:
    text = (
        "---\ntitle: Oral history 12\ndate: 2019-06-03\nlocation: Leeds\n---\n\n"
        "# Oral history 12\n\n"
        "## Childhood\n\n"
        "### interviewer：\nWhere were you born?\n\n"
        "### mary-jones：\nIn Leeds, in 1931.\n\n"
        "## Work\n\n"
        "### interviewer：\nWhat was your first job?\n\n"
        "### mary-jones：\nIn a mill.\n\nI was fourteen.\n"
    )
    transcript = _parse(text, "oral.md")
    assert transcript.source.format == "markdown"
    assert transcript.metadata.title == "Oral history 12"
    assert transcript.metadata.date == "2019-06-03"
    assert transcript.metadata.place == "Leeds"
    assert [(s.title, s.turn) for s in transcript.sections] == [("Childhood", 0), ("Work", 2)]
    assert [s.name for s in transcript.speakers] == ["Interviewer", "Mary Jones"]
    assert transcript.turns[3].text == "In a mill.\n\nI was fourteen."


def test_markup_in_turns_stays_text() -> None:
    text = (
        "ALICE: We wrote <b>bold</b> on the board? Yes.\n\n"
        "BOB: And <script>alert(1)</script> too?\n\n"
        "ALICE: That too.\n"
    )
    transcript = _parse(text)
    assert "<script>alert(1)</script>" in transcript.turns[1].text


def test_qa_board_asker_place_is_the_affiliation() -> None:
    transcript = import_file(TEXT / "qa_board.txt")
    assert [s.affiliation for s in transcript.speakers] == ["Lyon", "Leeds", "São Paulo"]
    assert transcript.speakers[0].aliases == ("Maria from Lyon",)


def test_plain_text_keeps_timestamps_and_reports_junk() -> None:
    text = (
        "A talk about cities\n\n"
        "[00:00:01] Hello and welcome to this talk about\ncities and what happens to them.\n"
        "[00:00:09] Today we start with Detroit.\n\n"
        "0:49 Then we go to Flint.\n\n"
        "Source link\n"
    )
    transcript = _parse(text)
    assert transcript.source.format == "plain"
    assert transcript.metadata.title == "A talk about cities"
    assert [(t.start, t.text) for t in transcript.turns] == [
        (1.0, "Hello and welcome to this talk about cities and what happens to them."),
        (9.0, "Today we start with Detroit."),
        (49.0, "Then we go to Flint."),
    ]
    assert transcript.report.removed == ("Source link",)


def test_news_scrape_mixing_label_lines_and_inline_labels() -> None:
    text = (
        "Title of it all\n\n"
        "Lede about an interview with Jane Roe in Paris on 3 May 2022.\n\n"
        "John Doe, Le Monde:\n\nWhy now?\n\n"
        "Jane Roe:\n\nBecause it is time.\n\n"
        "John Doe: And after that?\n\n"
        "Jane Roe: We will see.\n"
    )
    transcript = _parse(text)
    assert transcript.source.format == "news-scrape"
    assert [t.text for t in transcript.turns] == [
        "Why now?",
        "Because it is time.",
        "And after that?",
        "We will see.",
    ]
    meta = transcript.metadata
    assert (meta.title, meta.date, meta.place, meta.outlet) == (
        "Title of it all",
        "2022-05-03",
        "Paris",
        "Le Monde",
    )
    assert [(s.name, s.role) for s in transcript.speakers] == [
        ("John Doe", Role.INTERVIEWER),
        ("Jane Roe", Role.INTERVIEWEE),
    ]


def test_descript_headers_with_numbered_speakers() -> None:
    text = (
        "Speaker 1 (00:00):\nHello there. How are you?\n\n"
        "Speaker 2 (00:05):\nHi. Fine.\n\n"
        "Speaker 1 (00:09):\nHow is work?\n\n"
        "Speaker 2 (01:12):\nBusy.\n"
    )
    transcript = _parse(text)
    assert transcript.source.format == "otter"
    assert [t.start for t in transcript.turns] == [0.0, 5.0, 9.0, 72.0]
    assert [(s.name, s.role) for s in transcript.speakers] == [
        ("Speaker 1", Role.INTERVIEWER),
        ("Speaker 2", Role.INTERVIEWEE),
    ]


def test_part_subheadings_are_sections() -> None:
    transcript = import_file(TEXT / "blog_parts.txt")
    assert [(s.title, s.turn) for s in transcript.sections] == [
        ("Part 1. The Kremlin, Moscow, March 1, 2018", 0),
        ("Part 2. Kaliningrad, March 2, 2018", 4),
    ]
    assert len(transcript.turns[3].paragraphs) == 2


def test_white_house_header_stack() -> None:
    transcript = import_file(TEXT / "whitehouse_briefing.txt")
    meta = transcript.metadata
    assert meta.title == "PRESS BRIEFING BY PRESS SECRETARY JEN PSAKI"
    assert meta.date == "2021-02-01"
    assert transcript.sections == ()  # `12:35 P.M. EST` is a time, not a heading
    assert transcript.report.removed == ("For Immediate Release", "END   1:40 P.M. EST")
    assert [s.name for s in transcript.speakers] == ["MS. PSAKI", "Q"]
    assert len(transcript.turns) == 5


def test_state_department_header_lines() -> None:
    text = (
        "Interview\nAntony J. Blinken, Secretary of State\nWashington, D.C.\n"
        "February 1, 2021\n\n"
        "QUESTION:  Mr. Secretary, thank you for joining us.\n\n"
        "SECRETARY BLINKEN:  Good to be with you.\n\n"
        "QUESTION:  What will you do?\n\n"
        "SECRETARY BLINKEN:  We are reviewing it.\n"
    )
    meta = _parse(text).metadata
    assert meta.title == "Interview: Antony J. Blinken, Secretary of State"
    assert (meta.date, meta.place) == ("2021-02-01", "Washington, D.C.")


def test_zoom_and_podcast_timestamps() -> None:
    zoom = import_file(TEXT / "zoom_transcript.txt")
    assert zoom.source.format == "otter"
    assert [(zoom.speaker(t.speaker).name, t.start) for t in zoom.turns] == [  # type: ignore[union-attr]
        ("Jane Smith", 36154.0),
        ("Bob Lee", 36160.0),
        ("Jane Smith", 36165.0),
    ]
    podcast = _parse(
        "Jane Smith: [00:00:03] Welcome. How are you?\n\nBob Lee: [00:00:07] Great.\n\n"
        "Jane Smith: [00:00:10] Why?\n"
    )
    assert [(t.start, t.text) for t in podcast.turns] == [
        (3.0, "Welcome. How are you?"),
        (7.0, "Great."),
        (10.0, "Why?"),
    ]


# --- encodings ---------------------------------------------------------------------------------

_UNICODE_SAMPLE = (
    "Entretien : café crème\n\n"
    "Zoë Müller: It’s a “test” – naïve façade, déjà vu?\n\n"
    "José Núñez: Sí, señora. ¿Qué más?\n\n"
    "Zoë Müller: Ça va, merci… à bientôt!\n"
)


@pytest.mark.parametrize(
    ("encoding", "data"),
    [
        ("utf-8", _UNICODE_SAMPLE.encode("utf-8")),
        ("utf-8-bom", b"\xef\xbb\xbf" + _UNICODE_SAMPLE.encode("utf-8")),
        ("cp1252", _UNICODE_SAMPLE.encode("cp1252")),
        ("utf-16-le-bom", _UNICODE_SAMPLE.encode("utf-16")),
        ("utf-16-be-bom", b"\xfe\xff" + _UNICODE_SAMPLE.encode("utf-16-be")),
        ("utf-16-le-no-bom", _UNICODE_SAMPLE.encode("utf-16-le")),
        ("crlf", _UNICODE_SAMPLE.replace("\n", "\r\n").encode("utf-8")),
        # UTF-8 read as Windows-1252 and saved again (undefined bytes kept, as Windows does)
        ("mojibake", _UNICODE_SAMPLE.encode("utf-8").decode("sloppy-windows-1252").encode()),
    ],
)
def test_every_encoding_gives_the_same_turns(encoding: str, data: bytes) -> None:
    reference = import_bytes(_UNICODE_SAMPLE.encode("utf-8"), Path("ref.txt"))
    transcript = import_bytes(data, Path(f"{encoding}.txt"))
    assert [t.text for t in transcript.turns] == [t.text for t in reference.turns]
    assert [s.name for s in transcript.speakers] == ["Zoë Müller", "José Núñez"]
    if encoding == "mojibake":
        assert any("mojibake" in r for r in transcript.report.repaired)
    if encoding == "cp1252":
        assert transcript.source.encoding == "windows-1252"
    if encoding == "crlf":
        assert "converted CRLF line endings" in transcript.report.repaired


def test_qa_board_closing_line_of_a_named_speaker_is_its_own_turn() -> None:
    text = (
        "Ask the doctor\n\nMaria from Lyon\nIs the flu shot safe for children?\n"
        "Yes. Short answer: it is safe from six months.\n\nAnna from Leeds\n"
        "Is the nasal spray as good as the shot?\nFor most adults, yes.\n"
        "Dr. Patel: Thanks everyone for your questions!\n"
    )
    transcript = import_bytes(text.encode(), "board.txt")
    assert transcript.source.format == "qa-board"
    texts = [t.text for t in transcript.turns]
    assert texts[1] == "Yes. Short answer: it is safe from six months."  # not a speaker
    assert texts[-1] == "Thanks everyone for your questions!"
    by_id = {s.id: s.name for s in transcript.speakers}
    assert by_id[transcript.turns[-1].speaker or ""] == "Dr. Patel"


def test_qa_board_asker_line_ending_in_asks() -> None:
    text = (
        "Tom from Denver asks:\nWhy is the sky blue?\nRayleigh scattering.\n\n"
        "Ann from Oslo asks:\nWhy is the sea salty?\nRivers carry minerals.\n"
    )
    transcript = import_bytes(text.encode(), "board.txt")
    assert transcript.source.format == "qa-board"
    assert [(s.name, s.affiliation) for s in transcript.speakers] == [
        ("Tom", "Denver"),
        ("Ann", "Oslo"),
    ]
    texts = [t.text for t in transcript.turns]
    assert texts[:2] == ["Why is the sky blue?", "Rayleigh scattering."]
