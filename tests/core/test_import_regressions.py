"""Regression tests for import defects found on real-world shapes (one test per defect).

Each test names the shape that was misread and asserts the parse a reader would expect. The
small files live in `tests/data/text/` and `tests/data/timed/` (see `tests/data/SOURCES.md`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.importers import import_bytes, import_file
from desktop.core.model import Role, Transcript

DATA = Path(__file__).resolve().parents[1] / "data"
TEXT = DATA / "text"
TIMED = DATA / "timed"


def _names(transcript: Transcript) -> list[str | None]:
    by_id = {s.id: s.name for s in transcript.speakers}
    return [None if t.speaker is None else by_id[t.speaker] for t in transcript.turns]


def _parse(text: str, name: str = "file.txt") -> Transcript:
    return import_bytes(text.encode("utf-8"), name)


# --- 1. short labelled files ----------------------------------------------------------------


def test_two_turn_labelled_file_is_labelled_not_plain() -> None:
    transcript = import_file(TEXT / "short_two_turns.txt")
    assert transcript.source.format == "labelled"
    assert _names(transcript) == ["ALICE", "BOB"]
    assert [t.text for t in transcript.turns] == ["Hi there.", "Hello."]


@pytest.mark.parametrize(
    ("text", "names", "roles"),
    [
        (
            "Q: Where were you born?\n\nA: In Cork, in 1921.\n",
            ["Q", "A"],
            [Role.INTERVIEWER, Role.INTERVIEWEE],
        ),
        (
            "Interviewer: How did it start?\nJane Roe: By chance, really.\n",
            ["Interviewer", "Jane Roe"],
            [Role.INTERVIEWER, Role.INTERVIEWEE],
        ),
        (
            "ALICE: Hi there.\n\nBOB: Hello.\n\nALICE: Shall we start?\n",
            ["ALICE", "BOB", "ALICE"],
            None,
        ),
    ],
)
def test_short_exchanges(text: str, names: list[str], roles: list[Role] | None) -> None:
    transcript = _parse(text)
    assert transcript.source.format == "labelled"
    assert _names(transcript) == names
    if roles is not None:
        assert [s.role for s in transcript.speakers] == roles


def test_prose_with_a_couple_of_colons_stays_plain() -> None:
    text = (
        "A short note about the day.\n\nImportant: bring water.\n\n"
        "Later: we went home after a long walk in the hills.\n\n"
        "It was a good day and we all enjoyed it.\n\nThe end of the story.\n"
    )
    transcript = _parse(text)
    assert transcript.source.format == "plain"
    assert transcript.speakers == ()


# --- 2. Whisper console output saved as .txt -------------------------------------------------


def test_whisper_console_txt_keeps_its_times() -> None:
    transcript = import_file(TIMED / "whisper_console.txt")
    assert transcript.source.format == "whisper-txt"
    segments = [s for t in transcript.turns for s in t.segments]
    assert [(s.start, s.end) for s in segments] == [(0.0, 4.0), (4.0, 8.5), (8.5, 11.0)]
    assert segments[0].text == "And so my fellow Americans,"
    assert "-->" not in " ".join(t.text for t in transcript.turns)
    assert transcript.turns[0].start == 0.0


def test_whisper_cpp_stdout_with_log_lines_turn_token_and_speaker() -> None:
    transcript = import_file(TIMED / "whispercpp_stdout_log.txt")
    assert transcript.source.format == "whisper-txt"
    assert [t.text for t in transcript.turns] == [
        "Hello there, how are you?",
        "Fine, thanks. and you",  # the wrapped line stays with its segment
        "Good.",
    ]
    assert [t.start for t in transcript.turns] == [0.0, 3.0, 5.0]
    assert _names(transcript)[2] == "SPEAKER_01"
    removed = " ".join(transcript.report.removed)
    assert "whisper_init_from_file" in removed and "whisper_print_timings" in removed


# --- 4. headings ending in a question mark ---------------------------------------------------


def test_question_headings_between_turns_are_sections_one_line_answers_stay_speech() -> None:
    transcript = import_file(TEXT / "news_question_headings.txt")
    assert [(s.title, s.turn) for s in transcript.sections] == [
        ("“Is the war over?”", 2),  # quoted, alone between a turn's end and the next label
        ("Can Europe Hold Together?", 8),  # title-cased
        ("What comes after the war?", 10),  # a pull quote of the question below it
    ]
    texts = [t.text for t in transcript.turns]
    assert texts[3] == "Is it over?"  # a one-line (quoted) answer is speech
    assert texts[4] == "You are asking me?"
    assert texts[5] == "No. We keep fighting. But who decides?\n\nWhy not now?"  # its last line
    assert _names(transcript) == ["Jane Doe", "John Smith"] * 6


def test_a_question_paragraph_after_an_inline_turn_continues_it() -> None:
    text = (
        "MR. EARNEST: Good afternoon. Two things before questions.\n\n"
        "Does anyone have a question?\n\n"
        "Q: Yes. Is the deal done?\n\nMR. EARNEST: Not yet.\n\nQ: When Will It Be?\n"
    )
    transcript = _parse(text)
    assert transcript.sections == ()
    assert transcript.turns[0].text.endswith("Does anyone have a question?")


def test_an_unlabelled_question_before_the_same_label_again_is_nobodys() -> None:
    """Synthetic: `AA: answer` / `What next?` / `AA: answer`. The transcript names AA again
    because someone else spoke: the question is an unattributed turn, never AA's words
    (the Senate hearing in the corpus has this shape); a statement there, a note between,
    or a question before another label still continues the turn."""
    text = (
        "Senator Black: What would you regulate first?\n\n"
        "AA: The custodians.\n\nThank you very much. What would you suggest next?\n\n"
        "AA: Nothing yet. Is that a surprise?\n\n(Laughter.)\n\n"
        "AA: It should not be.\n\nSenator Greene: And the rest?\n\n"
        "AA: Wait for it.\n\nAnd I mean years.\n\nAA: Truly.\n"
    )
    transcript = _parse(text)
    assert _names(transcript) == ["Senator Black", "AA", None, "AA", "Senator Greene", "AA"]
    texts = [t.text for t in transcript.turns]
    assert texts[1] == "The custodians."
    assert texts[2] == "Thank you very much. What would you suggest next?"
    assert texts[3].endswith("(Laughter.)\n\nIt should not be.")  # a note between
    assert texts[5] == "Wait for it.\n\nAnd I mean years.\n\nTruly."  # a statement between
    assert any("unlabelled question" in w for w in transcript.report.warnings)


# --- 5. names alone on a line without a colon ------------------------------------------------


def test_capitalised_names_alone_are_labels_when_they_repeat() -> None:
    transcript = import_file(TEXT / "caps_names_alone.txt")
    assert transcript.source.format == "labelled"
    assert transcript.metadata.title == "HEARING ON THE BRIDGE PROJECT"
    assert _names(transcript) == ["MR. SMITH", "MS. JONES"] * 2 + ["MR. SMITH"]
    assert transcript.turns[0].text == (
        "Thank you for coming today. We have a lot to cover, so let us begin with the budget."
    )
    # `Note:` inside a turn is not a label in this shape; the blank line under a name is fine
    assert transcript.turns[1].text.endswith("Note: the figures are from January.")
    assert transcript.turns[3].text == "Two years, if the weather holds."


def test_names_alone_with_a_time_on_the_next_line() -> None:
    transcript = import_file(TEXT / "names_alone_timestamps.txt")
    assert _names(transcript) == ["Lex Fridman", "Jane Doe"] * 2
    assert [t.start for t in transcript.turns] == [0.0, 12.0, 15.0, 21.0]
    assert transcript.turns[1].text == "Thanks for having me."
    # the time before a later line of the turn is the tool's mark, not words of a quote
    assert transcript.turns[2].text == "Let's start at the beginning. What got you into history?"
    assert transcript.report.repaired == ("took 1 time off the start of lines inside turns",)
    assert transcript.report.removed == ()  # the name line is not a "repeated headline"


def test_headings_alone_that_do_not_repeat_are_not_speakers() -> None:
    text = (
        "INTRODUCTION\nThe town grew up around the mill in the last century.\n\n"
        "THE EARLY YEARS\nThe first mill was built in 1821 by two brothers.\n\n"
        "LATER\nIt closed in 1970 and the building became a museum.\n"
    )
    transcript = _parse(text)
    assert transcript.speakers == ()
    assert "The first mill was built in 1821" in " ".join(t.text for t in transcript.turns)


# --- words before the first label ------------------------------------------------------------


def test_a_short_talk_before_a_q_and_a_stays_speech_not_a_lede() -> None:
    text = (
        "Thank you all for coming tonight. I want to talk about the history of the river and"
        " how the town grew around it.\n\nThe first mill was built in 1821. By 1850 there"
        " were eleven.\n\nQ: How many of those mills survive today?\n\nA: Two.\n\n"
        "Q: Was the flood of 1913 the worst?\n\nA: Yes, by far.\n"
    )
    transcript = _parse(text)
    texts = [t.text for t in transcript.turns]
    assert texts[0].startswith("Thank you all for coming tonight.")  # one talk, one turn
    assert texts[0].endswith("\n\nThe first mill was built in 1821. By 1850 there were eleven.")
    assert _names(transcript) == [None, "Q", "A", "Q", "A"]
    assert transcript.metadata.lede is None


# --- 6. memory: the size limit and no needless copies ----------------------------------------


def test_size_limit_is_the_documented_128_mb() -> None:
    from desktop.core import importers

    assert importers.MAX_BYTES == 128_000_000
    assert "128 MB" in (importers.__doc__ or "")


def test_junk_removal_does_not_copy_a_text_without_junk() -> None:
    from desktop.core.importers.cleanup import remove_junk

    text = "JANE: Hello there.\n\nJOHN: Hi.\n" * 50
    assert remove_junk(text, title="JANE: Hello there.").text is text
    cleaned = remove_junk("Title\n\n[ad_1]\n\nJANE: Hello.\n", title="Title")
    assert cleaned.text == "Title\n\n\n\nJANE: Hello.\n"  # the junk line becomes a blank line
    assert cleaned.removed == ("[ad_1]",)


# --- a web page saved as .html ----------------------------------------------------------------


def test_saved_web_page_is_read_without_its_navigation_scripts_and_footer() -> None:
    transcript = import_file(TEXT / "saved_page.html")
    assert transcript.source.format == "labelled"
    assert transcript.metadata.title == "Interview: Jane Roe with Sam Lee of the Daily Post"
    assert transcript.metadata.date == "2022-03-03"
    assert _names(transcript) == ["QUESTION", "MS. ROE"]
    assert [t.text for t in transcript.turns] == [
        "Thank you for joining us. Is the budget ready?",
        "Almost. We write bold plans & keep them.",
    ]
    removed = " ".join(transcript.report.removed)
    assert "Home | World | Politics" in removed and "Privacy Policy" in removed
    assert "page <script>" in transcript.report.removed


# --- Otter exports ----------------------------------------------------------------------------


def test_otter_summary_header_is_not_a_turn_and_its_date_line_not_a_speaker() -> None:
    transcript = import_file(TEXT / "otter_summary_header.txt")
    assert transcript.source.format == "otter"
    assert _names(transcript) == ["Maria Lopez", "Unknown Speaker"] * 2
    assert [t.start for t in transcript.turns] == [0.0, 3.0, 5.0, 9.0]
    assert transcript.turns[0].text == "Okay, we're recording now."
    assert transcript.report.removed == (
        "SUMMARY KEYWORDS: dayton, grandfather, ncr, teacher, house",
        "SPEAKERS: Maria Lopez, Unknown Speaker",
        "recording line: Tue, 3/14 10:02AM • 45:12",
    )
    assert transcript.metadata.date == "--03-14"  # Otter gives month/day, no year
    assert transcript.sections == ()


def test_otter_without_names_keeps_the_times_alone_on_a_line() -> None:
    transcript = import_file(TEXT / "otter_no_names.txt")
    assert transcript.speakers == ()
    assert [t.start for t in transcript.turns] == [0.0, 15.0, 21.0]
    assert transcript.turns[0].text == "When I was a kid, apples were garbage."
    assert transcript.report.removed == ("Transcribed by https://otter.ai",)


# --- government transcripts: header stack and END footer ------------------------------------


def test_white_house_header_stack_and_end_footer() -> None:
    transcript = import_file(TEXT / "whitehouse_end_footer.txt")
    assert transcript.metadata.title == "PRESS BRIEFING BY PRESS SECRETARY JEN PSAKI"
    assert transcript.metadata.date == "2021-02-01"
    assert transcript.metadata.place == "James S. Brady Press Briefing Room"
    assert "THE WHITE HOUSE" in (transcript.metadata.lede or "")  # kept, not dropped
    assert _names(transcript) == ["MS. PSAKI", "Q", "MS. PSAKI"]
    assert transcript.turns[-1].text == "To hear them out. (Laughter.)\n\nWe will see."
    removed = transcript.report.removed
    for line in ("END", "1:36 P.M. EST", "1600 Pennsylvania Ave NW", "WH.gov"):
        assert line in removed


def test_a_closing_time_alone_after_the_last_turn_is_not_speech() -> None:
    transcript = _parse("MS. PSAKI:  Hi.\n\nQ    Thanks.\n\nMS. PSAKI:  Bye.\n\n2:31 P.M. EDT\n")
    assert transcript.turns[-1].text == "Bye."
    assert transcript.report.removed == ("2:31 P.M. EDT",)


# --- NPR-style transcripts ---------------------------------------------------------------


def test_npr_host_label_alone_once_then_inline_surnames() -> None:
    transcript = import_file(TEXT / "npr_style.txt")
    assert transcript.metadata.title == "Why the old mill town kept its river festival"
    assert transcript.metadata.date == "2019-06-02"
    names = _names(transcript)
    assert names[:4] == ["ARI SHAPIRO", "ADA PRICE", "ARI SHAPIRO", "ADA PRICE"]
    assert transcript.turns[0].text.startswith("Every June the town closes")  # not a lede
    assert "UNIDENTIFIED PERSON #1" in names
    assert transcript.sections == ()  # `(SOUNDBITE OF …)` is an annotation, not a heading
    # standing alone before the next label, the soundbite is a note in the turn it follows
    # (marked as an annotation there), never a turn of its own (issue 10)
    soundbite = "(SOUNDBITE OF BRASS BAND)"
    assert not [t for t in transcript.turns if t.text == soundbite]
    [holder] = [t for t in transcript.turns if soundbite in t.paragraphs]
    start = holder.text.index(soundbite)
    assert any(a.start == start and a.end == start + len(soundbite) for a in holder.annotations)
    assert transcript.turns[-1].text == "Thank you."
    assert len(transcript.report.removed) == 2  # copyright and the rush-deadline notice


# --- roles stated in labels and affiliations ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        (  # a role word in the affiliation
            "FAREED ZAKARIA, CNN HOST: Welcome.\n\nZELENSKYY: Thank you.\n\n"
            "ZAKARIA: How are you?\n\nZELENSKYY: Tired.\n",
            {"FAREED ZAKARIA": Role.HOST},
        ),
        (  # a role word before a name or a number
            "Moderator Lee: Welcome to the panel.\n\nAudrey Tang: Thank you.\n\n"
            "Moderator Lee: Let us begin.\n\nAudrey Tang: Sure.\n",
            {"Moderator Lee": Role.HOST},
        ),
        (
            "[00:00:05] INTERVIEWER: Please introduce yourself.\n"
            "[00:00:09] PARTICIPANT 3: I'm a nurse.\n"
            "[00:01:15] INTERVIEWER: How long?\n[00:01:18] PARTICIPANT 3: Eleven years.\n",
            {"INTERVIEWER": Role.INTERVIEWER, "PARTICIPANT 3": Role.INTERVIEWEE},
        ),
    ],
)
def test_roles_stated_in_labels(text: str, roles: dict[str, Role]) -> None:
    transcript = _parse(text)
    found = {s.name: s.role for s in transcript.speakers}
    for name, role in roles.items():
        assert found[name] is role


# --- non-Latin headers ------------------------------------------------------------------


def test_chinese_headline_with_a_fullwidth_colon_is_the_title_not_a_speaker() -> None:
    transcript = import_file(TEXT / "chinese_title_label.txt")
    assert transcript.metadata.title == "专访：数字发展部部长唐凤"
    assert transcript.metadata.date == "2022-08-30"
    assert _names(transcript) == ["记者", "唐凤", "记者", "唐凤"]
    assert [s.role for s in transcript.speakers] == [Role.INTERVIEWER, Role.INTERVIEWEE]


def test_headline_label_with_a_date_line_under_it_is_the_title() -> None:
    text = (
        "Blinken: “We will respond”\nDecember 2, 2021\n\n"
        "Efi Koutsokosta: Are we close to a confrontation?\n\nAntony Blinken: We do not know.\n\n"
        "Efi Koutsokosta: And sanctions?\n\nAntony Blinken: Everything is on the table.\n"
    )
    transcript = _parse(text)
    assert transcript.metadata.title == "Blinken: “We will respond”"
    assert transcript.metadata.date == "2021-12-02"
    assert transcript.turns[0].text == "Are we close to a confrontation?"


# --- initials as labels -----------------------------------------------------------------


def test_oral_history_header_fields_name_the_initials() -> None:
    transcript = import_file(TEXT / "oral_history_header.txt")
    assert transcript.metadata.date == "2004-03-12"
    assert transcript.metadata.place == "Leeds, West Yorkshire"
    speakers = {s.name: s for s in transcript.speakers}
    # header keys are not speakers; the header's full names are shown, the initials kept
    assert set(speakers) == {"Mary King", "John Smith"}
    mary, john = speakers["Mary King"], speakers["John Smith"]
    assert mary.role is Role.INTERVIEWER and "MK" in mary.aliases
    assert john.role is Role.INTERVIEWEE and "JS" in john.aliases
    assert transcript.turns[0].text == "Can you tell me when you started at the pit?"
    assert transcript.turns[-1].text == "Pony driver. Note: we called them gallowas."
    assert (
        transcript.metadata.lede is not None and "Transcriber: A. Patel" in transcript.metadata.lede
    )


def test_initials_keep_their_label_when_the_header_name_is_ambiguous() -> None:
    text = (
        "Interviewee: Mark Kay\nInterviewer: Mary King\nDate: 12 March 2004\n\n"
        "MK: Where were you born?\n\nJS: In Leeds.\n\n"
        "MK: When?\n\nJS: In 1946.\n"
    )
    transcript = _parse(text)
    names = {s.name for s in transcript.speakers}
    assert "MK" in names  # Mary King and Mark Kay are both MK: no full name is chosen
    assert any("Mary King" in s.aliases for s in transcript.speakers)


def test_initials_introduced_in_brackets_merge_with_the_full_name() -> None:
    text = (
        "Interview: Ursula von der Leyen on the Green Deal\n\n"
        "Shona Murray (SM): Madam President, is the Green Deal in danger?\n\n"
        "Ursula von der Leyen (UvdL): No. It is our growth strategy.\n\n"
        "SM: Farmers disagree.\n\nUvdL: We listen to farmers.\n\nSM: Thank you.\n"
    )
    transcript = _parse(text)
    assert [s.name for s in transcript.speakers] == ["Shona Murray", "Ursula von der Leyen"]
    assert _names(transcript) == ["Shona Murray", "Ursula von der Leyen"] * 2 + ["Shona Murray"]
    assert transcript.speakers[0].affiliation is None
    assert "SM" in transcript.speakers[0].aliases


def test_markdown_blockquote_marks_do_not_hide_a_label() -> None:
    text = (
        "# Ep. 7 — The archive\n\n## Interview\n\n**Host:** Tell us about the archive.\n\n"
        "**Dr. Amal Haddad:** It holds 40,000 hours of tape.\n\n"
        "> **Host:** Quoted aside in a blockquote.\n"
    )
    transcript = _parse(text, "episode.md")
    assert transcript.source.format == "markdown"
    assert _names(transcript) == ["Host", "Dr. Amal Haddad", "Host"]
    assert transcript.turns[-1].text == "Quoted aside in a blockquote."
    assert any("blockquote" in r for r in transcript.report.repaired)


# --- YouTube transcript panel pasted as text -------------------------------------------------


def test_youtube_transcript_panel_keeps_times_and_drops_panel_lines() -> None:
    transcript = import_file(TIMED / "youtube_transcript_panel.txt")
    assert transcript.source.format == "youtube-transcript"
    segments = [s for t in transcript.turns for s in t.segments]
    assert [s.start for s in segments] == [0.0, 4.0, 7.0, 3765.0]
    assert [s.text for s in segments] == [
        "so today we are building a tiny house",
        "[Music]",
        "and it has to be done in thirty days",  # hard line breaks joined
        "that is a wrap",
    ]
    text = " ".join(t.text for t in transcript.turns)
    assert "seconds" not in text and "Search in video" not in text
    assert transcript.report.removed == (
        "Transcript",
        "Search in video",
        "2 spoken-duration labels (“4 seconds”)",
    )


def _panel(cues: list[str], header: str = "Transcript\n\n\nSearch in video\n") -> str:
    """A panel paste: one time a cue, five seconds apart; a `# title` item is a chapter
    title, written (as the panel does) on its own line just above its first time."""
    out, seconds = [header.rstrip("\n")], 0
    for cue in cues:
        if cue.startswith("# "):
            out.append(cue[2:])
            continue
        out += [f"{seconds // 60}:{seconds % 60:02d}", cue]
        seconds += 5
    return "\n".join(out) + "\n"


_CHAPTERED = [
    "# Introduction", "[Music]", "welcome everyone to the workshop on soil samples",
    "today we look at three kinds of clay", "and why the water matters so much",
    "# Field work", "so the first thing we do in the field",
    "is dig a small pit next to the fence", "and label every bag before it leaves the site",
    "nobody wants a bag without a name", "# Lab results: what held water?",
    "back in the lab the numbers surprised us", "the clay held twice the water we expected",
    "which means the old maps were wrong", "thanks for watching",
]


def test_youtube_panel_header_with_blank_lines_is_still_the_panel() -> None:
    """Real pastes keep the panel's header as rendered: `Transcript`, two blank lines,
    `Search in video`. Blank lines there are not paragraphs; only blank lines among the cues
    would mean another shape (Otter without names)."""
    transcript = _parse(_panel(_CHAPTERED))
    assert transcript.source.format == "youtube-transcript"
    assert transcript.turns[0].start == 0.0
    assert transcript.report.removed[:2] == ("Transcript", "Search in video")
    among_cues = "0:00\nfirst words here\n\n0:05\nmore words\n\n0:10\nlast words\n"
    assert _parse(among_cues).source.format != "youtube-transcript"


def test_youtube_panel_chapter_titles_are_headings_not_words() -> None:
    """A chapter's title sits on its own line above the chapter's first time, so it follows
    the previous cue's words; read as words it was glued into a quote ("…so much Field work
    so the first…"). It becomes a section heading and the chapter starts a new turn."""
    transcript = _parse(_panel(_CHAPTERED))
    titles = [(s.title, s.turn) for s in transcript.sections]
    assert titles == [("Introduction", 0), ("Field work", 1), ("Lab results: what held water?", 2)]
    words = " ".join(t.text for t in transcript.turns)
    assert "Field work" not in words and "Lab results" not in words
    assert transcript.turns[0].text.endswith("why the water matters so much")
    assert transcript.turns[1].text.startswith("so the first thing we do")
    assert transcript.turns[1].start == 20.0
    assert "before the first time: Introduction" not in transcript.report.removed


