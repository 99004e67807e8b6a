"""Timed formats: the real samples parse as the samples README says, and each trap of
transcript-shapes.md ("Timed formats") has a small hand-made case."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from desktop.core.importers import import_bytes, import_file
from desktop.core.model import Role, Transcript

DATA = Path(__file__).resolve().parent.parent / "data"


def segments(transcript: Transcript) -> list[str]:
    return [s.text for t in transcript.turns for s in t.segments]


def names(transcript: Transcript) -> list[str | None]:
    return [s.name if (s := transcript.speaker(t.speaker)) else None for t in transcript.turns]


def parse(text: str | bytes, name: str = "file.txt", **kwargs: str) -> Transcript:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return import_bytes(data, Path(name), **kwargs)


# --- the real samples -----------------------------------------------------------------------


def test_teams_vtt_voice_tags_and_unpadded_times() -> None:
    transcript = import_file(DATA / "teams-export_voice-tags.vtt")
    assert transcript.source.format == "webvtt"
    assert [s.name for s in transcript.speakers] == ["Yuri Bakulin", "Adrian Petrescu"]
    assert [t.text for t in transcript.turns] == ["There you go.", "Why hello there, Yuri."]
    assert [t.start for t in transcript.turns] == [0.0, 0.21]
    assert [t.end for t in transcript.turns] == [0.57, 1.13]
    assert names(transcript) == ["Yuri Bakulin", "Adrian Petrescu"]


def test_french_whisper_srt() -> None:
    transcript = import_file(DATA / "whisper_smartphone_fr.srt")
    assert transcript.source.format == "srt"
    assert transcript.speakers == ()
    cues = segments(transcript)
    assert len(cues) == 36
    assert cues[0] == (
        "C'est évident ce que dit Nicolas, mais je ne me l'étais jamais formulé comme ça."
    )
    assert transcript.turns[0].text.startswith(cues[0])
    assert transcript.turns[0].start == 0.32
    assert transcript.metadata.language == "fr"  # from the words: SRT does not say
    # Unattributed cues are grouped into several readable paragraphs, in order.
    assert 1 < len(transcript.turns) < 36
    assert all(t.speaker is None for t in transcript.turns)
    starts = [t.start or 0.0 for t in transcript.turns]
    assert starts == sorted(starts)
    assert " ".join(t.text for t in transcript.turns) == " ".join(cues)


def test_apollo_whisper_json() -> None:
    transcript = import_file(DATA / "whisper-timestamped_apollo11.words.json")
    raw = json.loads((DATA / "whisper-timestamped_apollo11.words.json").read_text("utf-8"))
    assert transcript.source.format == "whisper-json"
    assert transcript.speakers == ()
    timed = [s for t in transcript.turns for s in t.segments]
    assert len(timed) == 21
    assert timed[0].start == 0.48 and timed[-1].end == 88.98
    assert timed[0].text.startswith("Apollo 11, Houston. We got a recommendation for you")
    assert timed[-1].text == "Bye."
    assert " ".join(t.text for t in transcript.turns) == raw["text"].strip()
    assert transcript.metadata.language == "en"
    [warning] = [w for w in transcript.report.warnings if "low confidence" in w]
    assert "the end may be hallucinated" in warning


# --- SRT traps --------------------------------------------------------------------------------

SRT = (
    "1\n00:00:01,000 --> 00:00:02,500\nHello there.\n\n"
    "2\n00:00:02,600 --> 00:00:04,000\nThis is a <i>test</i>\nof two lines.\n\n"
    "3\n00:00:04,100 --> 00:00:06,000\nThe end in 2019.\n"
)
SRT_CUES = ["Hello there.", "This is a test of two lines.", "The end in 2019."]


@pytest.mark.parametrize(
    ("label", "data"),
    [
        ("utf-8", SRT.encode("utf-8")),
        ("bom", codecs.BOM_UTF8 + SRT.encode("utf-8")),
        ("crlf", SRT.replace("\n", "\r\n").encode("utf-8")),
        ("flattened with spaces", SRT.replace("\n", " ").encode("utf-8")),
        ("no blank line after cues", SRT.replace("\n\n", "\n").encode("utf-8")),
        ("utf-16", codecs.BOM_UTF16_LE + SRT.encode("utf-16-le")),
    ],
)
def test_srt_variants_give_the_same_cues(label: str, data: bytes) -> None:
    transcript = parse(data, "subs.srt")
    assert transcript.source.format == "srt", label
    assert segments(transcript) == SRT_CUES
    assert [(s.start, s.end) for t in transcript.turns for s in t.segments] == [
        (1.0, 2.5), (2.6, 4.0), (4.1, 6.0)
    ]


def test_srt_flattened_with_no_separator_at_all() -> None:
    # Line breaks inside a cue cannot come back, but every cue and its number can.
    one_line = SRT.replace("<i>test</i>\nof", "<i>test</i> of").replace("\n", "")
    assert segments(parse(one_line, "flat.srt")) == SRT_CUES


def test_srt_detected_without_extension() -> None:
    assert parse(SRT, "notes.txt").source.format == "srt"


def test_srt_cp1252() -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\nCafé – “naïve” déjà vu\n"
    transcript = parse(text.encode("cp1252"), "old.srt")
    assert segments(transcript) == ["Café – “naïve” déjà vu"]


def test_hallucination_loop_is_kept_and_warned() -> None:
    cues = ["1\n00:00:00,000 --> 00:00:02,000\nWelcome back.\n"]
    for number in range(2, 62):
        start = number * 2
        cues.append(
            f"{number}\n00:00:{start // 60:02d},000 --> 00:00:{start // 60:02d},500\n"
            "Thank you.\n"
        )
    transcript = parse("\n".join(cues), "loop.srt")
    assert segments(transcript).count("Thank you.") == 60
    [warning] = transcript.report.warnings
    assert "repeated 60 times" in warning and "Thank you." in warning


def test_a_few_repeats_are_not_a_loop() -> None:
    text = "".join(
        f"{i}\n00:00:0{i},000 --> 00:00:0{i},500\nNo.\n\n" for i in range(1, 4)
    )
    assert parse(text, "no.srt").report.warnings == ()


def test_srt_markup_other_than_formatting_stays_text() -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\nType <script>alert(1)</script> & {\\an8}go\n"
    assert segments(parse(text, "x.srt")) == ["Type <script>alert(1)</script> & go"]


# --- WebVTT traps -----------------------------------------------------------------------------


def test_vtt_voice_without_closing_tag_and_merging() -> None:
    text = (
        "WEBVTT\n\n"
        "00:01.000 --> 00:02.000\n<v Ann Lee>First part\n\n"
        "00:02.000 --> 00:03.000\n<v Ann Lee>second part.\n\n"
        "00:03.500 --> 00:04.000\n<v.loud Bob>Reply.</v>\n"
    )
    transcript = parse(text, "a.vtt")
    assert names(transcript) == ["Ann Lee", "Bob"]
    assert transcript.turns[0].text == "First part second part."
    assert len(transcript.turns[0].segments) == 2
    assert (transcript.turns[0].start, transcript.turns[0].end) == (1.0, 3.0)
    assert transcript.turns[1].start == 3.5


def test_vtt_notes_styles_regions_settings_and_entities() -> None:
    text = (
        "WEBVTT - made by a tool\n\n"
        "NOTE tool settings: model=large\nmore settings\n\n"
        "STYLE\n::cue { color: red }\n\n"
        "REGION\nid:fred width:40%\n\n"
        "intro\n00:00:01.000 --> 00:00:02.000 align:start position:10% line:0\n"
        "Fish &amp; chips &lt;3\n\n"
        "NOTE a comment between cues\n\n"
        "00:00:02.000 --> 00:00:03.000\nNext.\n"
    )
    transcript = parse(text, "b.vtt")
    assert segments(transcript) == ["Fish & chips <3", "Next."]
    removed = " ".join(transcript.report.removed)
    assert "2 NOTE blocks" in removed and "STYLE" in removed and "REGION" in removed


def test_vtt_cue_not_followed_by_blank_line() -> None:
    text = "WEBVTT\n\n00:01.000 --> 00:02.000\nOne.\n00:02.000 --> 00:03.000\nTwo.\n"
    assert segments(parse(text, "c.vtt")) == ["One.", "Two."]


def test_vtt_hourless_and_long_times() -> None:
    text = "WEBVTT\n\n59:59.500 --> 1:00:01.250\nLate.\n\n01:00:02.000 --> 01:00:03.000\nLater.\n"
    timed = [s for t in parse(text, "d.vtt").turns for s in t.segments]
    assert [(s.start, s.end) for s in timed] == [(3599.5, 3601.25), (3602.0, 3603.0)]


def test_youtube_auto_captions() -> None:
    transcript = import_file(DATA / "timed" / "youtube-auto.vtt")
    assert transcript.source.format == "webvtt"
    assert segments(transcript) == [
        "so today we're talking", "about the river", "and why it floods"
    ]
    assert transcript.turns[0].text == "so today we're talking about the river and why it floods"
    assert transcript.metadata.language == "en"
    removed = " ".join(transcript.report.removed)
    assert "2 rolling-caption cues" in removed
    assert "Kind: captions" in removed


# --- grouping of unattributed cues ------------------------------------------------------------


def test_pause_starts_a_new_paragraph() -> None:
    text = (
        "1\n00:00:01,000 --> 00:00:02,000\nBefore the pause.\n\n"
        "2\n00:00:02,100 --> 00:00:03,000\nStill talking.\n\n"
        "3\n00:00:08,000 --> 00:00:09,000\nAfter the pause.\n"
    )
    transcript = parse(text, "p.srt")
    assert [t.text for t in transcript.turns] == [
        "Before the pause. Still talking.", "After the pause."
    ]


def test_long_unbroken_speech_is_split_at_sentence_ends() -> None:
    sentence = "This sentence has exactly ten words in it for the test."
    cues = "".join(
        f"{i}\n00:{i // 60:02d}:{i % 60:02d},000 --> 00:{i // 60:02d}:{i % 60:02d},900\n"
        f"{sentence}\n\n"
        for i in range(1, 31)
    )
    transcript = parse(cues, "long.srt")
    assert len(transcript.turns) > 1
    assert all(t.text.endswith(".") for t in transcript.turns)
    assert sum(len(t.segments) for t in transcript.turns) == 30


# --- Whisper dialects -------------------------------------------------------------------------


def whisper(data: object, name: str = "out.json") -> Transcript:
    return parse(json.dumps(data), name)


def test_openai_whisper_and_api_verbose_json() -> None:
    segs = [
        {"id": 0, "start": 0.0, "end": 2.0, "text": " Hello world."},
        {"id": 1, "start": 2.0, "end": 4.0, "text": " Second line."},
    ]
    plain = whisper({"text": " Hello world. Second line.", "segments": segs, "language": "en"})
    api = whisper({"task": "transcribe", "language": "english", "duration": 4.0,
                   "text": "Hello world. Second line.", "segments": segs})
    for transcript in (plain, api):
        assert transcript.source.format == "whisper-json"
        assert segments(transcript) == ["Hello world.", "Second line."]
        assert transcript.metadata.language == "en"


def test_whisperx_speakers() -> None:
    transcript = whisper({"segments": [
        {"start": 0.0, "end": 1.0, "text": " Hi.", "speaker": "SPEAKER_00",
         "words": [{"word": "Hi.", "start": 0.0, "end": 1.0, "score": 0.9}]},
        {"start": 1.0, "end": 2.0, "text": " How are you?", "speaker": "SPEAKER_00"},
        {"start": 2.5, "end": 3.0, "text": " Fine.", "speaker": "SPEAKER_01"},
    ]})
    assert names(transcript) == ["SPEAKER_00", "SPEAKER_01"]
    assert transcript.turns[0].text == "Hi. How are you?"
    # who asks the questions is the interviewer, as in every text shape (issue 10)
    assert [s.role for s in transcript.speakers] == [Role.INTERVIEWER, Role.INTERVIEWEE]


def test_whisper_cpp_millisecond_offsets() -> None:
    transcript = whisper({
        "result": {"language": "fr"},
        "transcription": [
            {"timestamps": {"from": "00:00:00,000", "to": "00:00:01,500"},
             "offsets": {"from": 0, "to": 1500}, "text": " Bonjour."},
            {"timestamps": {"from": "00:00:01,500", "to": "00:00:03,000"},
             "offsets": {"from": 1500, "to": 3000}, "text": " Au revoir."},
        ],
    })
    timed = [s for t in transcript.turns for s in t.segments]
    assert [(s.start, s.end, s.text) for s in timed] == [
        (0.0, 1.5, "Bonjour."), (1.5, 3.0, "Au revoir.")
    ]
    assert transcript.metadata.language == "fr"


def test_hugging_face_chunks_with_open_end() -> None:
    transcript = whisper({"text": "A. B.", "chunks": [
        {"timestamp": [0.0, 1.2], "text": " A."},
        {"timestamp": [1.4, None], "text": " B."},
    ]})
    timed = [s for t in transcript.turns for s in t.segments]
    assert [(s.start, s.end) for s in timed] == [(0.0, 1.2), (1.4, 1.4)]


def test_low_confidence_tail_from_word_scores() -> None:
    segs = [{"start": float(i), "end": i + 0.9, "text": f" Line {i}.",
             "words": [{"text": "x", "confidence": 0.95}]} for i in range(8)]
    segs += [{"start": 20.0, "end": 20.5, "text": " you",
              "words": [{"text": "you", "confidence": 0.05}]}]
    transcript = whisper({"segments": segs})
    [warning] = transcript.report.warnings
    assert "1 segment with low confidence" in warning and "“you”" in warning


def test_whisper_tsv() -> None:
    text = "start\tend\ttext\n0\t1500\tHello there.\n1500\t3250\tGeneral\tKenobi.\n"
    transcript = parse(text, "out.tsv")
    assert transcript.source.format == "whisper-tsv"
    timed = [s for t in transcript.turns for s in t.segments]
    assert [(s.start, s.end, s.text) for s in timed] == [
        (0.0, 1.5, "Hello there."), (1.5, 3.25, "General Kenobi.")
    ]


def test_whisper_txt_speaker_prefixes() -> None:
    text = "[SPEAKER_00]: Hello.\n[SPEAKER_00]: Still me.\n[SPEAKER_01]: Hi!\n"
    transcript = parse(text, "out.txt")
    assert transcript.source.format == "whisper-txt"
    assert names(transcript) == ["SPEAKER_00", "SPEAKER_01"]
    assert [t.text for t in transcript.turns] == ["Hello. Still me.", "Hi!"]
    assert not transcript.is_timed


@pytest.mark.parametrize(
    "payload",
    [
        {"segments": [{"start": "soon", "end": 1, "text": "x"}]},
        {"segments": [{"start": 0, "end": 1, "text": 5}]},
        {"segments": [{"start": 0, "end": 1}]},
        {"chunks": [{"timestamp": "0-1", "text": "x"}]},
        {"transcription": [{"offsets": {"from": -5, "to": 1}, "text": "x"}]},
    ],
)
def test_broken_whisper_json_is_a_clear_import_error(payload: object) -> None:
    from desktop.core.errors import ImportProblem, TranscriptImportError

    with pytest.raises(TranscriptImportError) as caught:
        whisper(payload)
    assert caught.value.problem is ImportProblem.MALFORMED
    assert "Whisper JSON" in caught.value.reason


# --- oTranscribe ------------------------------------------------------------------------------


def test_otranscribe() -> None:
    markup = (
        '<p><span class="timestamp" data-timestamp="5.2">0:05</span> Interviewer: How did it '
        "start?</p>"
        '<p><span class="timestamp" data-timestamp="12.75">0:12</span>Jane Doe: It started '
        "&lt;script&gt; in 1998.<br>Then <b>more</b>.</p>"
        "<p>And it went on &amp; on.</p>"
        '<p><span class="timestamp">1:05</span> Interviewer: Thanks.</p>'
    )
    transcript = parse(json.dumps({"text": markup, "media": "a.mp3", "media-time": 70.1}),
                       "notes.otr")
    assert transcript.source.format == "otr"
    assert names(transcript) == ["Interviewer", "Jane Doe", "Interviewer"]
    assert [t.text for t in transcript.turns] == [
        "How did it start?",
        "It started <script> in 1998. Then more.\n\nAnd it went on & on.",
        "Thanks.",
    ]
    assert [t.start for t in transcript.turns] == [5.2, 12.75, 65.0]
    assert transcript.speakers[0].role is Role.INTERVIEWER


def test_otranscribe_without_labels() -> None:
    markup = "<p>First thought.</p><p>Second thought.</p>"
    transcript = parse(json.dumps({"text": markup, "media": ""}), "download")
    assert [(t.speaker, t.text) for t in transcript.turns] == [
        (None, "First thought."), (None, "Second thought.")
    ]


# --- labels inside cue text -------------------------------------------------------------------


def test_zoom_vtt_labels_in_cue_text() -> None:
    text = (
        "WEBVTT\n\n"
        "1\n00:00:01.000 --> 00:00:03.000\nJane Doe: Hello everyone, thanks for\n\n"
        "2\n00:00:03.000 --> 00:00:04.000\ncoming today.\n\n"
        "3\n00:00:04.500 --> 00:00:06.000\nJohn Smith: Happy to be here. Note: recording.\n"
    )
    transcript = parse(text, "zoom.vtt")
    assert names(transcript) == ["Jane Doe", "John Smith"]
    assert [t.text for t in transcript.turns] == [
        "Hello everyone, thanks for coming today.", "Happy to be here. Note: recording."
    ]


def test_whisperx_srt_bracketed_speakers() -> None:
    text = (
        "1\n00:00:01,000 --> 00:00:02,000\n[SPEAKER_00]: Hi.\n\n"
        "2\n00:00:02,000 --> 00:00:03,000\n[SPEAKER_01]: Hello.\n"
    )
    assert names(parse(text, "x.srt")) == ["SPEAKER_00", "SPEAKER_01"]


def test_an_occasional_colon_is_not_a_speaker() -> None:
    text = "".join(
        f"{i}\n00:00:0{i},000 --> 00:00:0{i},900\n{words}\n\n"
        for i, words in enumerate(
            ["Remember this: it matters.", "We went home.", "It rained.", "Then we slept."], 1
        )
    )
    transcript = parse(text, "x.srt")
    assert transcript.speakers == ()
    assert transcript.turns[0].text.startswith("Remember this: it matters.")


def test_whisper_json_with_a_long_text_before_the_segments() -> None:
    words = "word " * 20000
    data = {"text": words, "segments": [{"start": 0.0, "end": 1.0, "text": words}]}
    assert whisper(data).source.format == "whisper-json"


def test_vtt_cue_with_two_voices_is_two_speakers() -> None:
    text = "WEBVTT\n\n00:01.000 --> 00:03.000\n<v Ann>Are you ready?</v>\n<v Bob>Yes.</v>\n"
    transcript = parse(text, "two.vtt")
    assert names(transcript) == ["Ann", "Bob"]
    assert [t.text for t in transcript.turns] == ["Are you ready?", "Yes."]


def test_whisperx_null_times_and_word_probabilities() -> None:
    transcript = whisper({"segments": [
        {"start": 0.0, "end": 2.0, "text": " Fine.",
         "words": [{"word": "Fine.", "start": 0.0, "end": 2.0, "probability": 0.1}]},
        {"start": None, "end": None, "text": " 1999"},
        {"start": 3.0, "end": 4.0, "text": " Next.",
         "words": [{"word": "Next.", "probability": 0.9}]},
    ]})
    timed = [s for t in transcript.turns for s in t.segments]
    assert [(s.start, s.end) for s in timed] == [(0.0, 2.0), (2.0, 2.0), (3.0, 4.0)]
    assert any("1 segment with low confidence" in w for w in transcript.report.warnings)


def test_otranscribe_sentence_with_a_colon_is_not_a_label() -> None:
    markup = "<p>Ann: We talked.</p><p>Then I said: no way.</p><p>Bob: Right.</p>"
    transcript = parse(json.dumps({"text": markup, "media": ""}), "x.otr")
    assert names(transcript) == ["Ann", "Bob"]
    assert transcript.turns[0].text == "We talked.\n\nThen I said: no way."


def test_otranscribe_speaker_lines_separated_by_single_line_breaks() -> None:
    """`…<br /><span class="timestamp">` starts a new speaker's line, not the same paragraph."""
    stamp = '<span class="timestamp" data-timestamp="{0}">00:0{1}</span> '
    markup = (
        f"<p>{stamp.format(1.5, 1)}<strong>INTERVIEWER:</strong> Where did you grow up?<br />"
        f"{stamp.format(4.25, 4)}<strong>RESPONDENT:</strong> In Glasgow.<br />"
        f"{stamp.format(6.0, 6)}<strong>INTERVIEWER:</strong> Which part?<br />"
        "and when?</p>"
    )
    transcript = parse(json.dumps({"text": markup, "media": "int.mp3"}), "x.otr")
    assert names(transcript) == ["INTERVIEWER", "RESPONDENT", "INTERVIEWER"]
    assert [t.start for t in transcript.turns] == [1.5, 4.25, 6.0]
    assert transcript.turns[2].text == "Which part? and when?"  # one <br> without a time: a line


