"""The text engine's first steps: every line normalised the same way, the label grammar
learned from the file (issue 10).

Real files (`tests/data/corpus/markdown/strato_*`, sources in `tests/data/corpus/SOURCES.md`)
carry the shapes; the small synthetic texts below pin the edges of each rule (a rule that
needs repetition must not fire on one line).
"""

from __future__ import annotations

import re
from pathlib import Path

from desktop.core.importers import import_bytes, import_file
from desktop.core.importers.text.grammar import learn_lines
from desktop.core.importers.text.lines import read_line
from desktop.core.model import Transcript

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
_TIME_MARK = re.compile(r"\[\d{1,2}:\d{2}(?::\d{2})?\]|\[\d+(?:\.\d+)?s\]")


def _parse(text: str, name: str = "file.txt") -> Transcript:
    return import_bytes(text.encode("utf-8"), name)


def _names(transcript: Transcript) -> list[str | None]:
    by_id = {s.id: s.name for s in transcript.speakers}
    return [None if t.speaker is None else by_id[t.speaker] for t in transcript.turns]


# --- real files --------------------------------------------------------------------------------


def test_bold_label_with_its_time_inside_the_bold() -> None:
    """`**[00:18] SPEAKER_00:** words` (WhisperX + pyannote Markdown): a label and a time."""
    transcript = import_file(CORPUS / "markdown" / "strato_kickoff_bold-time-labels.md")
    assert sorted(s.name for s in transcript.speakers) == ["SPEAKER_00", "SPEAKER_01", "SPEAKER_02"]
    assert len(transcript.turns) == 11
    first = transcript.turns[0]
    assert (first.start, first.text[:40]) == (18.0, "Okay, can anyone confirm that they can s")
    assert transcript.turns[-1].text == "Has this stream stopped?"
    assert not any("**" in t.text or _TIME_MARK.search(t.text) for t in transcript.turns)


def test_seconds_at_the_start_of_every_line_are_segments_not_words() -> None:
    """`**SPEAKER_01:**` alone, then `[0.6s] So, hello.` line after line."""
    transcript = import_file(CORPUS / "markdown" / "strato_czepluch_seconds-line-starts.md")
    assert sorted(s.name for s in transcript.speakers) == ["SPEAKER_00", "SPEAKER_01"]
    assert len(transcript.turns) == 32
    first = transcript.turns[0]
    assert first.start == 0.6
    assert first.text.startswith("So, hello. Hello, Bob. So, yes, I'm Bob Samuel")
    assert [(s.start, s.text) for s in first.segments[:2]] == [
        (0.6, "So, hello."),
        (1.9, "Hello, Bob."),
    ]
    assert all(s.text in first.text for s in first.segments)
    assert transcript.turns[-1].text == "Thank you. You too."
    assert not any(_TIME_MARK.search(t.text) for t in transcript.turns)


# --- one line ----------------------------------------------------------------------------------


def test_read_line_takes_marks_off_and_keeps_times() -> None:
    line = read_line("**[02:14] SPEAKER_02:** That &quot;little&quot; love.")
    assert (line.start, line.plain) == (134.0, 'SPEAKER_02: That "little" love.')
    inline = read_line("So what [00:01:00] we did was")
    assert (inline.plain, inline.times) == ("So what we did was", ((7, 60.0),))
    ranged = read_line("[0.0s - 4.0s] Alright everyone")
    assert (ranged.start, ranged.plain) == (0.0, "Alright everyone")
    assert read_line("> quoted *words* here").plain == "quoted words here"
    assert read_line(">> caption speaker").plain == ">> caption speaker"  # CART, not a quote


def test_a_bare_time_counts_only_when_the_file_repeats_it() -> None:
    once = learn_lines(["1:58 P.M. EDT", "words said 10:30", "more words"])
    assert not once.habits.leading and not once.habits.trailing
    otr = learn_lines([f"words number {n} said 0{n}:44" for n in range(1, 6)])
    assert otr.habits.trailing
    assert read_line("words said 01:44", otr.habits).plain == "words said"


# --- the label grammar -------------------------------------------------------------------------


