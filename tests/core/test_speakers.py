"""Speaker labels: what counts as one, alias merging, ids and roles."""

from __future__ import annotations

import pytest

from desktop.core.importers.speakers import (
    RoleContext,
    SpeakerBook,
    infer_roles,
    interviewee_named,
    interviewer_named,
    is_anonymous,
    parse_label,
    role_from_label,
    roles_from_turns,
    slug_to_name,
    split_alone,
    split_inline,
)
from desktop.core.model import Role, Speaker, Turn


@pytest.mark.parametrize(
    ("raw", "name", "affiliation", "notes"),
    [
        ("Efi Koutsokosta, euronews", "Efi Koutsokosta", "euronews", ()),
        ("Antony Blinken, US Secretary of State", "Antony Blinken", "US Secretary of State", ()),
        ("M. Kelly (as translated)", "M. Kelly", None, ("as translated",)),
        ("M.Kelly", "M. Kelly", None, ()),
        ("SECRETARY BLINKEN", "SECRETARY BLINKEN", None, ()),
        ("MR. EARNEST", "MR. EARNEST", None, ()),
        ("Sen. Warren (D-Mass.)", "Sen. Warren", "D-Mass.", ()),
        ("Ursula von der Leyen", "Ursula von der Leyen", None, ()),
        ("السؤال", "السؤال", None, ()),
        ("الوزير بلينكن", "الوزير بلينكن", None, ()),
        ("主持人", "主持人", None, ()),
        ("Speaker 2", "Speaker 2", None, ()),
        ("Q", "Q", None, ()),
    ],
)
def test_labels_taken_apart(
    raw: str, name: str, affiliation: str | None, notes: tuple[str, ...]
) -> None:
    label = parse_label(raw)
    assert label is not None
    assert (label.name, label.affiliation, label.notes) == (name, affiliation, notes)


@pytest.mark.parametrize(
    "raw",
    [
        "The answer is simple",
        "He said",
        "Note",
        "Tags",
        "Show Notes",
        "News",
        "Picks",
        "DR",
        "Interview",
        "Part 1",
        "Oui. Non",
        "https",
        "This is a very long sentence that keeps going well past any name",
        "",
    ],
)
def test_not_labels(raw: str) -> None:
    assert parse_label(raw) is None


def test_slug_names() -> None:
    assert slug_to_name("nicolas-demorand") == "Nicolas Demorand"
    assert slug_to_name("souleymane_bachir-diagne") == "Souleymane Bachir Diagne"
    label = parse_label("audrey-tang", allow_slug=True)
    assert label is not None and label.name == "Audrey Tang"
    assert parse_label("audrey-tang") is None
    accented = parse_label("blaise-agüera-y-arcas", allow_slug=True)
    assert accented is not None and accented.name == "Blaise Agüera Y Arcas"
    assert parse_label("Jean-Luc", allow_slug=True) == parse_label("Jean-Luc")  # not a slug


@pytest.mark.parametrize(
    ("line", "name", "rest", "start"),
    [
        ("QUESTION:  We see the Russian people", "QUESTION", "We see the Russian people", None),
        ("Q    Josh, can you tell us", "Q", "Josh, can you tell us", None),
        ("Q. Please state your name.", "Q", "Please state your name.", None),
        ("**Ana Ruiz:** Welcome.", "Ana Ruiz", "Welcome.", None),
        ("**Ana Ruiz**: Welcome.", "Ana Ruiz", "Welcome.", None),
        ("Nicolas Demorand : « Bonsoir. »", "Nicolas Demorand", "« Bonsoir. »", None),
        ("主持人：欢迎。", "主持人", "欢迎。", None),
        ("[00:01:23] Maria Lopez: In Valencia.", "Maria Lopez", "In Valencia.", 83.0),
        ("00:03:40.5 Interviewer: And then?", "Interviewer", "And then?", 220.5),
        ("Jane Doe (00:12): Hello.", "Jane Doe", "Hello.", 12.0),
    ],
)
def test_split_inline(line: str, name: str, rest: str, start: float | None) -> None:
    found = split_inline(line)
    assert found is not None
    assert (found.label.name, found.rest, found.start) == (name, rest, start)