def test_non_speech_marks_in_captions_are_annotations() -> None:
    text = "WEBVTT\n\n00:01.000 --> 00:02.000\n[Music] so (laughs) we start\n"
    [turn] = parse(text, "m.vtt").turns
    assert turn.text == "[Music] so (laughs) we start"
    marked = [(turn.text[a.start : a.end], str(a.kind)) for a in turn.annotations]
    assert marked == [("[Music]", "stage"), ("(laughs)", "stage")]


def test_youtube_dl_style_header_and_cue_without_blank_line() -> None:
    text = (
        "WEBVTT\nKind: captions\nLanguage: en\nStyle:\n::cue(c.colorCCCCCC) { color: red;\n }\n"
        "##\n\n\n00:04:46.070 --> 00:04:46.470 align:start position:0%\nyeah\n\n\n"
        "00:04:46.470 --> 00:05:04.080 align:start position:0%\nyeah\n<c.colorCCCCCC>what</c>\n"
        "00:05:04.080 --> 00:05:05.069 align:start position:0%\n"
        "this<00:05:04.199><c> will</c><c.colorE5E5E5><00:05:04.379><c> happen</c></c>\n\n"
        "00:05:05.069 --> 00:05:05.400 align:start position:0%\nthis will<c.colorE5E5E5> happen"
        "</c>\n </c>\n"
    )
    transcript = parse(text, "yt.vtt")
    assert segments(transcript) == ["yeah", "what", "this will happen"]
    removed = transcript.report.removed
    assert "1 STYLE block" in removed
    assert "1 rolling-caption cue that only repeated earlier lines" in removed
    assert not any("before the first cue" in item for item in removed)


