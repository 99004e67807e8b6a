"""One transcript written as SRT, WebVTT, Whisper JSON/TSV, in UTF-8, Windows-1252 and UTF-16,
gives the same turns: the format and the encoding change nothing a reader sees."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.importers import import_bytes
from desktop.core.model import Transcript

#: (start, end, text): a pause after the third cue makes two paragraphs.
CUES = [
    (1.0, 2.5, "Café au lait, déjà vu – the “usual” order."),
    (2.6, 4.25, "Nothing naïve about it."),
    (4.3, 6.0, "We'd argue otherwise…"),
    (11.0, 12.75, "After the pause, a new paragraph."),
    (12.8, 14.0, "The end."),
]
VOICES = ["Zoë Martín", "Zoë Martín", "Bob", "Bob", "Zoë Martín"]


def srt_time(seconds: float) -> str:
    ms = round(seconds * 1000)
    return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"


def vtt_time(seconds: float, hours: bool = True) -> str:
    text = srt_time(seconds).replace(",", ".")
    return text if hours else text[3:]


def as_srt() -> str:
    return "".join(
        f"{n}\n{srt_time(a)} --> {srt_time(b)}\n{t}\n\n" for n, (a, b, t) in enumerate(CUES, 1)
    )


def as_vtt(*, hours: bool = True, voices: bool = False) -> str:
    body = "".join(
        f"{vtt_time(a, hours)} --> {vtt_time(b, hours)} align:start\n"
        + (f"<v {VOICES[i]}>" if voices else "")
        + f"{t}\n\n"
        for i, (a, b, t) in enumerate(CUES)
    )
    return "WEBVTT\n\n" + body


def as_whisper_json(*, voices: bool = False) -> str:
    segments: list[dict[str, object]] = [
        {"id": i, "start": a, "end": b, "text": " " + t}
        | ({"speaker": VOICES[i]} if voices else {})
        for i, (a, b, t) in enumerate(CUES)
    ]
    return json.dumps({"text": "".join(str(s["text"]) for s in segments), "segments": segments})


def as_tsv() -> str:
    rows = "".join(f"{round(a * 1000)}\t{round(b * 1000)}\t{t}\n" for a, b, t in CUES)
    return "start\tend\ttext\n" + rows


Cues = tuple[tuple[float, float, str], ...]


def shape(
    transcript: Transcript,
) -> list[tuple[str | None, str, float | None, float | None, Cues]]:
    """What a reader sees: speaker names, words, times and cues of every turn."""
    def name(speaker_id: str | None) -> str | None:
        speaker = transcript.speaker(speaker_id)
        return speaker.name if speaker else None

    return [
        (
            name(t.speaker),
            t.text,
            t.start,
            t.end,
            tuple((s.start, s.end, s.text) for s in t.segments),
        )
        for t in transcript.turns
    ]


VARIANTS: dict[str, tuple[str, bytes]] = {
    "srt utf-8": ("a.srt", as_srt().encode("utf-8")),
    "srt utf-8 bom crlf": ("a.srt", codecs.BOM_UTF8 + as_srt().replace("\n", "\r\n").encode()),
    "srt windows-1252": ("a.srt", as_srt().encode("cp1252")),
    "srt utf-16 le": ("a.srt", codecs.BOM_UTF16_LE + as_srt().encode("utf-16-le")),
    "srt flattened": ("a.srt", as_srt().replace("\n", " ").encode("utf-8")),
    "vtt utf-8": ("a.vtt", as_vtt().encode("utf-8")),
    "vtt hour-less": ("a.vtt", as_vtt(hours=False).encode("utf-8")),
    "vtt utf-16 be": ("a.vtt", codecs.BOM_UTF16_BE + as_vtt().encode("utf-16-be")),
    "vtt windows-1252": ("a.vtt", as_vtt().encode("cp1252")),
    "whisper json": ("a.json", as_whisper_json().encode("utf-8")),
    "whisper tsv": ("a.tsv", as_tsv().encode("utf-8")),
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_every_variant_gives_the_same_turns(variant: str) -> None:
    reference = import_bytes(as_srt().encode("utf-8"), Path("a.srt"))
    name, data = VARIANTS[variant]
    transcript = import_bytes(data, Path(name))
    assert shape(transcript) == shape(reference)


def test_reference_is_what_the_cues_say() -> None:
    transcript = import_bytes(as_srt().encode(), Path("a.srt"))
    assert [t.text for t in transcript.turns] == [
        " ".join(t for _, _, t in CUES[:3]),
        " ".join(t for _, _, t in CUES[3:]),
    ]
    assert [(s.start, s.end, s.text) for t in transcript.turns for s in t.segments] == CUES


def test_voices_in_webvtt_and_whisperx_speakers_agree() -> None:
    vtt = import_bytes(as_vtt(voices=True).encode("utf-8"), Path("v.vtt"))
    whisperx = import_bytes(as_whisper_json(voices=True).encode("utf-8"), Path("v.json"))
    assert shape(vtt) == shape(whisperx)
    assert [t.text for t in vtt.turns] == [
        f"{CUES[0][2]} {CUES[1][2]}", f"{CUES[2][2]}\n\n{CUES[3][2]}", CUES[4][2]
    ]
    assert [s.name for s in vtt.speakers] == ["Zoë Martín", "Bob"]


WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéàüßøЖя'’", min_size=1, max_size=8)
CUE_TEXT = st.lists(WORD, min_size=1, max_size=8).map(" ".join).map(str.capitalize).map(
    lambda text: text + "."
)


@st.composite
def cue_lists(draw: st.DrawFn) -> list[tuple[float, float, str]]:
    cues = []
    now = 0
    for text in draw(st.lists(CUE_TEXT, min_size=1, max_size=12)):
        start = now + draw(st.integers(0, 4000))
        end = start + draw(st.integers(1, 5000))
        cues.append((start / 1000, end / 1000, text))
        now = end
    return cues


@settings(max_examples=30, deadline=None)
@given(cues=cue_lists())
def test_any_cues_read_the_same_in_srt_webvtt_and_whisper_json(
    cues: list[tuple[float, float, str]],
) -> None:
    srt = "".join(
        f"{n}\n{srt_time(a)} --> {srt_time(b)}\n{t}\n\n" for n, (a, b, t) in enumerate(cues, 1)
    )
    vtt = "WEBVTT\n\n" + "".join(f"{vtt_time(a)} --> {vtt_time(b)}\n{t}\n\n" for a, b, t in cues)
    whisper = json.dumps({"segments": [{"start": a, "end": b, "text": t} for a, b, t in cues]})
    shapes = [
        shape(import_bytes(data.encode("utf-8"), Path(name)))
        for name, data in (("a.srt", srt), ("a.vtt", vtt), ("a.json", whisper))
    ]
    assert shapes[0] == shapes[1] == shapes[2]
    assert [seg[2] for turn in shapes[0] for seg in turn[4]] == [t for _, _, t in cues]