def test_youtube_panel_capitalised_caption_names_are_speakers() -> None:
    """Professional captions name the voice in capitals where it changes, at a cue's start
    or after a sentence inside it. The panel's time-every-other-line rhythm still wins over
    the labelled reading, and each recurring name is a change of speaker."""
    transcript = _parse(_panel([
        "[MUSIC PLAYING]", "ANNA LEE: Welcome, everyone, to the evening course on maps.",
        "My name is Anna Lee. TOM RAY: And I'm Tom.", "ANNA LEE: Tonight we start with maps",
        "and why every flat map lies a little.", "Questions? Yes?",
        "AUDIENCE: Do we need any software?", "ANNA LEE: Good question. No, it is free.",
        "So let me hand over to Tom.", "TOM RAY: Thanks. So a projection",
        "flattens the globe.", "AUDIENCE: Which one is best? TOM RAY: None of them.",
        "NOTE: this is not a name, it comes once.",
    ]))
    assert transcript.source.format == "youtube-transcript"
    names = [s.name if s else None for s in map(transcript.speaker_of,
                                                 range(len(transcript.turns)))]
    assert names == [None, "ANNA LEE", "TOM RAY", "ANNA LEE", "AUDIENCE", "ANNA LEE",
                     "TOM RAY", "AUDIENCE", "TOM RAY"]
    assert transcript.turns[1].text.endswith("My name is Anna Lee.")
    assert transcript.turns[-1].text == "None of them. NOTE: this is not a name, it comes once."
    assert not any("ANNA LEE:" in t.text or ">>" in t.text for t in transcript.turns)
    audience = next(s for s in transcript.speakers if s.name == "AUDIENCE")
    assert audience.role is Role.AUDIENCE