def test_whisper_cpp_tinydiarize_turns_and_unknown_speaker() -> None:
    transcript = whisper({"transcription": [
        {"offsets": {"from": 0, "to": 1000}, "text": " Are you there?",
         "speaker_turn_next": True},
        {"offsets": {"from": 1000, "to": 2000}, "text": " Yes. [SPEAKER_TURN]"},
        {"offsets": {"from": 2000, "to": 3000}, "text": " Good.", "speaker": "?"},
    ]})
    assert [(t.speaker, t.text) for t in transcript.turns] == [
        (None, "Are you there?"), (None, "Yes."), (None, "Good.")
    ]


def test_otranscribe_legacy_clock_timestamps() -> None:
    markup = ('<p><span class="timestamp" contenteditable="false" data-timestamp="2:03">2:03'
              "</span> Ann: Later on.</p>")
    [turn] = parse(json.dumps({"text": markup, "media": "a.mp3"}), "old.otr").turns
    assert (turn.start, turn.text) == (123.0, "Later on.")


def test_diarised_letters_are_not_question_and_answer() -> None:
    transcript = whisper({"segments": [
        {"start": 0.0, "end": 1.0, "text": " Hello.", "speaker": "A"},
        {"start": 1.0, "end": 2.0, "text": " Hi.", "speaker": "B"},
    ]})
    assert [(s.name, str(s.role)) for s in transcript.speakers] == [
        ("A", "unknown"), ("B", "unknown")
    ]


