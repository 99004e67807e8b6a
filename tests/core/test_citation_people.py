"""Citations name people, never labels (issue 12): the person model, title case that keeps
proper nouns, header dates, and what `verbatim cite` prints with no details entered."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop import cli
from desktop.core.citations import cite, record_from_transcript
from desktop.core.citations.dates import natural, to_iso
from desktop.core.citations.lexicon import is_common
from desktop.core.citations.people import proper_case, resolve_people, vocatives
from desktop.core.citations.typography import sentence_case, title_case, unshout
from desktop.core.importers import import_file
from desktop.core.model import Transcript
from desktop.core.quotes import find_quote

DATA = Path(__file__).resolve().parents[1] / "data"
STATE = DATA / "state-dept_blinken-mitchell-msnbc_2021-02-01_excerpt.txt"
GAGGLE = DATA / "text" / "gov_briefing.txt"
BRIEFING = DATA / "text" / "whitehouse_briefing.txt"
STYLES = ("apa", "mla", "chicago-notes", "chicago-author-date", "harvard", "ieee", "ap")
#: Labels that must never be printed as a person in a citation.
LABELS = re.compile(r"\b(QUESTION|INTERVIEWER|MODERATOR|REPORTER|SECRETARY|SPEAKER_\d+)\b|\bQ\b")


def written(tmp_path: Path, text: str, name: str = "t.txt") -> Transcript:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return import_file(path)


def every_part(transcript: Transcript, words: str, style: str) -> str:
    quote = find_quote(transcript, words)
    assert quote is not None
    c = cite(style, record_from_transcript(transcript), quote.quoted())
    return "\n".join(p.plain for p in (c.in_text, c.note, c.reference, c.attribution) if p)


# --- the State Department sample -----------------------------------------------------------


@pytest.mark.parametrize("style", STYLES)
def test_state_department_sample_names_people_in_every_style(style: str) -> None:
    text = every_part(import_file(STATE), "the Russian Government makes a big mistake", style)
    assert "Blinken" in text
    assert not LABELS.search(text), text
    assert "BLINKEN" not in text
    if style in ("mla", "chicago-notes", "chicago-author-date", "harvard"):
        assert "Antony J. Blinken" in text or "Blinken, Antony J." in text
        assert "Andrea Mitchell" in text  # the interviewer, as the title names her
    if style == "ap":
        assert "Secretary Antony J. Blinken said" in text


def test_each_resolved_person_says_where_the_name_came_from() -> None:
    people = resolve_people(import_file(STATE))
    assert people["secretary-blinken"].name == "Antony J. Blinken"
    assert people["secretary-blinken"].office == "Secretary"
    assert people["secretary-blinken"].source == "from the title"
    assert (people["question"].name, people["question"].source) == (
        "Andrea Mitchell",
        "from the title",
    )


def test_the_cli_prints_people_with_no_details(capsys: pytest.CaptureFixture[str]) -> None:
    for style in STYLES:
        assert (
            cli.main(
                [
                    "cite",
                    str(STATE),
                    "--quote",
                    "we’re reviewing a series of Russian actions",
                    "--style",
                    style,
                ]
            )
            == 0
        )
    out = capsys.readouterr().out
    assert "Blinken, Antony J. “Interview: Secretary Antony J. Blinken" in out  # MLA
    assert "Interview by Andrea Mitchell." in out
    assert not LABELS.search(out.replace("Interview: Secretary", "")), out


# --- a White House press gaggle and briefing ---------------------------------------------------


@pytest.mark.parametrize("style", STYLES)
def test_press_gaggle_names_the_press_secretary_with_the_header_date(style: str) -> None:
    text = every_part(import_file(GAGGLE), "He has not", style)
    assert "Earnest" in text and "EARNEST" not in text and "MR." not in text
    assert not LABELS.search(text), text
    assert "Interview by Q" not in text
    if style in ("mla", "chicago-notes", "chicago-author-date"):
        assert "Josh Earnest" in text
    assert "2015" in text
    assert "josh" not in text and "earnest" not in text  # no lower-cased proper noun


def test_ms_psaki_is_jen_psaki_from_a_title_in_capitals() -> None:
    transcript = import_file(BRIEFING)
    record = record_from_transcript(transcript)
    assert [p.name for p in record.interviewees] == ["Jen Psaki"]
    assert record.interviewer is None  # `Q` is many reporters: nobody to name (§1.6)
    assert record.published == "2021-02-01"
    mla = cite("mla", record).reference.plain
    assert mla.startswith("Psaki, Jen. “Press Briefing by Press Secretary Jen Psaki.” Interview.")
    assert (
        "(2021, February 1). Press briefing by press secretary Jen Psaki"
        in cite("apa", record).reference.plain
    )


GAGGLE_SLASHED = """\
The White House
Office of the Press Secretary
For Immediate Release