def test_bold_names_without_colons_are_labels_when_they_repeat() -> None:
    text = (
        "0:00:14.2 **Maria Lopez** Welcome to the show.\n\n"
        "0:00:18.0 **Tom Reed** Thanks for having me.\n\n"
        "0:00:21.5 **Maria Lopez** Let us begin.\n\n"
        "0:00:25.1 **Tom Reed** Sure.\n"
    )
    transcript = _parse(text, "episode.md")
    assert _names(transcript) == ["Maria Lopez", "Tom Reed", "Maria Lopez", "Tom Reed"]
    assert [t.start for t in transcript.turns] == [14.2, 18.0, 21.5, 25.1]
    assert transcript.turns[0].text == "Welcome to the show."


def test_one_bold_phrase_is_emphasis_not_a_speaker() -> None:
    text = (
        "ALICE: We talked about it.\n\n**Important** point: nobody came.\n\n"
        "BOB: Right.\n\nALICE: Yes.\n"
    )
    transcript = _parse(text)
    assert [s.name for s in transcript.speakers] == ["ALICE", "BOB"]
    assert "Important point: nobody came." in transcript.turns[0].text


def test_q_with_one_space_is_a_label_when_it_repeats() -> None:
    text = (
        "THE PRESIDENT:  Thank you all.\n\nQ Mr. President, will you go?\n\n"
        "THE PRESIDENT:  Maybe.\n\nQ And the bill?\n\nTHE PRESIDENT:  Soon.\n\n"
        "Q Thank you, sir.\n"
    )
    assert _names(_parse(text)) == ["THE PRESIDENT", "Q"] * 3


def test_an_inline_time_after_two_words_makes_no_speaker() -> None:
    text = (
        "Speaker 1: Good morning everyone and welcome.\n\n"
        "So basically [00:02:00] we started in March.\n\n"
        "Speaker 2: That is right. [00:02:10] It was cold.\n\n"
        "Speaker 1: Indeed.\n"
    )
    transcript = _parse(text)
    assert [s.name for s in transcript.speakers] == ["Speaker 1", "Speaker 2"]
    assert not any(_TIME_MARK.search(t.text) for t in transcript.turns)
    assert "So basically we started in March." in transcript.turns[0].text


def test_a_one_off_mixed_case_label_in_a_capitals_file_is_words() -> None:
    text = (
        "MR. KIRBY:  Thanks.\n\nQ:  One question.\n\nMR. KIRBY:  Go ahead.\n\n"
        "Q:  On behalf of colleagues in\nArgentina: There are reports.\n\n"
        "MR. KIRBY:  No comment.\n\nQ:  Thanks.\n\nMR. KIRBY:  Sure.\n"
    )
    transcript = _parse(text)
    assert sorted(s.name for s in transcript.speakers) == ["MR. KIRBY", "Q"]
    assert "colleagues in Argentina: There are reports." in transcript.turns[3].text


# --- blocks that are not speech -----------------------------------------------------------------


def test_a_note_paragraph_stays_in_the_turn_it_interrupts() -> None:
    text = (
        "THE PRESIDENT:  It was late.\n\n(Cross-talk.)\n\nAnd it cost a lot.\n\n"
        "Q:  Why?\n\n(Air Force One experiences turbulence.)\n\nTHE PRESIDENT:  A bump.\n"
    )
    transcript = _parse(text)
    assert _names(transcript) == ["THE PRESIDENT", "Q", "THE PRESIDENT"]
    first = transcript.turns[0]
    assert first.paragraphs == ["It was late.", "(Cross-talk.)", "And it cost a lot."]
    turbulence = "(Air Force One experiences turbulence.)"
    held = transcript.turns[1]
    start = held.text.index(turbulence)
    assert any(a.start == start and a.end == start + len(turbulence) for a in held.annotations)


def test_an_intro_music_note_is_not_the_title() -> None:
    text = "(Intro music: Upbeat jingle)\n\nHOST: Welcome back.\n\nGUEST: Thanks.\n\nHOST: Bye.\n"
    transcript = _parse(text)
    assert transcript.metadata.title != "(Intro music: Upbeat jingle)"
    assert any("(Intro music: Upbeat jingle)" in t.text for t in transcript.turns)


def test_front_matter_title_with_escapes_and_a_folded_line() -> None:
    text = (
        '---\ntitle: "Gaggle by White\\_House Communications\\\n  \\ Advisor John\\_Kirby"\n'
        "date: '2024-03-25'\n---\n\nMODERATOR:  Hello.\n\nMR. KIRBY:  Hi.\n\n"
        "MODERATOR:  Bye.\n"
    )
    transcript = _parse(text, "gaggle.md")
    assert transcript.metadata.title == "Gaggle by White House Communications Advisor John Kirby"
    assert transcript.metadata.date == "2024-03-25"