def test_many_loops_are_summarised() -> None:
    cues, number = [], 1
    for loop in range(8):
        for _ in range(6):
            cues.append(f"{number}\n00:{number // 60:02d}:{number % 60:02d},000 --> "
                        f"00:{number // 60:02d}:{number % 60:02d},500\nLoop {loop} again.\n")
            number += 1
    warnings = parse("\n".join(cues), "loops.srt").report.warnings
    assert len(warnings) == 6
    assert warnings[-1] == "… and 3 more repeated-cue loops"


def test_stray_words_between_cues_are_kept_not_taken_for_an_identifier() -> None:
    text = (
        "WEBVTT\n\n00:01.000 --> 00:02.000\nOne.\n\nstray words here\n\n"
        "intro\n00:03.000 --> 00:04.000\nThree.\n"
    )
    assert segments(parse(text, "s.vtt")) == ["One. stray words here", "Three."]


def test_hls_header_metadata_is_a_header_line() -> None:
    text = ("WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:900000,LOCAL:00:00:00.000\n\n"
            "00:01.000 --> 00:02.000\nHello.\n")
    transcript = parse(text, "hls.vtt")
    assert segments(transcript) == ["Hello."]
    assert transcript.report.removed == (
        "WebVTT header line “X-TIMESTAMP-MAP=MPEGTS:900000,LOCAL:00:…”",
    )