@pytest.mark.parametrize(
    "line",
    [
        "The answer is simple: we wait.",
        "It was 10:30 when we started.",
        "https://example.org/page",
        "A lot of people came.",
        "Q&A session starts now",
    ],
)
def test_split_inline_rejects_prose(line: str) -> None:
    assert split_inline(line) is None


def test_split_alone() -> None:
    found = split_alone("Efi Koutsokosta, euronews:")
    assert found is not None and found.label.affiliation == "euronews"
    assert split_alone("Efi Koutsokosta: Hello.") is None


@pytest.mark.parametrize(
    ("label", "role"),
    [
        ("QUESTION", Role.INTERVIEWER),
        ("Q", Role.INTERVIEWER),
        ("Interviewer", Role.INTERVIEWER),
        ("MODERATOR", Role.HOST),
        ("Host", Role.HOST),
        ("Audience Member", Role.AUDIENCE),
        ("A", Role.INTERVIEWEE),
        ("السؤال", Role.INTERVIEWER),
        ("主持人", Role.HOST),
        ("Antony Blinken", None),
    ],
)
def test_role_from_label(label: str, role: Role | None) -> None:
    assert role_from_label(label) is role


def test_anonymous_labels() -> None:
    assert is_anonymous("Unknown Speaker")
    assert is_anonymous("Speaker 2")
    assert is_anonymous("SPEAKER_00")
    assert not is_anonymous("Jane Doe")


def _book(*raw_labels: str) -> tuple[SpeakerBook, list[str]]:
    book = SpeakerBook()
    keys = []
    for raw in raw_labels:
        label = parse_label(raw)
        assert label is not None, raw
        keys.append(book.add(label))
    return book, keys


def test_aliases_merge_into_the_full_name() -> None:
    book, keys = _book(
        "Efi Koutsokosta, euronews", "Antony Blinken", "Efi Koutsokosta", "SECRETARY BLINKEN"
    )
    book.merge_aliases()
    speakers = book.finish()
    assert [s.name for s in speakers] == ["Efi Koutsokosta", "Antony Blinken"]
    assert speakers[0].affiliation == "euronews"
    assert speakers[1].aliases == ("Antony Blinken", "SECRETARY BLINKEN")
    assert [book.speaker_id(k) for k in keys] == [
        "efi-koutsokosta",
        "antony-blinken",
        "efi-koutsokosta",
        "antony-blinken",
    ]


def test_spelling_variants_share_a_key() -> None:
    book, keys = _book("M. Kelly (as translated)", "M.Kelly", "M KELLY")
    assert len(set(keys)) == 1
    speakers = book.finish()
    assert len(speakers) == 1
    assert speakers[0].aliases == ("M. Kelly (as translated)", "M.Kelly", "M KELLY")


def test_initials_and_titles_merge_into_the_full_name() -> None:
    book, _ = _book("Vladimir Putin", "V. Putin", "President Putin", "Megyn Kelly", "M. Kelly")
    book.merge_aliases()
    speakers = book.finish()
    assert [(s.name, s.aliases) for s in speakers] == [
        ("Vladimir Putin", ("Vladimir Putin", "V. Putin", "President Putin")),
        ("Megyn Kelly", ("Megyn Kelly", "M. Kelly")),
    ]


def test_initials_of_someone_else_do_not_merge() -> None:
    book, _ = _book("Vladimir Putin", "L. Putin")
    book.merge_aliases()
    assert len(book.finish()) == 2


def test_outlet_as_a_label_asks_the_questions() -> None:
    book, keys = _book("Euronews", "Antony Blinken", "Euronews", "Antony Blinken")
    infer_roles(book, keys, ["Hello.", "Hi.", "Well.", "Yes."], RoleContext())
    assert [s.role for s in book.finish()] == [Role.INTERVIEWER, Role.INTERVIEWEE]


def test_ambiguous_surnames_do_not_merge() -> None:
    book, _ = _book("John Smith", "Mary Smith", "Smith")
    book.merge_aliases()
    assert [s.name for s in book.finish()] == ["John Smith", "Mary Smith", "Smith"]