def test_youtube_panel_two_line_cues_are_words_when_the_file_writes_them() -> None:
    """Only a file that writes one line a cue has chapter lines: where many cues run over two
    lines (a quarter or more), the second line is words and stays where it is."""
    cues = [f"cue number {n} says something\nand goes on" if n % 2 else f"cue number {n}"
            for n in range(12)]
    transcript = _parse(_panel(cues))
    assert transcript.source.format == "youtube-transcript"
    assert transcript.sections == ()
    assert "cue number 1 says something and goes on" in transcript.turns[0].text


def test_state_department_title_and_tags_footer() -> None:
    text = (
        "U.S. Department of State\n"
        "An official website of the United States Government Here's how you know\n"
        "Secretary Antony J. Blinken At a Press Availability\nPRESS STATEMENT\n"
        "BRUSSELS, BELGIUM\nMARCH 24, 2021\n\n"
        "SECRETARY BLINKEN:  Good afternoon.\n\nQUESTION:  On Nord Stream 2?\n\n"
        "SECRETARY BLINKEN:  The President has been clear.\n\nQUESTION:  And on China?\n\n"
        "SECRETARY BLINKEN:  We talked about that.\n\nTAGS\nBelgium\nNATO\n"
        "Office of the Spokesperson\n"
    )
    transcript = _parse(text)
    assert transcript.metadata.title == "Secretary Antony J. Blinken At a Press Availability"
    assert transcript.metadata.date == "2021-03-24"
    assert transcript.turns[-1].text == "We talked about that."
    for line in ("TAGS", "Belgium", "NATO", "Office of the Spokesperson"):
        assert line in transcript.report.removed