def test_subtitle_speaker_tags_are_speakers_and_sound_cues_are_not() -> None:
    cues = [
        "[Ana] Where were you?", "[MUSIC]", "[Luis] At work.", "[sighs] Again?",
        "[Ana] Yes, again.", "[Luis] Fine.", "- [Ana] Go.\n- [Luis] I go.",
    ]
    srt = "".join(
        f"{n}\n00:00:{n:02d},000 --> 00:00:{n:02d},900\n{text}\n\n"
        for n, text in enumerate(cues, start=1)
    )
    transcript = _parse(srt, "film.srt")
    assert sorted(s.name for s in transcript.speakers) == ["Ana", "Luis"]
    assert not any("[Ana]" in t.text or "[Luis]" in t.text for t in transcript.turns)
    music = next(t for t in transcript.turns if "[MUSIC]" in t.text)
    at = music.text.index("[MUSIC]")
    assert any(a.start == at for a in music.annotations)
    assert _names(transcript)[-2:] == ["Ana", "Luis"]  # the dialogue cue: one voice a line


def test_one_label_then_a_whole_speech_is_one_speaker() -> None:
    body = "\n\n".join(f"Paragraph {n} of the speech goes on about the storm." for n in range(9))
    text = (
        f"Houston, Texas\n\nTHE PRESIDENT:  Thank you.\n\n{body}\n\n(Applause.)\n\n"
        "Thank you all.\n"
    )
    transcript = _parse(text)
    assert _names(transcript) == ["THE PRESIDENT"]
    assert transcript.turns[0].text.endswith("(Applause.)\n\nThank you all.")


def test_the_voice_that_opens_the_show_is_its_host_and_names_the_co_host() -> None:
    text = (
        "Dan Reed: Welcome to Practical Things. I'm joined by my co-host, Chris.\n\n"
        "Chris Bell: Hi all, what a week.\n\nDan Reed: Indeed it was.\n\n"
        "Chris Bell: Let us start with the news.\n"
    )
    roles = {s.name: s.role.value for s in _parse(text).speakers}
    assert roles == {"Dan Reed": "host", "Chris Bell": "host"}


def test_mission_clock_lines_start_the_turn_below() -> None:
    text = "[00:00:00:02]\nP: Roger.\n\n[01:00:00:05]\nCC: Copy.\n\n[01:00:01:00]\nP: Out.\n"
    transcript = _parse(text)
    assert [t.start for t in transcript.turns] == [2.0, 86405.0, 86460.0]
    assert [t.text for t in transcript.turns] == ["Roger.", "Copy.", "Out."]


def test_struck_words_leave_the_text_and_other_tags_stay_words() -> None:
    line = read_line("800 bucks per <s>month</s> [year] on <i>their</i> bills")
    assert line.plain == "800 bucks per [year] on <i>their</i> bills"


def test_caseless_sentence_openings_with_a_colon_are_not_speakers() -> None:
    text = (
        "### 劉致昕：\n第一個問題：你事前就知道嗎？\n\n### 唐鳳：\n不知道（笑）。\n\n"
        "### 劉致昕：\n為什麼？\n\n### 唐鳳：\n其實這個趨勢在全世界都是一樣的：大家都在做。\n"
    )
    transcript = _parse(text, "talk.md")
    assert [s.name for s in transcript.speakers] == ["劉致昕", "唐鳳"]
    assert transcript.turns[0].text == "第一個問題：你事前就知道嗎？"
    laugh = transcript.turns[1]
    at = laugh.text.index("（笑）")
    assert any(a.start == at for a in laugh.annotations)


def test_header_fields_of_a_talk_are_not_speakers() -> None:
    text = (
        "---\ntitle: Privacy in Lightning\n---\n"
        "Tópico: Análise da privacidade\n\nLocalização: Lightning Hacksprint\n\n"
        "Slides: <https://example.org/slides>\n\n## Introdução\n\n"
        "Olá a todos. Meu nome é Sergei.\n\nVou apresentar o nosso trabalho.\n\n"
        + "".join(f"Parágrafo {n} da palestra.\n\n" for n in range(6))
        + "Obrigado a todos.\n"
    )
    transcript = _parse(text, "talk.md")
    assert transcript.speakers == ()
    assert transcript.turns[0].text == "Olá a todos. Meu nome é Sergei."
    assert "Localização: Lightning Hacksprint" in (transcript.metadata.lede or "")