def test_generic_and_anonymous_labels_never_merge() -> None:
    book, _ = _book("Speaker 1", "Speaker 2", "Q", "A")
    book.merge_aliases()
    assert len(book.finish()) == 4


def test_ids_are_unique_slugs() -> None:
    book, _ = _book("José Núñez", "Jose Nunez, EFE", "الوزير بلينكن")
    speakers = book.finish()
    assert [s.id for s in speakers] == ["jose-nunez", "jose-nunez-2", "الوزير-بلينكن"]


def test_roles_from_title_and_questions() -> None:
    book, keys = _book("QUESTION", "SECRETARY BLINKEN", "QUESTION", "SECRETARY BLINKEN")
    context = RoleContext(
        title="Interview: Secretary Antony J. Blinken with Andrea Mitchell of MSNBC"
    )
    infer_roles(book, keys, ["Why?", "Because.", "And then?", "Then this."], context)
    speakers = book.finish()
    assert [(s.name, s.role) for s in speakers] == [
        ("QUESTION", Role.INTERVIEWER),
        ("SECRETARY BLINKEN", Role.INTERVIEWEE),
    ]
    assert speakers[0].affiliation == "MSNBC"
    assert "Andrea Mitchell" in speakers[0].aliases


def test_roles_from_who_asks() -> None:
    book, keys = _book("Jane", "Tom", "Jane", "Tom")
    infer_roles(book, keys, ["Where?", "Here.", "When?", "Now."], RoleContext())
    assert [s.role for s in book.finish()] == [Role.INTERVIEWER, Role.INTERVIEWEE]


def test_panel_has_a_host_and_guests() -> None:
    book, keys = _book("Host Name", "Ann Lee", "Host Name", "Bo Chen", "Host Name", "Cy Diaz")
    texts = ["Ann, why?", "Because.", "Bo, and you?", "Agreed.", "Cy?", "No."]
    infer_roles(book, keys, texts, RoleContext())
    roles = {s.name: s.role for s in book.finish()}
    assert roles == {
        "Host Name": Role.HOST,
        "Ann Lee": Role.GUEST,
        "Bo Chen": Role.GUEST,
        "Cy Diaz": Role.GUEST,
    }


@pytest.mark.parametrize(
    ("context", "name"),
    [
        (RoleContext(title="Interview with Jane Roe, novelist"), "Jane Roe"),
        (RoleContext(title="Entretien avec Audrey Tang"), "Audrey Tang"),
        (
            RoleContext(
                lede="We touched on the subject in a recorded interview at the U.S. Embassy in "
                "Stockholm on December 2 with U.S. Secretary of State Antony Blinken."
            ),
            "Antony Blinken",
        ),
        (RoleContext(title="A talk with friends"), None),
    ],
)
def test_interviewee_named(context: RoleContext, name: str | None) -> None:
    assert interviewee_named(context) == name


def test_interviewer_named_in_title_or_lede() -> None:
    assert interviewer_named(
        RoleContext(title="Interview: Secretary Antony J. Blinken with Andrea Mitchell of MSNBC")
    ) == ("Andrea Mitchell", "MSNBC")
    assert interviewer_named(
        RoleContext(lede="Megyn Kelly of NBC News asked President Putin about it.")
    ) == ("Megyn Kelly", "NBC News")
    assert interviewer_named(RoleContext(title="A talk with friends")) is None


def test_briefing_moderator_is_the_host() -> None:
    book, keys = _book(
        "SECRETARY BLINKEN", "MR PRICE", "QUESTION", "SECRETARY BLINKEN", "QUESTION",
        "SECRETARY BLINKEN", "MR PRICE",
    )
    texts = [
        "Good afternoon. I have just come from NATO.", "We'll take a few questions. Lara?",
        "Will you sanction the pipeline?", "We have been clear.", "And on China?",
        "We talked about that at length.", "Thank you, everyone.",
    ]
    infer_roles(book, keys, texts, RoleContext())
    roles = {s.name: s.role for s in book.finish()}
    assert roles == {
        "SECRETARY BLINKEN": Role.INTERVIEWEE,
        "MR PRICE": Role.HOST,
        "QUESTION": Role.INTERVIEWER,
    }