def test_whisper_txt_without_speakers_becomes_paragraphs() -> None:
    srt = (DATA / "whisper_smartphone_fr.srt").read_text("utf-8")
    lines = [block.split("\n", 2)[2] for block in srt.split("\n\n") if block.strip()]
    transcript = parse("\n".join(lines) + "\n", "smartphone.txt")
    assert transcript.source.format == "whisper-txt"
    assert 1 < len(transcript.turns) < 36
    assert " ".join(t.text for t in transcript.turns) == " ".join(lines)
    assert not transcript.is_timed


def test_txt_loop_warning_names_the_segment() -> None:
    text = "Intro line here.\n" + "Thank you.\n" * 7
    [warning] = parse(text, "loop.txt").report.warnings
    assert "repeated 7 times in a row from segment 2" in warning


def test_chevron_speaker_labels_in_broadcast_captions() -> None:
    text = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n>> JANE: How did it start?\n\n"
        "00:00:03.500 --> 00:00:05.000\n>> JOHN: By chance.\n\n"
        "00:00:05.500 --> 00:00:07.000\nIn a garage.\n"
    )
    transcript = parse(text, "news.vtt")
    assert names(transcript) == ["JANE", "JOHN"]
    assert [t.text for t in transcript.turns] == ["How did it start?", "By chance. In a garage."]