_TALK = "".join(
    f"In part {n} I want to show you what we built, why we built it and what I learned when "
    "we ran it for a year on a real network with real users.\n\n" for n in range(5)
)


def test_dash_labels_are_learned_from_the_files_own_repetition() -> None:
    """`Q - words` / `A - words` (bitcointranscripts' Q&A): a spaced dash after a head that
    opens line after line, and only ever with the dash, is the file's label delimiter."""
    text = (
        "---\ntitle: Channels\nspeakers: ['Jane Doe']\n---\n"
        + _TALK
        + "Q - Can I run two nodes on one host?\n\nA - Yes - we do that all the time.\n\n"
        "Q - What about Windows?\n\nA - Sadly not.\n\n"
        "Q - And a well-known bug - is it fixed?\n\nA - It is.\n"
    )
    transcript = _parse(text, "talk.md")
    assert _names(transcript) == [None] + ["Q", "A"] * 3
    assert transcript.turns[2].text == "Yes - we do that all the time."
    assert transcript.turns[5].text == "And a well-known bug - is it fixed?"


def test_a_dash_after_words_that_open_sentences_is_prose() -> None:
    """`Yes - quite`, `So - anyway`: those words also open lines without the dash, and list
    items (`- item`) have no head, so no speaker comes of them."""
    text = (
        "Yes - quite a lot, at first.\n\nSo - anyway, we went on.\n\n"
        "Yes, and then it grew.\n\nSo we built it.\n\nYes - twice.\n\nSo - that was it.\n\n"
        "Yes. Done.\n\nSo many people came.\n\n- one item\n- two items\n"
    )
    transcript = _parse(text, "talk.md")
    assert transcript.speakers == ()
    assert "Yes - quite a lot, at first." in "\n\n".join(t.text for t in transcript.turns)


def test_one_dash_line_is_not_a_label_grammar() -> None:
    lines = ["Alice - here is one line.", "Bob - and another.", "Nothing else."]
    assert "- " not in learn_lines(lines).wrappers


def test_a_key_that_only_heads_an_address_is_a_link_not_a_speaker() -> None:
    """`Slides: https://…` above a talk: a link field of the page. Made a speaker, the whole
    talk was attributed to "Slides"."""
    text = (
        "---\ntitle: Wallets\n---\nSlides: https://example.org/deck.pptx\n\n# Intro\n\n"
        + _TALK
        + "Q - Why descriptors?\n\nA - They are simpler.\n\n"
        "Q - Is it stable?\n\nA - Mostly.\n"
    )
    transcript = _parse(text, "talk.md")
    assert sorted(s.name for s in transcript.speakers) == ["A", "Q"]
    assert transcript.turns[0].speaker is None


def test_a_one_off_word_and_colon_inside_a_talk_is_a_sentence_not_a_speaker() -> None:
    """`Reframe: the importance of…` after paragraphs of one voice's talk (front matter, no
    labels): made a speaker, it took the rest of the talk; a late `## Steps:` heading of
    notes the same."""
    text = (
        "---\ntitle: Memes\n---\n## Introduction\n\n" + _TALK
        + "Reframe: the importance of reframing is that nobody else defines your story.\n\n"
        + _TALK + "## Steps:\n\n" + _TALK
    )
    transcript = _parse(text, "talk.md")
    assert transcript.speakers == ()
    assert transcript.source.format == "markdown"
    words = "\n\n".join(t.text for t in transcript.turns)
    assert "Reframe: the importance of reframing" in words
    assert "title: Memes" not in words and "## " not in words


def test_a_late_label_that_comes_back_is_still_a_speaker() -> None:
    text = (
        "---\ntitle: Call-in\n---\n" + _TALK
        + "Caller: I have a question about the network and the users you mentioned.\n\n"
        "Host: Go ahead, we have a minute.\n\nCaller: Why a year?\n\nHost: It was enough.\n"
    )
    transcript = _parse(text, "talk.md")
    assert sorted(s.name for s in transcript.speakers) == ["Caller", "Host"]