def test_a_label_alone_with_its_words_a_blank_line_below_at_the_very_start() -> None:
    transcript = _parse("ALICE:\n\nHi there.\n\nBOB:\n\nHello.\n\nALICE:\n\nBye.\n")
    assert _names(transcript) == ["ALICE", "BOB", "ALICE"]
    assert transcript.turns[0].text == "Hi there."


def test_otter_export_with_the_same_time_in_front_of_every_line() -> None:
    transcript = import_file(TEXT / "otter_prefixed_lines.txt")
    assert transcript.source.format == "otter"
    assert _names(transcript) == ["Jane Doe", "Unknown Speaker", "Jane Doe"]
    assert [t.start for t in transcript.turns] == [0.0, 10.0, 13.0]
    assert transcript.turns[1].text == "And I am Brian."
    assert transcript.report.repaired == ("took the same time `0:00` off the start of every line",)


def test_a_first_turn_said_again_later_is_not_a_repeated_headline() -> None:
    transcript = _parse(
        "Q: Thank you.\n\nA: Welcome.\n\nQ: Next one?\n\nA: Yes.\n\nQ: Thank you.\n"
    )
    assert [t.text for t in transcript.turns][-1] == "Thank you."
    assert transcript.report.removed == ()


def test_show_notes_above_a_transcript_line_are_not_turns() -> None:
    transcript = import_file(TEXT / "podcast_notes_then_transcript.txt")
    assert transcript.metadata.title == "Episode #412: Python packaging in 2024"
    assert [s.name for s in transcript.speakers] == ["Michael Kennedy", "Brian Okken"]
    assert transcript.turns[0].text.startswith("Hello and welcome to episode 412.")
    assert len(transcript.turns) == 4
    assert "uv 0.1 released" not in " ".join(t.text for t in transcript.turns)
    assert "Transcript" in transcript.report.removed