Press Gaggle by Press Secretary Josh Earnest en route Chicago, IL, 1/10/2017

Aboard Air Force One
En Route Chicago, Illinois

MR. EARNEST:  Before we get started, the President spent some time in the hangar.

Q    Were their families there?

MR. EARNEST:  Their families weren't there -- just the servicemembers.

Q    Thanks, Josh.
"""


def test_a_month_first_date_in_a_us_header_reaches_the_citation(tmp_path: Path) -> None:
    transcript = written(tmp_path, GAGGLE_SLASHED)
    record = record_from_transcript(transcript)
    assert record.published == "2017-01-10"
    ap = every_part(transcript, "just the servicemembers", "ap")
    assert "Press Secretary Josh Earnest said" in ap and "Jan. 10, 2017" in ap
    apa = every_part(transcript, "just the servicemembers", "apa")
    assert (
        "Earnest, J. (2017, January 10). Press gaggle by Press Secretary Josh Earnest en "
        "route Chicago, IL, 1/10/2017 [Interview]." in apa
    )


def test_an_ambiguous_slashed_date_is_not_guessed_without_a_us_sign(tmp_path: Path) -> None:
    transcript = written(
        tmp_path,
        "Talk of 4/5/2019\n\nANNA SMITH: Hello there.\n\n"
        "BOB JONES: Hi Anna, how are you?\n\nANNA SMITH: Fine.\n",
    )
    assert record_from_transcript(transcript).published is None


# --- resolving labels ------------------------------------------------------------------------


def test_surname_in_capitals_without_a_full_name_is_surname_case(tmp_path: Path) -> None:
    transcript = written(
        tmp_path,
        "Press gaggle aboard the plane\n\nMR. EARNEST:  Hi all.\n\n"
        "Q    Any news?\n\nMR. EARNEST:  None today.\n\nQ    Okay.\n",
    )
    person = resolve_people(transcript)["mr-earnest"]
    assert (person.name, person.office, person.source) == ("Earnest", None, "from the label")


def test_a_question_that_addresses_the_speaker_gives_the_given_name(tmp_path: Path) -> None:
    transcript = written(
        tmp_path,
        "Daily briefing\n\nMS. PSAKI:  Hi everyone.\n\n"
        "Q    Thanks, Jen.  Any news on Russia?\n\n"
        "MS. PSAKI:  Not today.\n\nQ    Thank you, Jen.\n\n"
        "MS. PSAKI:  Sure.\n",
    )
    person = resolve_people(transcript)["ms-psaki"]
    assert person.name == "Jen Psaki"
    assert person.source.startswith("from a question")


def test_unnamed_interviewer_is_left_out_as_citations_md_says(tmp_path: Path) -> None:
    transcript = written(
        tmp_path,
        "Interview with Jane Roe\n\nINTERVIEWER: Where were you?\n\n"
        "JANE ROE: At home, all day.\n\nINTERVIEWER: Alone?\n\n"
        "JANE ROE: Yes.\n",
    )
    record = record_from_transcript(transcript)
    assert record.interviewer is None
    assert [p.name for p in record.interviewees] == ["Jane Roe"]
    mla = cite("mla", record).reference.plain
    assert mla.startswith("Roe, Jane. “Interview with Jane Roe.” Interview.")
    assert "[Interview]" in cite("apa", record).reference.plain


def test_the_first_answer_names_the_asker_from_the_title(tmp_path: Path) -> None:
    transcript = written(
        tmp_path,
        "Talks: Senator Ada Price and Maria Lopez\n\n"
        "QUESTION: What now?\n\n"
        "SENATOR PRICE: Well, first, Maria, we wait.\n\n"
        "QUESTION: And then?\n\nSENATOR PRICE: We act.\n",
    )
    people = resolve_people(transcript)
    assert people["question"].name == "Maria Lopez"
    assert "first answer" in people["question"].source
    assert people["senator-price"].name == "Ada Price"
    assert people["senator-price"].office == "Senator"


def test_office_alone_is_the_person_the_title_names(tmp_path: Path) -> None:
    transcript = written(
        tmp_path,
        "Remarks by President Biden Before Marine One Departure\n\n"
        "THE PRESIDENT:  Hello, everybody.\n\nQ    Mr. President?\n\n"
        "THE PRESIDENT:  Not now.\n\nQ    Sir?\n",
    )
    person = resolve_people(transcript)["the-president"]
    assert (person.name, person.office) == ("Biden", "President")


def test_anonymous_and_court_labels_name_nobody(tmp_path: Path) -> None:
    transcript = written(
        tmp_path,
        "SPEAKER_00: Hello there.\n\nSPEAKER_01: Hi, how are you?\n\n"
        "SPEAKER_00: Fine thanks.\n\nSPEAKER_01: Good.\n",
    )
    assert all(p.name is None for p in resolve_people(transcript).values())
    quote = find_quote(transcript, "Fine thanks")
    assert quote is not None
    ap = cite("ap", record_from_transcript(transcript), quote.quoted()).attribution.plain
    assert "SPEAKER" not in ap


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("BLINKEN", "Blinken"),
        ("JEAN-PIERRE", "Jean-Pierre"),
        ("O'MALLEY", "O'Malley"),
        ("MCENANY", "McEnany"),
        ("J.", "J."),
        ("U.S.", "U.S."),
    ],
)
def test_proper_case(word: str, expected: str) -> None:
    assert proper_case(word) == expected


def test_vocatives() -> None:
    assert vocatives("Well, first, Andrea, we are deeply disturbed.") == ["Andrea"]
    assert vocatives("Thanks, Jen.  On the relief package, is he open?") == ["Jen"]
    assert vocatives("Can you respond to that, Josh?") == ["Josh"]
    assert vocatives("So, Russia is a problem. And China, too.") == []


# --- sentence case keeps proper nouns --------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        # common words are lowered...
        ("Why The Sky Is Blue: A Study Of Light", "Why the sky is blue: A study of light"),
        ("Officials Warn Of Rising Sanctions", "Officials warn of rising sanctions"),
        # ...names, initials and acronyms never are
        (
            "Interview: Secretary Antony J. Blinken with Andrea Mitchell of MSNBC",
            "Interview: Secretary Antony J. Blinken with Andrea Mitchell of MSNBC",
        ),
        ("Talks With Lavrov In Stockholm", "Talks with Lavrov in Stockholm"),
        (
            "Blinken Meets Kuleba In Kyiv After U.S. Pledge",
            "Blinken meets Kuleba in Kyiv after U.S. pledge",
        ),
        # already sentence case: left as it is
        ("in case of Russian aggression", "In case of Russian aggression"),
        # names of institutions and places built of common words stay names
        (
            "Press Gaggle Aboard Air Force One En Route Chicago",
            "Press gaggle aboard Air Force One en route Chicago",
        ),
        (
            "Talks At The State Department And The White House",
            "Talks at the State Department and the White House",
        ),
        (
            "Remarks By The President In The Rose Garden",
            "Remarks by the president in the Rose Garden",
        ),
        (
            "Remarks By Secretary Of The Department Of Homeland Security",
            "Remarks by secretary of the Department of Homeland Security",
        ),
        (
            "Senior Administration Officials Brief Reporters",
            "Senior administration officials brief reporters",
        ),
    ],
)
def test_sentence_case_lowers_only_known_common_words(given: str, expected: str) -> None:
    assert sentence_case(given) == expected


def test_the_sources_own_running_text_keeps_names_that_are_common_words(tmp_path: Path) -> None:
    transcript = written(
        tmp_path,
        "Remarks Aboard Air Force One With Josh Earnest\n\n"
        "MR. EARNEST:  We are on Air Force One today.\n\n"
        "Q    Where is the plane going?\n\n"
        "MR. EARNEST:  The plane goes to Cleveland with the "
        "Air Force One crew.\n\nQ    Thanks.\n",
    )
    record = record_from_transcript(transcript)
    assert {"Air", "Force", "Josh", "Earnest"} <= record.proper_nouns
    assert "Plane" not in record.proper_nouns  # the text also writes "plane"
    assert sentence_case(record.title or "", record.proper_nouns) == (
        "Remarks aboard Air Force One with Josh Earnest"
    )


def test_a_title_in_capitals_is_brought_to_ordinary_case() -> None:
    names = frozenset({"Jen", "Psaki"})
    assert unshout("PRESS BRIEFING BY PRESS SECRETARY JEN PSAKI", names) == (
        "Press briefing by press secretary Jen Psaki"
    )
    assert title_case("PRESS BRIEFING BY PRESS SECRETARY JEN PSAKI", names) == (
        "Press Briefing by Press Secretary Jen Psaki"
    )
    assert unshout("NATO SUMMIT IN VILNIUS", frozenset()) == "NATO summit in Vilnius"


def test_lexicon_both_ways() -> None:
    for word in ("secretary", "Talks", "RESPONDED", "well-known", "briefing", "sanctions"):
        assert is_common(word), word
    for word in ("Blinken", "Andrea", "Mitchell", "Psaki", "Antony", "Russian", "Kyiv"):
        assert not is_common(word), word


# --- dates --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "iso"),
    [
        ("2 Dec 2021", "2021-12-02"),
        ("December 2, 2021", "2021-12-02"),
        ("Dec 2021", "2021-12"),
        ("2021", "2021"),
        ("2021-12-02", "2021-12-02"),
        ("2 December", "--12-02"),
        ("1/10/2017", "2017-01-10"),
        ("FEBRUARY 1, 2021", "2021-02-01"),
        ("soon", None),
        ("2021-13", None),
    ],
)
def test_natural_dates(typed: str, iso: str | None) -> None:
    assert to_iso(typed) == iso


def test_a_date_without_its_year_is_kept_and_shown() -> None:
    sample = import_file(Path(__file__).resolve().parents[2] / "resources" / "sample-interview.txt")
    record = record_from_transcript(sample)
    assert record.published == "--12-02" and natural(record.published) == "2 December"
    assert "published" in cite("apa", record).missing  # no style cites a date without a year
    harvard = cite("harvard", record).reference.plain
    assert "Interviewed by Efi Koutsokosta for Euronews, 2 December." in harvard
    notes = cite("chicago-notes", record).note.plain
    assert notes.endswith("n.d.") and "n.d.." not in notes
    apa = cite("apa", record)
    assert apa.in_text.plain.startswith("(Euronews,") and apa.reference.plain.startswith(
        "Euronews."
    )


# --- exports are readable by colleagues ------------------------------------------------------


def test_export_files_get_the_umask_mode_or_keep_the_replaced_files(tmp_path: Path) -> None:
    import os
    import stat

    from desktop.core.export.base import write_atomically

    old = os.umask(0o022)
    try:
        new = write_atomically(tmp_path / "quotes.md", b"x")
        assert stat.S_IMODE(new.stat().st_mode) == 0o644
        os.umask(0o027)
        assert stat.S_IMODE(write_atomically(tmp_path / "b.md", b"x").stat().st_mode) == 0o640
        (tmp_path / "kept.md").write_bytes(b"old")
        (tmp_path / "kept.md").chmod(0o664)
        write_atomically(tmp_path / "kept.md", b"new")
        assert stat.S_IMODE((tmp_path / "kept.md").stat().st_mode) == 0o664
        assert (tmp_path / "kept.md").read_bytes() == b"new"
    finally:
        os.umask(old)


# --- a quote is whole words --------------------------------------------------------------------


def test_a_selection_ending_inside_a_word_is_widened_to_the_word() -> None:
    from desktop.core.quotes import quote_from_span, snap_to_words

    transcript = import_file(STATE)
    index = next(i for i, t in enumerate(transcript.turns) if t.text.startswith("Well, first"))
    text = transcript.turns[index].text
    cut = text.index("Andrea") + 1  # "Well, first, A|ndrea"
    quote = quote_from_span(transcript, index, 0, cut)
    assert quote.text == "Well, first, Andrea"
    start = text.index("isturbed")  # "d|isturbed by"
    assert quote_from_span(transcript, index, start, start + 12).text == "disturbed by"
    assert snap_to_words("we’re here", 1, 4) == (0, 5)  # the apostrophe joins a word
    assert snap_to_words("well-known fact", 6, 15) == (0, 15)
    assert snap_to_words("Yes. No.", 0, 4) == (0, 4)  # already whole words: unchanged


# --- rules the issue-10 corpus showed (hearings, podcasts, call signs, town halls) -----------


def test_interjections_are_no_given_names(tmp_path: Path) -> None:
    transcript = written(
        tmp_path,
        "Hearing\n\nMR. LIMAN:  Objection.  Now, after that?\n\n"
        "MR. NORTH:  Yes.\n\nMR. LIMAN:  Yeah, go on.\n\n"
        "MR. NORTH:  Fine.\n",
    )
    people = resolve_people(transcript)
    assert people["mr-liman"].name == "Liman" and people["mr-north"].name == "North"
    assert vocatives("Yeah. We went.") == [] and vocatives("Objection, Your Honor.") == []


def test_first_name_labels_and_call_signs_stay_as_written(tmp_path: Path) -> None:
    transcript = written(
        tmp_path,
        "Episode with Melissa Kelly\n\nKelly: Hi Ali, welcome.\n\n"
        "Ali: Thanks, Kelly. Good to be here.\n\nKelly: Great.\n\n"
        "Ali: Sure.\n",
    )
    people = resolve_people(transcript)
    assert people["kelly"].name == "Kelly"  # what the transcript calls her: no guess
    capsule = written(
        tmp_path,
        "CC: Roger, read you.\n\nLCC: Lift-off.\n\nCC: Clock.\n\nLCC: Go.\n",
        "capsule.txt",
    )
    assert {p.name for p in resolve_people(capsule).values()} == {"CC", "LCC"}


def test_hearing_names_in_capitals_after_a_prefix_get_proper_case() -> None:
    assert proper_case("McFARLANE".upper()) == "McFarlane"
    from desktop.core.citations.people import proper_name

    assert proper_name("McFARLANE") == "McFarlane"
    assert proper_name("Antony J. Blinken") == "Antony J. Blinken"


def test_a_host_named_after_with_is_no_briefer(tmp_path: Path) -> None:
    from desktop.core.citations.people import gives_the_briefing

    title = "Remarks by President Biden in a CNN Town Hall with Anderson Cooper"
    assert not gives_the_briefing("Anderson Cooper", title)
    title = "Press Gaggle by Press Secretary Karine Jean-Pierre and NSC Coordinator John Kirby"
    assert gives_the_briefing("John Kirby", title)


# --- any labels: never a crash, never a role label printed as a person -------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from desktop.core.model import Metadata, Role, Source, Speaker, Turn  # noqa: E402

_ROLE_LABELS = [
    "QUESTION",
    "Q",
    "INTERVIEWER",
    "MODERATOR",
    "REPORTER",
    "SPEAKER_00",
    "THE COURT",
    "A",
    "PARTICIPANT 2",
    "SENIOR ADMINISTRATION OFFICIAL",
]
_LABELS = [
    *_ROLE_LABELS,
    "MR. EARNEST",
    "SECRETARY BLINKEN",
    "Dr. Ada Price",
    "THE PRESIDENT",
    "Kelly",
    "JEN PSAKI",
    "McFARLANE",
    "LCC",
]


@settings(max_examples=40, deadline=None)
@given(
    labels=st.lists(st.sampled_from(_LABELS), min_size=1, max_size=4, unique=True),
    roles=st.lists(st.sampled_from(list(Role)), min_size=4, max_size=4),
    title=st.sampled_from(
        [
            None,
            "Press Gaggle by Press Secretary Josh Earnest",
            "Interview: Secretary Antony J. Blinken with Andrea Mitchell",
            "REMARKS BY THE PRESIDENT",
            "Talk",
        ]
    ),
    words=st.text(min_size=1, max_size=60).filter(lambda t: t.strip()),
)
def test_no_role_label_is_ever_cited_as_a_person(
    labels: list[str], roles: list[Role], title: str | None, words: str
) -> None:
    speakers = tuple(
        Speaker(f"s{i}", label, roles[i], None, (label,)) for i, label in enumerate(labels)
    )
    turns = tuple(Turn(s.id, f"{words} Well, first, Andrea.") for s in speakers)
    transcript = Transcript(
        source=Source("/tmp/x.txt", "0" * 64, "text", "utf-8"),
        metadata=Metadata(title=title),
        speakers=speakers,
        turns=turns,
    )
    record = record_from_transcript(transcript)
    cited = [p.name for p in (*record.interviewees, *record.people)] + [record.interviewer or ""]
    for name in cited:
        assert name.upper() not in {r.upper() for r in _ROLE_LABELS}, name
        assert not name.isupper() or len(name) <= 3, name  # no ALL-CAPS name but codes
    for style in STYLES:
        for index in range(len(turns)):
            quote = find_quote(transcript, turns[index].text[:20].strip() or "Well")
            if quote is None:
                continue
            c = cite(style, record, quote.quoted())
            text = " ".join(p.plain for p in (c.reference, c.in_text, c.attribution, c.note))
            for label in ("QUESTION", "INTERVIEWER", "MODERATOR", "SPEAKER_00", "THE COURT"):
                assert f"{label} said" not in text and f"by {label}" not in text


def test_officials_handing_over_do_not_name_each_other(tmp_path: Path) -> None:
    text = (
        "Press Briefing by White House COVID-19 Response Team\n\n"
        "MR. ZIENTS:  Good morning.  Over to Dr. Fauci.\n\n"
        "DR. FAUCI:  Thank you, Jeff.  The data look good.\n\n"
        "Q    Thanks, Jeff.  A question for you.\n\nMR. ZIENTS:  Sure.\n\n"
        "Q    Dr. Fauci, thanks, Jeff.  And for you?\n\nDR. FAUCI:  Yes.\n\n"
        "Q    Thanks, Jeff.\n\nDR. FAUCI:  Of course.\n\nQ    Thanks, Jeff.\n\n"
        "MR. ZIENTS:  Fine.\n\nSo:  this is a line.\n\nMR. ZIENTS:  Next.\n"
    )
    people = resolve_people(written(tmp_path, text))
    assert people["dr-fauci"].name == "Fauci"  # "Jeff" is said before both: names neither
    assert people["mr-zients"].name == "Zients"
    if "so" in people:
        assert people["so"].name is None  # "So:" opens a sentence; it is nobody


def test_a_quotations_own_comma_gives_way_to_the_sentences() -> None:
    from desktop.core.citations.typography import close_with

    assert close_with("“Hey,”", ",") == "“Hey,”"
    assert close_with("“Hey,”", ".") == "“Hey.”"
    assert close_with("Hey;", ".") == "Hey."


def test_court_and_header_shapes(tmp_path: Path) -> None:
    deposition = written(
        tmp_path,
        "Deposition of John Q. Doe\n\nTaken March 3, 2019\n\nQ.  State your name.\n\n"
        "A.  John Doe.\n\nQ.  Where do you live?\n\nA.  Springfield.\n\n"
        "THE COURT:  Proceed.\n",
    )
    people = resolve_people(deposition)
    answer = next(p for p in people.values() if p.label.rstrip(".") == "A")
    assert answer.name == "John Q. Doe" and answer.source == "from the title"
    assert all(p.name is None for p in people.values() if p.label in ("Q.", "Q", "THE COURT"))
    header = written(
        tmp_path,
        "Oral history\nInterviewer: Mary King Date: 12 March 2004\nGuest: Ada Price\n\n"
        "INTERVIEWER: Where did you grow up?\n\nGUEST: By the river.\n\n"
        "INTERVIEWER: And then?\n\nGUEST: The mill.\n",
        "header.txt",
    )
    named = {p.label.upper(): (p.name, p.source) for p in resolve_people(header).values()}
    # the header lines become the role labels' first turns: a turn that is only a name
    assert named["INTERVIEWER"] == ("Mary King", "from the header")
    assert named["GUEST"] == ("Ada Price", "from the header")


def test_a_witness_stating_their_name_is_named() -> None:
    transcript = import_file(DATA / "unseen" / "court_qa" / "court_qa.txt")
    people = {p.label: p for p in resolve_people(transcript).values()}
    assert people["A"].name == "Daniel Price"
    assert people["A"].source == "from their first answer (“Daniel Price.”)"
    assert people["Q"].name is None and people["THE COURT"].name is None


def test_cite_json_names_the_person_behind_the_label(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    assert (
        cli.main(
            ["cite", str(STATE), "--quote", "we’re reviewing a series of Russian actions", "--json"]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert (data["speaker"], data["person"]) == ("SECRETARY BLINKEN", "Antony J. Blinken")


def test_exports_name_the_speaker_as_citations_do(tmp_path: Path) -> None:
    from desktop import cli as verbatim

    out = tmp_path / "q.md"
    assert (
        verbatim.main(
            [
                "export",
                str(STATE),
                "--quote",
                "we’re reviewing that",
                "--format",
                "md",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    text = out.read_text(encoding="utf-8")
    assert "Antony J. Blinken (interviewee)" in text and "SECRETARY BLINKEN" not in text


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet="ab’'- .,\n", min_size=1, max_size=40), data=st.data())
def test_snapping_widens_to_whole_words_and_nothing_more(text: str, data: st.DataObject) -> None:
    from desktop.core.word_edges import _in_word, snap_to_words

    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    lo, hi = snap_to_words(text, start, end)
    assert lo <= start <= end <= hi
    assert not _in_word(text, lo) and not _in_word(text, hi)
    # only word characters were added: no space or punctuation outside a word is taken in
    assert all(ch not in " .,\n" for ch in text[lo:start] + text[end:hi])


def test_a_briefings_moderator_interviews_nobody() -> None:
    transcript = import_file(
        DATA / "unseen" / "gov_state_press_availability" / "gov_state_press_availability.txt"
    )
    record = record_from_transcript(transcript)
    assert record.interviewer is None  # MR PRICE calls on reporters: no "Interview by Price"
    quote = find_quote(transcript, "Good afternoon, everyone")
    assert quote is not None
    ap = cite("ap", record, quote.quoted()).attribution.plain
    assert "Secretary Antony J. Blinken said at a news conference on March 24, 2021." in ap
    npr = record_from_transcript(import_file(DATA / "text" / "npr_style.txt"))
    assert npr.interviewer == "Ari Shapiro"  # a show's host does interview


def test_a_broadcast_says_who_host_and_guest_are(tmp_path: Path) -> None:
    transcript = written(
        tmp_path,
        "Morning show, episode 12\n\nHOST: Good morning. I'm Ari Shapiro. My guest today is "
        "the historian Ada Lovelace, who wrote about engines.\n\nGUEST: Thank you for having "
        "me.\n\nHOST: Where do we start?\n\nGUEST: With the loom.\n",
    )
    people = {p.label: (p.name, p.source) for p in resolve_people(transcript).values()}
    assert people["HOST"][0] == "Ari Shapiro" and "I'm Ari Shapiro" in people["HOST"][1]
    assert people["GUEST"][0] == "Ada Lovelace"
    quiet = written(
        tmp_path,
        "HOST: Hello, this is the show.\n\nGUEST: Hi there.\n\n"
        "HOST: Welcome back.\n\nGUEST: Thanks.\n",
        "quiet.txt",
    )
    assert all(p.name is None for p in resolve_people(quiet).values())


def test_a_reporter_introducing_herself_does_not_name_every_q(tmp_path: Path) -> None:
    transcript = written(
        tmp_path,
        "Background Press Call on Trade\n\nMODERATOR: Welcome, everyone.\n\n"
        "SENIOR ADMINISTRATION OFFICIAL: Thanks.\n\nQ    Hi, this is Andrea Shalal with "
        "Reuters. What changes?\n\nSENIOR ADMINISTRATION OFFICIAL: Tariffs.\n\n"
        "Q    This is Josh Boak. And then?\n\nSENIOR ADMINISTRATION OFFICIAL: We wait.\n",
    )
    assert all(p.name is None for p in resolve_people(transcript).values())
