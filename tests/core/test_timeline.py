"""The timeline: which turn and word is spoken at a moment, and when a span was said."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.importers import import_file
from desktop.core.media import MediaStore, find_media_beside, is_media_file, is_video
from desktop.core.model import Transcript
from desktop.core.timeline import Timeline

DATA = Path(__file__).resolve().parent.parent / "data"
SRT = DATA / "whisper_smartphone_fr.srt"
WORDS = DATA / "whisper-timestamped_apollo11.words.json"


def test_every_cue_is_found_in_its_turn_and_keeps_its_times() -> None:
    transcript = import_file(SRT)
    timeline = Timeline(transcript)
    assert timeline.has_times and not timeline.has_words
    for index, turn in enumerate(transcript.turns):
        for segment in turn.segments:
            start = turn.text.index(segment.text)
            # a quote inside one cue plays exactly that cue
            assert timeline.span_times(index, start, start + len(segment.text)) == (
                segment.start, segment.end)
            assert timeline.turn_at(segment.start) == index


def test_quote_across_cues_plays_from_first_cue_start_to_last_cue_end() -> None:
    transcript = import_file(SRT)
    turn = next(i for i, t in enumerate(transcript.turns) if len(t.segments) >= 3)
    segments = transcript.turns[turn].segments
    text = transcript.turns[turn].text
    start = text.index(segments[0].text) + 3  # inside the first cue
    end = text.index(segments[2].text) + 2  # inside the third
    assert Timeline(transcript).span_times(turn, start, end) == (segments[0].start, segments[2].end)


def test_word_timings_mark_the_word_being_said() -> None:
    transcript = import_file(WORDS)
    timeline = Timeline(transcript)
    assert timeline.has_words
    word = timeline.word_at(1.0)  # "11," said from 0.96 to 1.5 s
    assert word is not None
    assert transcript.turns[word.turn].text[word.start : word.end] == "11"
    assert timeline.time_at(0, transcript.turns[0].text.index("Houston")) == pytest.approx(1.5)
    assert timeline.word_at(0.1) is None  # before the first word


@settings(max_examples=60, deadline=None)
@given(st.floats(min_value=0, max_value=100))
def test_turn_at_is_the_last_turn_started(seconds: float) -> None:
    transcript = _words_transcript()
    current = Timeline(transcript).turn_at(seconds)
    started = [
        i for i, t in enumerate(transcript.turns) if t.start is not None and t.start <= seconds
    ]
    assert current == (started[-1] if started else None)


@functools.cache
def _words_transcript() -> Transcript:
    return import_file(WORDS)


def test_media_beside_a_transcript_is_found_by_stem(tmp_path: Path) -> None:
    (tmp_path / "talk.srt").write_text("1\n00:00:00,000 --> 00:00:01,000\nHi\n")
    assert find_media_beside(tmp_path / "talk.srt") is None
    (tmp_path / "talk.mp3").write_bytes(b"ID3")
    assert find_media_beside(tmp_path / "talk.srt") == tmp_path / "talk.mp3"
    (tmp_path / "talk.words.json").write_text("{}")
    assert find_media_beside(tmp_path / "talk.words.json") == tmp_path / "talk.mp3"
    assert is_media_file("a.MKV") and is_video("a.webm") and not is_video("a.opus")
    assert not is_media_file("a.srt")


def test_media_store_links_positions_and_times(tmp_path: Path) -> None:
    media = tmp_path / "elsewhere" / "recording.wav"
    media.parent.mkdir()
    media.write_bytes(b"RIFF")
    transcript = tmp_path / "clean.txt"
    transcript.write_text("x")
    with MediaStore(tmp_path / "media.sqlite3") as store:
        assert store.media_for(transcript) is None
        store.link(transcript, media)
        store.set_position(transcript, 12.5)
        store.set_turn_times(transcript, "abc", [(1.0, 2.0), (None, None)])
    with MediaStore(tmp_path / "media.sqlite3") as store:  # remembered across runs
        assert store.media_for(transcript) == media.resolve()
        assert store.position(transcript) == 12.5
        assert store.turn_times(transcript, "abc") == [(1.0, 2.0), (None, None)]
        media.unlink()  # a linked file that moved: fall back to one beside the transcript
        assert store.media_for(transcript) is None