def test_srt_dialogue_dashes_are_a_change_of_speaker() -> None:
    transcript = parse(
        "1\n00:00:03,100 --> 00:00:05,000\nJOHN: Who is there?\n\n"
        "2\n00:00:05,100 --> 00:00:07,000\n- It is me.\n- Oh, come in.\n",
        "dash.srt",
    )
    assert [t.text for t in transcript.turns] == ["Who is there?", "It is me.\n\nOh, come in."]
    assert names(transcript) == ["JOHN", None]
    assert len(segments(transcript)) == 2  # one segment per cue


def test_dialogue_dash_cue_after_unlabelled_cues_is_a_turn_of_its_own() -> None:
    transcript = parse(
        "WEBVTT\n\n00:01.000 --> 00:04.000\nNever drink liquid nitrogen.\n\n"
        "00:05.000 --> 00:09.000\n- It will perforate\nyour stomach.\n- You could die.\n\n"
        "01:10.500 --> 01:12.000\nUnderstood.\n",
        "dash.vtt",
    )
    assert [t.text for t in transcript.turns] == [
        "Never drink liquid nitrogen.",
        "It will perforate your stomach.\n\nYou could die.",
        "Understood.",
    ]


def test_an_open_voice_names_the_untagged_cues_after_it() -> None:
    transcript = parse(
        "WEBVTT\n\n00:01.000 --> 00:02.000\n[ music ]\n\n"
        "00:02.000 --> 00:03.000\n<v Michael Young> We are committed\n\n"
        "00:03.000 --> 00:04.000\nto everyone.\n\n"
        "00:10.000 --> 00:11.000\n<v Tracy Mitrano> We lead.\n\n"
        "00:11.000 --> 00:12.000\nGlobally.\n",
        "panel.vtt",
    )
    assert names(transcript) == [None, "Michael Young", "Tracy Mitrano"]
    texts = [t.text for t in transcript.turns]
    assert texts[1:] == ["We are committed to everyone.", "We lead. Globally."]