def test_a_known_label_and_an_em_dash_is_that_speaker_resuming() -> None:
    """White House transcripts: `Q — has reached out…` after an interruption is the reporter
    going on (a label the file already uses); `So — but…` stays the words of the turn."""
    text = (
        "MS. PSAKI:  Go ahead.\n\nQ Thank you. The question was whether anyone —\n\n"
        "MS. PSAKI:  Oh.\n\nQ — has reached out to the President?\n\n"
        "MS. PSAKI:  Not that I know.\n\nSo — but we will see.\n\nQ Thanks.\n\n"
        "MS. PSAKI:  Sure.\n\nQ What’s the — what’s the plan for Friday?\n"
    )
    transcript = _parse(text)
    assert _names(transcript) == ["MS. PSAKI", "Q"] * 4
    assert transcript.turns[3].text == "— has reached out to the President?"
    assert transcript.turns[4].text.endswith("So — but we will see.")
    assert transcript.turns[-1].text == "What’s the — what’s the plan for Friday?"


def test_html_links_in_a_text_transcript_keep_their_words_only() -> None:
    """`<a href="…">mimblewimble</a>` scraped into Markdown (bitcointranscripts): the words,
    never the tag; an `<a name="…" />` anchor goes; other tags stay as words."""
    line = read_line(
        'related to <a href="http://example.org/mw/">mimblewimble</a>, which <i>is</i> it.'
    )
    assert line.plain == "related to mimblewimble, which <i>is</i> it."
    assert read_line('<a name="blockchain-commons" />').plain == ""
    assert read_line('Go on <a name="x"></a>here.').plain == "Go on here."


def test_front_matter_of_a_file_read_as_plain_text_is_metadata_not_words() -> None:
    """Meeting notes with YAML front matter and no conversation fall to plain text; the
    front matter's `title:`/`tags:` lines were left as the first paragraph."""
    text = (
        "---\ntitle: Kernel Planning\ntags:\n  - bitcoin-core\ndate: 2023-09-20\n---\n"
        "Carl purposely didn't plan beyond what we have\n\n"
        "Options: look for who the users are.\n\nDo we polish those interfaces?\n"
    )
    transcript = _parse(text, "notes.md")
    assert transcript.metadata.title == "Kernel Planning"
    words = "\n\n".join(t.text for t in transcript.turns)
    assert "tags:" not in words and "bitcoin-core" not in words and "---" not in words
    assert words.startswith("Carl purposely")


def test_a_known_label_alone_on_its_line_starts_that_speakers_turn() -> None:
    """TC39 notes: `LH: words` line after line, and now and then `LH:` alone with the words
    (or code) below it; it was glued into the previous speaker's turn."""
    text = (
        "# September 18, 2012 Meeting Notes\n\n"
        "DH: Let us look at maps.\n\nLH: Fine by me.\n\nDH: This needs to be taken offline.\n\n"
        "LH:\n\nExamples of Map, with a callback.\n\nDH: Agreed.\n\nLH: Good.\n"
    )
    transcript = _parse(text, "notes.md")
    assert _names(transcript) == ["DH", "LH", "DH", "LH", "DH", "LH"]
    assert transcript.turns[3].text == "Examples of Map, with a callback."


def test_a_name_field_and_list_items_with_colons_are_not_speakers() -> None:
    """`Name: Lightning specification call` heading an anonymised call (the whole call was
    given to a speaker "Name"), and `- Possibility: …` items of a list of notes."""
    text = (
        "---\ntitle: Spec call\n---\nName: Lightning specification call\n\n"
        "Topic: Agenda below\n\n# Payment metadata\n\n"
        "In theory you could have an invoice that is so large that it forces a direct payment.\n\n"
        "How would they be able to do that?\n\nAs long as you know when a payment failed.\n\n"
        "- Possibility: miners leave.\n- Observation: fees rise.\n"
    )
    transcript = _parse(text, "call.md")
    assert transcript.speakers == ()


def test_a_numbered_role_above_its_time_is_a_speaker_not_a_date_line() -> None:
    """`**Audience 1:** 00:18:05` among `**Tim Ruffing:** 00:00:22` headers (btctranscripts
    review exports): the number made it look like Otter's date line, so the label was lost
    and the time stayed in the words."""
    text = (
        "---\ntitle: Coinshuffle\n---\n**Anchor:** 00:00:02\n\nAll right guys.\n\n"
        "**Tim Ruffing:** 00:00:22\n\nYeah, hey.\n\n**Audience 1:** 00:18:05\n\n"
        "Before you go into, can I have a question?\n\n**Tim Ruffing:** 00:18:08\n\nGo ahead.\n"
    )
    transcript = _parse(text, "talk.md")
    assert _names(transcript) == ["Anchor", "Tim Ruffing", "Audience 1", "Tim Ruffing"]
    assert transcript.turns[2].text == "Before you go into, can I have a question?"
    assert transcript.turns[2].start == 18 * 60 + 5