def test_court_examination_heading_is_not_the_title() -> None:
    text = (
        "DIRECT EXAMINATION\nBY MR. HALLORAN:\nQ. Please state your name for the record.\n"
        "A. Daniel Price.\nQ. Where were you that night?\nA. At home.\n"
    )
    transcript = _parse(text)
    assert transcript.metadata.title is None
    assert _names(transcript) == ["Q", "A", "Q", "A"]


def test_spanish_p_and_r_labels_are_question_and_answer() -> None:
    transcript = _parse(
        "P: ¿Cómo empezó todo?\n\nR: Por casualidad.\n\nP: ¿Y después?\n\nR: Creció.\n"
    )
    assert [(s.name, s.role) for s in transcript.speakers] == [
        ("P", Role.INTERVIEWER),
        ("R", Role.INTERVIEWEE),
    ]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (  # French: a label with a lower-case noun; its words are not the journalist's
            "Journaliste : Madame la ministre, « est-ce la fin ? »\n\n"
            "La ministre : Non ! Ce n’est que le début.\n\nJournaliste : Vraiment ?\n\n"
            "La ministre : Oui.\n",
            ["Journaliste", "La ministre", "Journaliste", "La ministre"],
        ),
        (
            "interviewer: how did it start?\n\njane: by chance, in a garage.\n\n"
            "interviewer: and then?\n\njane: it grew slowly.\n",
            ["interviewer", "jane", "interviewer", "jane"],
        ),
    ],
)
def test_lower_case_labels_that_repeat(text: str, names: list[str]) -> None:
    assert _names(_parse(text)) == names