def test_parenthesised_name_and_colon_opening_cues_is_a_speaker() -> None:
    transcript = parse(
        "WEBVTT\n\n00:01.000 --> 00:02.000\n(المشروع): أتريد الانتهاء مني؟\n\n"
        "00:02.500 --> 00:03.000\n(الولد): لاحقًا\n\n"
        "00:03.500 --> 00:04.000\n(المشروع): ربّما الآن؟\n\n"
        "00:04.500 --> 00:05.000\nآه!\n",
        "ar.vtt",
    )
    assert names(transcript) == ["المشروع", "الولد", "المشروع"]
    assert transcript.turns[2].text == "ربّما الآن؟ آه!"


def test_dashes_opening_cues_that_run_on_mark_speaker_changes() -> None:
    # one dashed line per cue and the words running on into the next cues: a podcast's live
    # captions, where `- ` (and `- ` after a sentence end) means "someone else speaks now"
    transcript = parse(
        "WEBVTT\n\n00:01.000 --> 00:02.000\n- Good, thanks for having us.\n\n"
        "00:02.000 --> 00:03.000\n- Yeah, should I say thank you\n\n"
        "00:03.000 --> 00:04.000\nfor having me?\n\n"
        "00:09.000 --> 00:10.000\nIt is different.\n\n"
        "00:10.000 --> 00:11.000\n- Right. - Yeah.\n",
        "live.vtt",
    )
    assert [t.text for t in transcript.turns] == [
        "Good, thanks for having us.",
        "Yeah, should I say thank you for having me?\n\nIt is different.",  # a pause: paragraph
        "Right.",
        "Yeah.",
    ]
    assert names(transcript) == [None, None, None, None]


def test_whisper_json_with_only_text_is_one_untimed_turn() -> None:
    transcript = whisper({"text": " Hello there.", "segments": [], "language": "en"})
    assert transcript.source.format == "whisper-json"
    assert [t.text for t in transcript.turns] == ["Hello there."]
    assert transcript.turns[0].start is None
    assert any("untimed" in w for w in transcript.report.warnings)


def test_cue_ending_before_it_starts_is_kept_and_warned() -> None:
    transcript = parse(
        "WEBVTT\n\n00:00:05.000 --> 00:00:02.000\nEnd before start.\n\n"
        "00:00:01.000 --> 00:00:03.000\nOut of order.\n",
        "order.vtt",
    )
    assert "End before start." in segments(transcript)
    assert "Out of order." in segments(transcript)
    assert any("before it starts" in w and "00:00:05.000" in w
               for w in transcript.report.warnings)


def test_the_person_a_stated_interviewer_talks_to_is_the_interviewee() -> None:
    transcript = parse(
        "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Interviewer>Were you afraid?\n\n"
        "00:02.500 --> 00:04.000\n<v Klaus>Yes, at first.\n",
        "roles.vtt",
    )
    roles = {s.name: s.role for s in transcript.speakers}
    assert roles == {"Interviewer": Role.INTERVIEWER, "Klaus": Role.INTERVIEWEE}


def test_countdown_time_line_before_a_label_is_a_time_not_a_turn() -> None:
    """A mission clock counts down before liftoff (`[-00:00:00:04]`): still a time line."""
    transcript = parse(
        "[-00:00:00:04]\nPAO: Ignition.\n\n[00:00:00:00]\nPAO: Liftoff.\n\n"
        "[00:00:01:08]\nCAPCOM: Reading you loud and clear.\n"
    )
    assert names(transcript) == ["PAO", "CAPCOM"]
    assert transcript.turns[0].text.startswith("Ignition.")
    assert transcript.turns[0].start == 0.0