def test_court_record_attorneys_and_bench_are_not_answering() -> None:
    book, keys = _book("Q", "A", "Q", "A", "MR. FISK", "THE COURT", "A", "Q")
    texts = [
        "Please state your name.", "Daniel Price.", "Where were you?", "At home.",
        "Objection, Your Honor. Relevance.", "Overruled. You may answer.", "At home.",
        "Thank you. Nothing further.",
    ]
    infer_roles(book, keys, texts, RoleContext())
    roles = {s.name: s.role for s in book.finish()}
    assert roles["Q"] is Role.INTERVIEWER
    assert roles["A"] is Role.INTERVIEWEE
    assert roles["MR. FISK"] is not Role.INTERVIEWEE
    assert roles["THE COURT"] is not Role.INTERVIEWEE


# --- who answers whom: many askers, one answerer (synthetic edge cases) ----------------------
# The real file of record is the Canadian Senate hearing in tests/data/corpus/markdown/.


def _hearing() -> tuple[list[str], list[str]]:
    """A committee hearing: senators take turns asking, one witness answers them all, and
    the chair closes the session."""
    labels: list[str] = []
    texts: list[str] = []
    askers = ["Senator Black", "Senator", "Senator Greene", "Senator", "Senator M", "Senator"]
    for number, senator in enumerate(askers):
        labels += [senator, "AA"]
        texts += [f"Thank you. What would you regulate first, point {number}?",
                  f"I would start with the custodians, for reason {number}."]
    labels += ["Senator Black", "AA", "The Chairman", "AA"]
    texts += ["Help me with this disconnect, which I do not understand.",
              "The two groups want different things.", "We have to stop here.", "Thank you."]
    return labels, texts


def test_a_hearing_has_many_askers_and_one_answerer() -> None:
    labels, texts = _hearing()
    book, keys = _book(*labels)
    infer_roles(book, keys, texts, RoleContext())
    roles = {s.name: s.role for s in book.finish()}
    assert roles["AA"] is Role.INTERVIEWEE
    for senator in ("Senator Black", "Senator", "Senator Greene", "Senator M"):
        assert roles[senator] is Role.INTERVIEWER, senator
    assert roles["The Chairman"] is Role.HOST  # a generic label keeps its stated role


def test_a_session_manager_among_the_askers_is_the_host() -> None:
    labels, texts = _hearing()
    labels[-2] = "Ms. Hayes"  # staff, not a role word: "We have to stop here."
    book, keys = _book(*labels)
    infer_roles(book, keys, texts, RoleContext())
    roles = {s.name: s.role for s in book.finish()}
    assert roles["Ms. Hayes"] is Role.HOST
    assert roles["AA"] is Role.INTERVIEWEE


def test_a_moderator_calling_on_each_panelist_is_not_the_answerer() -> None:
    """The moderator is in every change of speaker too, but asks: a host with guests."""
    labels = ["Lee", "Ann", "Lee", "Bo", "Lee", "Cy", "Lee", "Ann", "Lee", "Bo", "Lee", "Cy"]
    texts = ["Ann, why?", "Because it works.", "Bo, and you?", "Agreed.", "Cy?", "No.",
             "Ann, what next?", "More of it.", "Bo?", "Less of it.", "Cy, last word?", "Wait."]
    book, keys = _book(*labels)
    infer_roles(book, keys, texts, RoleContext())
    roles = {s.name: s.role for s in book.finish()}
    assert roles == {"Lee": Role.HOST, "Ann": Role.GUEST, "Bo": Role.GUEST, "Cy": Role.GUEST}


def test_a_long_two_party_interview_keeps_interviewer_and_interviewee() -> None:
    labels = ["Jane", "Tom"] * 6
    texts = ["Where?", "Here.", "When?", "Now.", "Why?", "Because.", "Who?", "Me.",
             "How?", "Slowly.", "Really?", "Yes."]
    book, keys = _book(*labels)
    infer_roles(book, keys, texts, RoleContext())
    assert [s.role for s in book.finish()] == [Role.INTERVIEWER, Role.INTERVIEWEE]