def test_a_lower_case_phrase_with_a_colon_once_is_not_a_label() -> None:
    text = (
        "ANNA: We tried everything.\n\nBEN: And?\n\n"
        "ANNA: It failed.\n\nthe problem: nobody asked the farmers.\n\nBEN: Right.\n"
    )
    transcript = _parse(text)
    assert _names(transcript) == ["ANNA", "BEN", "ANNA", "BEN"]
    assert transcript.turns[2].text == "It failed.\n\nthe problem: nobody asked the farmers."


def test_markdown_title_mark_is_not_part_of_the_title() -> None:
    text = (
        "# Episode 3\n\n**Jane Doe** (00:00:05)\n\nHow did it start?\n\n"
        "**John Roe** (00:00:09)\n\nBy chance.\n\n**Jane Doe** (00:00:15)\n\nAnd then?\n"
    )
    transcript = _parse(text, "episode.md")
    assert transcript.metadata.title == "Episode 3"
    assert [t.start for t in transcript.turns] == [5.0, 9.0, 15.0]


def test_word_97_html_page_with_unknown_tags_and_tab_entities() -> None:
    # an interview saved from Word 97: `<DIR>` nesting, a label split by a font tag, `&#9;`
    # (one-digit entity) between label and words, an `{END}` mark after the last turn
    page = (
        "<HTML>\n<HEAD>\n<TITLE>KEN THOMPSON 9-6-89</TITLE>\n</HEAD>\n<BODY>\n<DIR>\n<DIR>\n\n"
        "<P>M<FONT FACE=\"CG Times\">SM:&#9;&#9;Is it six?</P>\n"
        "</FONT><P>Thompson:&#9;<FONT FACE=\"CG Times\">It is seven.</P>\n"
        "<P>MSM:&#9;&#9;Okay.</P>\n"
        "</FONT><P>Thompson:&#9;<FONT FACE=\"CG Times\">Right from the start.</P>\n"
        "<FONT FACE=\"CG Times\"><P>{END} </P></DIR>\n</DIR>\n</FONT></BODY>\n</HTML>\n"
    )
    transcript = import_bytes(page.encode("cp1252"), "thompson.htm")
    assert _names(transcript) == ["MSM", "Thompson", "MSM", "Thompson"]
    assert [t.text for t in transcript.turns] == [
        "Is it six?", "It is seven.", "Okay.", "Right from the start."
    ]
    assert "{END}" in transcript.report.removed