def test_karaoke_srt_keeps_the_line_once_and_a_plain_repeat_stays() -> None:
    """Word-highlight karaoke cues (the same line, one word in tags) are one cue; the same
    line repeated without a highlight (a loop, a refrain) is kept as written."""
    karaoke = parse(
        "1\n00:00:01,000 --> 00:00:01,500\n<u>Hello</u> there my friend.\n\n"
        "2\n00:00:01,500 --> 00:00:02,000\nHello <u>there</u> my friend.\n\n"
        "3\n00:00:02,000 --> 00:00:02,500\nHello there <u>my</u> friend.\n\n"
        "4\n00:00:02,500 --> 00:00:03,000\nHello there my <u>friend.</u>\n\n"
        "5\n00:00:03,000 --> 00:00:04,000\nHow are you?\n",
        "karaoke.srt",
    )
    assert [t.text for t in karaoke.turns] == ["Hello there my friend. How are you?"]
    assert segments(karaoke) == ["Hello there my friend.", "How are you?"]
    repeated = parse(
        "1\n00:00:01,000 --> 00:00:02,000\nNo.\n\n2\n00:00:02,000 --> 00:00:03,000\nNo.\n",
        "repeat.srt",
    )
    assert segments(repeated) == ["No.", "No."]


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_time_range_headings_are_sections_over_timed_paragraphs(gap: str) -> None:
    """`第 1 段（00:00:00 → 00:05:01）` over a paragraph: a section heading whose times are
    the paragraph's, never a `第 1 段（00` speaker nor times left in the words."""
    text = "".join(
        f"第 {n} 段（00:0{n - 1}:00 → 00:0{n}:00）{gap}这是第{n}段的内容。 然后呢。 大家好。{gap}"
        for n in range(1, 5)
    )
    transcript = parse(text, "talk.txt")
    assert not transcript.speakers
    assert [t.text for t in transcript.turns] == ["这是第1段的内容。 然后呢。 大家好。",
                                                  "这是第2段的内容。 然后呢。 大家好。",
                                                  "这是第3段的内容。 然后呢。 大家好。",
                                                  "这是第4段的内容。 然后呢。 大家好。"]
    assert [t.start for t in transcript.turns] == [0.0, 60.0, 120.0, 180.0]
    assert [s.title for s in transcript.sections] == ["第 1 段", "第 2 段", "第 3 段", "第 4 段"]


def test_whisper_txt_label_after_the_times_names_the_speaker_when_it_repeats() -> None:
    """`[0:00:00,000 --> 0:00:01,960] Участник (не определён):  words` (diarizing tools): the
    label is the speaker, not words; a one-off `Note:` stays in the words."""
    transcript = parse(
        "[0:00:00,000 --> 0:00:01,960] Участник (не определён):  Так, ну что.\n"
        "[0:00:01,960 --> 0:00:03,960] Участник (не определён):  Честно сказать.\n"
        "[0:00:03,960 --> 0:00:05,360] Note: this one is words.\n"
        "[0:00:05,360 --> 0:00:06,599] Участник (не определён):  По классике.\n",
        "talk.txt",
    )
    assert transcript.source.format == "whisper-txt"
    assert [s.name for s in transcript.speakers] == ["Участник (не определён)"]
    assert "Участник" not in " ".join(t.text for t in transcript.turns)
    assert "Note: this one is words." in " ".join(t.text for t in transcript.turns)


def test_saved_page_with_a_time_and_transcript_table_is_read_as_timed_paragraphs() -> None:
    """A saved HTML page whose transcript is a Time | Transcript table: no markup, CSS or
    header row in the words, and each `0h00m44s` cell is the start of the words beside it."""
    rows = "".join(
        f"<tr>\n<td>\n0h0{n}m{n}4s\n</td>\n<td>\nwords of row {n} said here by someone\n</td>\n"
        "</tr>\n"
        for n in range(1, 6)
    )
    page = (
        "<!DOCTYPE html>\n<html>\n<head>\n<title>Transcript</title>\n<style>\nbody { "
        "font-family: monospace; }\n</style>\n</head>\n<body>\n<table>\n<thead>\n<th>Time</th>\n"
        f"<th>Transcript</th>\n</thead>\n<tbody>\n{rows}</tbody>\n</table>\n</body>\n</html>\n"
    )
    transcript = parse(page, "podcast.html")
    assert transcript.source.format == "plain"
    texts = [t.text for t in transcript.turns]
    assert texts == [f"words of row {n} said here by someone" for n in range(1, 6)]
    assert [t.start for t in transcript.turns] == [n * 60 + n * 10 + 4 for n in range(1, 6)]


def test_chevron_then_name_opens_a_named_turn_that_the_next_cues_continue() -> None:
    # a captioner names the speaker after `>>` once in a while (`&gt;&gt; NAME:` escaped),
    # too seldom for labels to be the file's habit; the cues after it are the same voice
    cues = [
        ("00:00.600", "00:02.233", "&gt;&gt; SHADI ABOU-ZAHRA:\nThe Portuguese observatory."),
        ("00:02.299", "00:10.000", "So, Jorge, do you want to"),
        ("00:10.100", "00:12.000", "introduce it?"),
        ("00:13.000", "00:14.000", "&gt;&gt; JORGE FERNANDES:\nSorry."),
        ("00:14.100", "00:16.000", "Yes, let me share my screen."),
        ("00:17.000", "00:18.000", "&gt;&gt; Okay, we see it."),
    ]
    text = "WEBVTT\n\n" + "\n\n".join(f"{a} --> {b}\n{words}" for a, b, words in cues) + "\n"
    transcript = parse(text, "cart.vtt")
    assert names(transcript) == ["SHADI ABOU-ZAHRA", "JORGE FERNANDES", None]
    assert transcript.turns[0].text == (
        "The Portuguese observatory. So, Jorge, do you want to introduce it?"
    )
    assert transcript.turns[1].text == "Sorry. Yes, let me share my screen."