# --- Markdown left in the words of files no Markdown reader took (synthetic edge cases) ---


def test_markdown_headings_in_a_label_free_notes_file_are_sections_not_words() -> None:
    """Synthetic: a notes file without labels falls to the plain reader; `## Mempool` is a
    section's title there too, its words kept without the marks (btctranscripts notes)."""
    text = (
        "---\ntitle: Kernel planning\n---\nUndecided on where to take this next\n\n"
        "Options:\nLook for who the users are of kernel code.\n\n## Mempool\n\n"
        "Does it belong in or out?\n\n- Some prefer to have it in.\n\n### steps forward ###\n\n"
        "Split the work into smaller pull requests.\n"
    )
    transcript = _parse(text, "notes.md")
    assert transcript.source.format == "plain"
    assert [(s.title, s.turn) for s in transcript.sections] == [
        ("Mempool", 2), ("steps forward", 4)
    ]
    assert [t.text for t in transcript.turns] == [
        "Undecided on where to take this next",
        "Options: Look for who the users are of kernel code.",
        "Does it belong in or out?",
        "- Some prefer to have it in.",
        "Split the work into smaller pull requests.",
    ]


def test_markdown_headings_between_labelled_turns_are_sections_not_words() -> None:
    """Synthetic: `Name: words` labels (not Markdown's own shape) with a `## Topic` heading
    over unlabelled notes: the heading and the notes were glued into the turn above."""
    text = (
        "Alice: We start with the mempool today, as agreed last week.\n\n"
        "Bob: Fine by me, I have a few notes on it.\n\n## Directory locks\n\n"
        "If two processes share one block directory, the second should say so.\n\n"
        "Alice: Agreed, a clear message.\n"
    )
    transcript = _parse(text, "meeting.md")
    assert transcript.source.format == "labelled"
    assert [t.text for t in transcript.turns][1:3] == [
        "Fine by me, I have a few notes on it.",
        "If two processes share one block directory, the second should say so.",
    ]
    assert [(s.title, s.turn) for s in transcript.sections] == [("Directory locks", 2)]
    said = _parse("Hello there.\n\n# of users went up.\n\nThat is all.\n", "n.md")
    assert [t.text for t in said.turns][1] == "# of users went up."  # `#`: "number"


def test_inline_html_emphasis_in_a_markdown_transcript_keeps_only_its_words() -> None:
    """Synthetic: `<i>Sponsorship</i>` closing Markdown talks (btctranscripts, Stanford
    2020): Markdown renders it as emphasis, so the tags go and the word stays; a tag in a
    code span and `<sup>` (whose removal would change a number) stay as written."""
    text = (
        "---\ntitle: Arbitrum\n---\n**Ed Felten:** We are on testnet. Thank you.\n\n"
        "**Host:** <i>Sponsorship</i>: These <em>transcripts</em> are sponsored.\n\n"
        "**Ed Felten:** It costs 10<sup>6</sup> gas, written `<b>x</b>` in the docs.\n"
    )
    transcript = _parse(text, "talk.md")
    assert transcript.source.format == "markdown"
    assert transcript.turns[1].text == "Sponsorship: These transcripts are sponsored."
    assert transcript.turns[2].text == (
        "It costs 10<sup>6</sup> gas, written `<b>x</b>` in the docs."
    )


def test_a_markdown_link_with_a_space_before_its_closing_parenthesis_keeps_its_words() -> None:
    """Synthetic: `[difference](https://… )` (btctranscripts, signet talk): CommonMark allows
    spaces around the address, so it is a link like any other and only its words stay."""
    text = (
        "---\ntitle: Signet\n---\n**Kalle Alm:** What is the [difference]"
        "(https://example.org/q/1 ) between them?\n\n**Host:** See [the notes]( "
        "https://example.org/n \"Notes\" ).\n\n**Kalle Alm:** Thanks.\n"
    )
    transcript = _parse(text, "talk.md")
    assert [t.text for t in transcript.turns][:2] == [
        "What is the difference between them?", "See the notes.",
    ]