def test_webvtt_voice_tags_in_a_text_file_after_line_times() -> None:
    # a podcast's cues pasted into text: `HH:MM:SS <v Name>words`, the same voice's tag again
    # mid-line where two cues were joined, and a last line with no voice
    text = (
        "00:00:00 <v Michael Kennedy>Coding agents have gotten really good.\n\n"
        "00:00:03 <v Michael Kennedy>It all happens on disk, <v Michael Kennedy>you see.\n\n"
        "00:00:08 <v Trevor Manz>Yeah, definitely.\n\n"
        "00:00:11 <v Trevor Manz>We have been doing a lot.\n\n"
        "00:00:15 <v Michael Kennedy>Great.\n\n"
        "00:00:17 Thank you.\n"
    )
    transcript = _parse(text, "555.txt")
    assert _names(transcript)[:3] == ["Michael Kennedy", "Trevor Manz", "Michael Kennedy"]
    assert transcript.turns[0].start == 0.0 and transcript.turns[1].start == 8.0
    assert all("<v" not in t.text and "00:00" not in t.text for t in transcript.turns)
    assert "It all happens on disk, you see." in transcript.turns[0].text


def test_congressional_record_labels_end_in_a_period() -> None:
    # GPO's print: `Mr. NAME.` / `The SPEAKER pro tempore (Mr. Foley).` then the words,
    # hard-wrapped lines, a `{time}  1100` clock mark, the page's <title> as the title
    page = (
        "<html>\n<head>\n<title>Congressional Record, Volume 151 Issue 99</title>\n</head>\n"
        "<body><pre>\n"
        "  Mr. MICA. Mr. Speaker, I move to suspend the rules and agree to the \n"
        "concurrent resolution.\n"
        "  The SPEAKER pro tempore. Pursuant to the rule, the gentleman from \n"
        "Florida (Mr. Mica) will control 20 minutes.\n"
        "  Mr. MICA. Mr. Speaker, I yield myself such time as I may consume.\n"
        "  Mr. Speaker, I am pleased to rise in support.\n\n"
        "                              {time}  1100\n\n"
        "  Ms. MILLENDER-McDONALD. Mr. Speaker, I rise in support.\n"
        "  The SPEAKER pro tempore (Mr. Foley). The question is on the motion.\n"
        "</pre></body>\n</html>\n"
    )
    transcript = _parse(page, "record.htm")
    assert _names(transcript) == [
        "Mr. MICA", "The SPEAKER pro tempore", "Mr. MICA", "Ms. MILLENDER-McDONALD",
        "The SPEAKER pro tempore",
    ]
    assert transcript.turns[0].text.startswith("Mr. Speaker, I move to suspend the rules and")
    assert "Mr. Speaker, I am pleased" in transcript.turns[2].text  # `Mr. Speaker,` is words
    assert all("{time}" not in t.text for t in transcript.turns)
    assert transcript.metadata.title == "Congressional Record, Volume 151 Issue 99"