def test_timed_speakers_of_a_press_conference_get_roles_from_who_answers() -> None:
    """ASR output: SPEAKER_00 answers three reporters, each asking twice."""
    order = ["SPEAKER_01", "SPEAKER_00", "SPEAKER_02", "SPEAKER_00", "SPEAKER_03",
             "SPEAKER_00"] * 2
    turns = [
        Turn(speaker=who.lower(), text="Will you resign?" if who != "SPEAKER_00" else "No.")
        for who in order
    ]
    speakers = [Speaker(id=f"speaker_0{n}", name=f"SPEAKER_0{n}") for n in range(4)]
    roles = {s.name: s.role for s in roles_from_turns(speakers, turns)}
    assert roles == {"SPEAKER_00": Role.INTERVIEWEE, "SPEAKER_01": Role.INTERVIEWER,
                     "SPEAKER_02": Role.INTERVIEWER, "SPEAKER_03": Role.INTERVIEWER}


def test_a_staffer_closing_a_briefing_is_the_host_not_answering() -> None:
    """Synthetic: `AIDE: We've got to wrap.` in a briefing with two officials answering
    reporters (no single answerer): the aide runs the session."""
    book, keys = _book(
        "MS. JEAN-PIERRE", "QUESTION", "MR. KIRBY", "QUESTION", "MS. JEAN-PIERRE", "AIDE",
        "MS. JEAN-PIERRE",
    )
    texts = [
        "Good afternoon, everyone.", "On the strikes: will there be more?",
        "We will respond at a time of our choosing.", "And the budget?",
        "Congress has to act.", "We've got to wrap to gather.", "All right. Thanks, guys.",
    ]
    infer_roles(book, keys, texts, RoleContext())
    roles = {s.name: s.role for s in book.finish()}
    assert roles["AIDE"] is Role.HOST
    assert roles["MR. KIRBY"] is Role.INTERVIEWEE


def test_a_second_guest_who_never_asks_is_not_taken_for_an_asker() -> None:
    """Synthetic: two hosts put every question to one guest; a second guest adds two
    remarks without a question. The hosts ask; both guests answer."""
    labels = ["Jeff", "Openoms", "Ann", "Openoms", "Jeff", "Openoms", "Rootzoll", "Openoms",
              "Ann", "Openoms", "Jeff", "Openoms", "Rootzoll", "Openoms"]
    texts = []
    for number, label in enumerate(labels):
        if label in ("Jeff", "Ann"):
            texts.append(f"What about the hardware, part {number}?")
        elif label == "Rootzoll":
            texts.append("There was also one thing on our side that I found. " * 8)
        else:
            texts.append(f"We run it on several boards, as in case {number}.")
    book, keys = _book(*labels)
    infer_roles(book, keys, texts, RoleContext())
    roles = {s.name: s.role for s in book.finish()}
    assert roles == {"Jeff": Role.INTERVIEWER, "Openoms": Role.INTERVIEWEE,
                     "Ann": Role.INTERVIEWER, "Rootzoll": Role.INTERVIEWEE}


def test_a_spokesperson_who_opens_with_welcome_and_answers_everyone_is_not_the_host() -> None:
    """Synthetic: "Good morning and welcome to the White House briefing" makes a first voice the
    host; but every named reporter's question goes to her, so she is the one questioned."""
    labels = ["MS. PSAKI"]
    texts = ["Good morning and welcome to the White House briefing. I have two items for you."]
    for number, reporter in enumerate(["Ms. Collins", "Mr. Doocy", "Ms. Alcindor"] * 3):
        labels += [reporter, "MS. PSAKI"]
        texts += [f"Jen, on item {number}: will the President sign it?",
                  f"He has been clear about item {number}."]
    book, keys = _book(*labels)
    infer_roles(book, keys, texts, RoleContext())
    roles = {s.name: s.role for s in book.finish()}
    assert roles["MS. PSAKI"] is Role.INTERVIEWEE
    assert {roles[r] for r in ("Ms. Collins", "Mr. Doocy", "Ms. Alcindor")} == {
        Role.INTERVIEWER
    }
