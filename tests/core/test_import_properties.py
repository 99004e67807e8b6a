"""Property tests: on any bytes, every importer either returns a Transcript or raises the one
documented TranscriptImportError, whether the shape is detected or forced with `format=`."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.errors import TranscriptImportError
from desktop.core.importers import available_importers, import_bytes
from desktop.core.model import Transcript

DATA = Path(__file__).resolve().parent.parent / "data"
REPO = DATA.parent.parent
FORMATS = [importer.format for importer in available_importers()]
SUFFIXES = [".txt", ".srt", ".vtt", ".json", ".tsv", ".otr", ".docx", ".md", ""]

PROPERTY = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def sample_docx() -> bytes:
    document = docx.Document()
    for line in ("Interviewer: How did it start?", "Jane Doe: In a garage, in 1998."):
        document.add_paragraph(line)
    table = document.add_table(rows=2, cols=3)
    for c, value in enumerate(("0:05", "Interviewer", "And then?")):
        table.cell(1, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def real_samples() -> list[tuple[str, bytes]]:
    files = sorted(p for p in DATA.rglob("*") if p.is_file() and p.suffix != ".md")
    samples = [(p.name, p.read_bytes()[:60_000]) for p in files]
    samples.append(("sample-interview.txt", (REPO / "resources/sample-interview.txt")
                    .read_bytes()[:60_000]))
    samples.append(("interview.docx", sample_docx()))
    samples.append(("notes.otr", json.dumps({"text": '<p><span class="timestamp" '
                    'data-timestamp="1.5">0:01</span> A: hi</p><p>B: yo</p>'}).encode()))
    return samples


SAMPLES = real_samples()


def must_be_transcript_or_import_error(data: bytes, name: str, fmt: str | None) -> None:
    try:
        transcript = import_bytes(data, Path(name), format=fmt)
    except TranscriptImportError as error:
        assert error.reason and isinstance(error.reason, str)
        return
    assert isinstance(transcript, Transcript)
    assert transcript.turns
    assert all(isinstance(turn.text, str) for turn in transcript.turns)
    json.dumps(transcript.to_json_dict(), ensure_ascii=False)  # the CLI contract serialises


def every_way(data: bytes, name: str) -> None:
    must_be_transcript_or_import_error(data, name, None)
    for fmt in FORMATS:
        must_be_transcript_or_import_error(data, name, fmt)


#: Pieces of the formats, so generated input reaches the parsers instead of being refused.
FRAGMENTS = st.sampled_from([
    "WEBVTT\n", "1\n", "00:00:01,000 --> 00:00:02,000", "0:0:0.0 --> 0:0:1.5", "-->",
    "01:02.500", "\n", "\n\n", " ", "<v Ann>", "</v>", "<c.colorFF0000>", "<00:00:01.200>",
    "NOTE x", "STYLE", "Kind: captions", "Hello there.", "Q:", "A:", "JOHN SMITH:",
    "**Ann:**", "### nom：", ">>", "[SPEAKER_00]: ", "start\tend\ttext\n", "1000\t2000\t",
    '{"segments": [', '{"start": 1, "end": 2, "text": "hi"}', "]}", '{"chunks": [',
    '{"timestamp": [0, null], "text": "x"}', '{"transcription": [', '"offsets": {"from": 0}',
    '{"text": "<p>', '<span class="timestamp" data-timestamp="3">', "</span>", "</p>",
    "&amp;", "“", "’", "\u00a0", "\x00", "\r", "[ad_1]", "Source link", "(Laughter.)", "é",
    "null", "-1", "1e309", "NaN", "{", "}", "[", "]", ",", '"', ":",
])
SHAPED = st.lists(FRAGMENTS, max_size=400).map("".join)


@PROPERTY
@given(data=st.binary(max_size=30_000), suffix=st.sampled_from(SUFFIXES))
def test_arbitrary_bytes(data: bytes, suffix: str) -> None:
    every_way(data, "input" + suffix)


@PROPERTY
@given(text=SHAPED, suffix=st.sampled_from(SUFFIXES),
       encoding=st.sampled_from(["utf-8", "utf-16", "cp1252"]))
def test_format_shaped_text(text: str, suffix: str, encoding: str) -> None:
    every_way(text.encode(encoding, errors="replace"), "input" + suffix)


@st.composite
def mutated_sample(draw: st.DrawFn) -> tuple[str, bytes]:
    name, data = draw(st.sampled_from(SAMPLES))
    buffer = bytearray(data)
    for _ in range(draw(st.integers(1, 12))):
        position = draw(st.integers(0, len(buffer)))
        action = draw(st.sampled_from(["delete", "insert", "overwrite", "truncate"]))
        chunk = draw(st.binary(min_size=1, max_size=12) | FRAGMENTS.map(str.encode))
        if action == "delete":
            del buffer[position : position + len(chunk)]
        elif action == "insert":
            buffer[position:position] = chunk
        elif action == "overwrite":
            buffer[position : position + len(chunk)] = chunk
        else:
            del buffer[position:]
    return name, bytes(buffer)


@PROPERTY
@given(sample=mutated_sample())
def test_mutated_real_samples(sample: tuple[str, bytes]) -> None:
    name, data = sample
    every_way(data, name)


@pytest.mark.parametrize(("name", "data"), SAMPLES, ids=[name for name, _ in SAMPLES])
def test_unmutated_samples_forced_into_every_format(name: str, data: bytes) -> None:
    every_way(data, name)