def test_a_capitalised_name_and_a_period_once_is_not_a_label() -> None:
    text = (
        "We met the senator in the hall.\n\n"
        "Mr. SMITH. That is how the clerk printed his name in the record, once.\n\n"
        "Then we went home and wrote it up.\n"
    )
    transcript = _parse(text, "notes.txt")
    assert transcript.speakers == ()


def test_indented_first_lines_mark_paragraphs_in_hard_wrapped_print() -> None:
    # the Congressional Record: a paragraph starts with a two-space indent, its wrapped lines
    # start at the margin; an editor's note in parentheses is a paragraph (a note) of its own;
    # `[[Page S702]]` is the printed page's marker
    text = (
        "  Mr. JEFFORDS. Mr. President, I rise today to introduce two bills. The\n"
        "first bill is the Recycling Act.\n"
        "  The PRESIDING OFFICER. The Senator from Vermont is recognized.\n\n"
        "[[Page S702]]\n\n"
        "  Mr. JEFFORDS. I thank the Chair.\n"
        "  (The remarks of Mr. Jeffords pertaining to the introduction of S. 215\n"
        "are located in today's Record.)\n"
        "  Mr. JEFFORDS. The second bill I will be introducing today with\n"
        "Senator Frist.\n"
        "  For now, I will go ahead and send the bill\n"
        "to the desk.\n"
    )
    transcript = _parse(text, "record.txt")
    assert _names(transcript)[:3] == ["Mr. JEFFORDS", "The PRESIDING OFFICER", "Mr. JEFFORDS"]
    assert all("[[Page" not in t.text for t in transcript.turns)
    jeffords = "\n\n".join(t.text for t in transcript.turns[2:])
    assert "For now, I will go ahead" in jeffords
    notes = [t.text[a.start : a.end] for t in transcript.turns for a in t.annotations]
    assert any(n.startswith("(The remarks of Mr. Jeffords") for n in notes)


def test_parentheses_in_subtitles_are_never_dialogue() -> None:
    text = (
        "WEBVTT\n\n00:00:43.812 --> 00:00:45.899\n我们是一所全球领先的大学\n"
        "（特雷西米兰诺——康奈尔大学网络政策主管）\n\n"
        "00:00:45.899 --> 00:00:48.500\n我们想要的是具有全世界最好的天赋的人\n"
    )
    transcript = _parse(text, "zh.vtt")
    notes = [t.text[a.start : a.end] for t in transcript.turns for a in t.annotations]
    assert notes == ["（特雷西米兰诺——康奈尔大学网络政策主管）"]


def test_cart_transcript_page_chevrons_mid_paragraph_and_session_headings() -> None:
    page = (
        "<html>\n<head><title>Symposium transcript</title></head>\n<body>\n"
        "<h1>Transcript of the symposium</h1>\n<h2>Welcome session</h2>\n"
        "<p>>> CARLOS DUARTE: So I think we can start now. Hello, everyone.</p>\n"
        "<p>>> SETH POLSLEY: This is what she would hear. >> Charles Dickens. >> SETH POLSLEY:"
        " So that is a snippet.</p>\n"
        "<p>>> JOSHUE O'CONNOR: Two minutes.</p>\n"
        "<p>>> SETH POLSLEY: Thank you. So if I understood the time is over. So I show</p>\n"
        "<h2>Closing session</h2>\n"
        "<p>And moving to the closing session, thank you all.</p>\n"
        "<p>>> Thank you.</p>\n</body>\n</html>\n"
    )
    transcript = _parse(page, "symposium.html")
    assert transcript.source.format == "captions"
    assert _names(transcript) == [
        "CARLOS DUARTE", "SETH POLSLEY", None, "SETH POLSLEY", "JOSHUE O'CONNOR",
        "SETH POLSLEY", "SETH POLSLEY", None,
    ]
    assert transcript.metadata.title == "Transcript of the symposium"
    assert [s.title for s in transcript.sections] == ["Welcome session", "Closing session"]
    assert transcript.turns[2].text == "Charles Dickens."
    assert transcript.turns[6].text == "And moving to the closing session, thank you all."
    assert all(">>" not in t.text and t.text != "Closing session" for t in transcript.turns)
