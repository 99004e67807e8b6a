"""Whisper output in its many dialects: JSON, TSV and TXT.

JSON dialects differ only in where the cues live and how times are written, so each dialect is
a small reader that yields `Cue`s; turns are then built exactly as for subtitles.
- openai-whisper and the API's `verbose_json`: `segments[].start/end/text` (seconds);
- whisper-timestamped: the same plus `words[].confidence` (low-confidence tails are warned about);
- WhisperX: `segments[].speaker` (`SPEAKER_00`), `words[].score`;
- whisper.cpp: `transcription[].offsets.from/to` in milliseconds;
- Hugging Face pipelines: `chunks[].timestamp: [start, end]` (end may be null), and the
  diarised `speakers[]` list some wrappers add.
"""

from __future__ import annotations

import itertools
import json
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

from desktop.core.importers.base import Parsed, SourceDocument
from desktop.core.importers.cleanup import is_html_page
from desktop.core.importers.plain import is_json_text
from desktop.core.importers.speakers import split_inline
from desktop.core.importers.subtitles import (
    Cue,
    build_turns,
    clock,
    language_of,
    loop_warnings,
    parse_clock,
)
from desktop.core.model import Metadata, WordTime

#: A segment whose confidence is below this is reported as doubtful.
LOW_CONFIDENCE = 0.3

_JSON_KEYS = ('"segments"', '"transcription"', '"chunks"')
_LANGUAGE_NAMES = {
    "english": "en", "french": "fr", "german": "de", "spanish": "es", "italian": "it",
    "portuguese": "pt", "dutch": "nl", "russian": "ru", "arabic": "ar", "chinese": "zh",
    "japanese": "ja", "korean": "ko", "ukrainian": "uk", "polish": "pl", "turkish": "tr",
}


# --- JSON -------------------------------------------------------------------------------------


def _cues_from_json(data: Any) -> tuple[list[Cue], list[float | None]]:
    """(cues, per-cue confidence) for any supported dialect; ValueError when none fits."""
    if isinstance(data, list):
        return _from_segments(data)
    if not isinstance(data, Mapping):
        raise ValueError("the JSON is not an object or a list")
    if isinstance(data.get("transcription"), list):
        return [_whisper_cpp_cue(item) for item in data["transcription"]], []
    if isinstance(data.get("segments"), list) and data["segments"]:
        return _from_segments(data["segments"])
    for key in ("speakers", "chunks"):  # diarised list first: it carries the speakers
        if isinstance(data.get(key), list) and data[key]:
            return _from_chunks(data[key]), []
    raise ValueError("no segments, transcription or chunks list")


def _from_segments(segments: list[Any]) -> tuple[list[Cue], list[float | None]]:
    cues: list[Cue] = []
    confidences: list[float | None] = []
    for segment in segments:
        speaker = segment.get("speaker")
        # WhisperX leaves times null where alignment failed: borrow the neighbour's time.
        previous_end = cues[-1].end if cues else 0.0
        start = previous_end if segment.get("start") is None else _seconds(segment["start"])
        end = start if segment.get("end") is None else _seconds(segment["end"])
        cues.append(
            Cue(
                start=start,
                end=max(start, end),
                text=_text(segment["text"]),
                speaker=_speaker(speaker),
                words=_word_times(segment.get("words")),
            )
        )
        confidences.append(_confidence(segment))
    return cues, confidences


def _word_times(words: Any) -> tuple[WordTime, ...]:
    """Word timings of a segment (openai-whisper `word`, whisper-timestamped/WhisperX `text`
    or `word`); words without both times (WhisperX leaves some unaligned) are left out."""
    if not isinstance(words, list):
        return ()
    found: list[WordTime] = []
    for word in words:
        if not isinstance(word, Mapping):
            continue
        text = _first(word, "word", "text")
        start, end = word.get("start"), word.get("end")
        if isinstance(text, str) and text.strip() and isinstance(start, int | float) \
                and isinstance(end, int | float):
            found.append(WordTime(float(start), float(max(start, end)), text.strip()))
    return tuple(found)


def _confidence(segment: Mapping[str, Any]) -> float | None:
    """The segment's confidence (whisper-timestamped), else the mean of its words' scores."""
    value = segment.get("confidence")
    if isinstance(value, int | float):
        return float(value)
    words = segment.get("words")
    if isinstance(words, list):
        scores = [
            float(score)
            for w in words
            if isinstance(w, Mapping)
            and isinstance(score := _first(w, "confidence", "score", "probability"), int | float)
        ]
        if scores:
            return sum(scores) / len(scores)
    return None


def _first(mapping: Mapping[str, Any], *keys: str) -> Any:
    """The first of these keys present (dialects name word confidence differently)."""
    for key in keys:
        if key in mapping:
            return mapping[key]
    return None


def _whisper_cpp_cue(item: Mapping[str, Any]) -> Cue:
    offsets = item.get("offsets")
    if isinstance(offsets, Mapping):
        start, end = _seconds(offsets["from"]) / 1000, _seconds(offsets["to"]) / 1000
    else:
        stamps = item["timestamps"]
        start, end = parse_clock(str(stamps["from"])), parse_clock(str(stamps["to"]))
    text = _text(item["text"])
    marked = "[SPEAKER_TURN]" in text  # tinydiarize's turn token, when left in the text
    if marked:
        text = " ".join(text.replace("[SPEAKER_TURN]", " ").split())
    return Cue(start, max(start, end), text, _speaker(item.get("speaker")),
               turn_ends=marked or item.get("speaker_turn_next") is True)


def _from_chunks(chunks: list[Any]) -> list[Cue]:
    cues: list[Cue] = []
    for index, chunk in enumerate(chunks):
        stamp = chunk["timestamp"]
        start = _seconds(stamp[0]) if stamp[0] is not None else (cues[-1].end if cues else 0.0)
        if stamp[1] is not None:
            end = _seconds(stamp[1])
        elif index + 1 < len(chunks) and chunks[index + 1]["timestamp"][0] is not None:
            end = _seconds(chunks[index + 1]["timestamp"][0])
        else:
            end = start  # the pipeline's last chunk often has no end time
        speaker = _speaker(chunk.get("speaker"))
        cues.append(Cue(start, max(start, end), _text(chunk["text"]), speaker))
    return cues


def _speaker(value: Any) -> str | None:
    """A speaker label, or None when the tool did not know (whisper.cpp writes `?`)."""
    if value is None or isinstance(value, bool):
        return None
    label = " ".join(str(value).split())
    return None if label in ("", "?") else label


def _seconds(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise TypeError(f"not a time: {value!r}")
    seconds = float(value)
    if seconds != seconds or seconds < 0 or seconds == float("inf"):
        raise ValueError(f"not a time: {value!r}")
    return seconds


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"segment text is {type(value).__name__}, not text")
    return " ".join(value.split())


def _language(data: Any) -> str | None:
    if not isinstance(data, Mapping):
        return None
    value = data.get("language")
    if value is None and isinstance(data.get("result"), Mapping):
        value = data["result"].get("language")  # whisper.cpp
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip().lower()
    return _LANGUAGE_NAMES.get(value, value)


def confidence_warnings(cues: list[Cue], confidences: list[float | None]) -> list[str]:
    """Warn about segments Whisper was unsure of, pointing out a doubtful tail (Whisper tends
    to invent words in the silence at the end of a recording)."""
    low = [i for i, c in enumerate(confidences) if c is not None and c < LOW_CONFIDENCE]
    if not low:
        return []
    first = cues[low[0]]
    message = (
        f"{len(low)} segment{'s' if len(low) > 1 else ''} with low confidence "
        f"(below {LOW_CONFIDENCE:.1f}), the first at {clock(first.start)} (“{first.text}”)"
    )
    tail_from = cues[-1].end * 0.8  # the last fifth of the recording
    in_tail = sum(1 for i in low if cues[i].start >= tail_from)
    if in_tail * 2 >= len(low):
        message += f"; {in_tail} of them in the last fifth: the end may be hallucinated"
    return [message + "; check them against the audio"]


def _parsed(cues: list[Cue], *, language: str | None = None,
            confidences: list[float | None] | None = None, removed: list[str] | None = None,
            timed: bool = True) -> Parsed:
    removed = list(removed or [])
    empty = sum(1 for cue in cues if not cue.text)
    if empty:
        removed.append(f"{empty} empty segment{'s' if empty > 1 else ''}")
    kept = [(cue, conf) for cue, conf in zip(cues, confidences or [None] * len(cues),
                                             strict=False) if cue.text]
    cues = [cue for cue, _ in kept]
    turns, speakers = build_turns(cues)
    warnings = loop_warnings(cues, timed=timed)
    if confidences:
        warnings += confidence_warnings(cues, [conf for _, conf in kept])
    language = language or language_of(turns)
    return Parsed(turns=turns, speakers=speakers, metadata=Metadata(language=language),
                  removed=removed, warnings=warnings)


class WhisperJsonImporter:
    """Whisper JSON from openai-whisper, whisper-timestamped, WhisperX, the API, whisper.cpp
    or Hugging Face pipelines."""

    format = "whisper-json"
    label = "Whisper JSON"
    extensions = (".json",)

    def score(self, doc: SourceDocument) -> float:
        if doc.text is None:
            return 0.0
        text = doc.text
        head = text[:65536].lstrip()
        if not head.startswith(("{", "[")):
            return 0.0
        if "data-timestamp" in head or '"media-time"' in head:
            return 0.0  # oTranscribe
        # The whole text: a long top-level "text" often comes before "segments".
        if any(key in text for key in _JSON_KEYS):
            return 0.95
        if head.startswith("[") and '"start"' in head and '"text"' in head:
            return 0.8
        return 0.0

    def parse(self, doc: SourceDocument) -> Parsed:
        if doc.text is None:
            raise ValueError("not text")
        data = json.loads(doc.text)
        if _only_text(data):
            return _untimed_text(data)
        cues, confidences = _cues_from_json(data)
        return _parsed(cues, language=_language(data), confidences=confidences)


def _only_text(data: Any) -> bool:
    """Whisper JSON whose segment lists are empty or absent but whose `text` holds words."""
    if not isinstance(data, Mapping):
        return False
    if any(isinstance(data.get(key), list) and data[key]
           for key in ("transcription", "segments", "speakers", "chunks")):
        return False
    return isinstance(data.get("text"), str) and bool(data["text"].strip())


def _untimed_text(data: Mapping[str, Any]) -> Parsed:
    """Words are never lost: the top-level text becomes one untimed turn, with a warning."""
    parsed = _parsed([Cue(0.0, 0.0, " ".join(data["text"].split()))],
                     language=_language(data), timed=False)
    parsed.turns = [replace(t, start=None, end=None, segments=()) for t in parsed.turns]
    parsed.warnings.append("the JSON has no timed segments: its text is kept as one untimed turn")
    return parsed


# --- TSV --------------------------------------------------------------------------------------

_TSV_ROW = re.compile(r"^\d+\t\d+\t")


class WhisperTsvImporter:
    """Whisper TSV: `start<TAB>end<TAB>text`, times in integer milliseconds."""

    format = "whisper-tsv"
    label = "Whisper TSV"
    extensions = (".tsv",)

    def score(self, doc: SourceDocument) -> float:
        if doc.text is None:
            return 0.0
        lines = [line for line in doc.text[:20000].split("\n") if line.strip()][:20]
        if not lines:
            return 0.0
        if lines[0].strip().lower().split("\t") == ["start", "end", "text"]:
            return 0.95
        rows = sum(1 for line in lines if _TSV_ROW.match(line))
        return 0.85 if rows >= 2 and rows * 5 >= len(lines) * 4 else 0.0

    def parse(self, doc: SourceDocument) -> Parsed:
        if doc.text is None:
            raise ValueError("not text")
        cues: list[Cue] = []
        removed: list[str] = []
        for number, line in enumerate(doc.text.split("\n"), start=1):
            if not line.strip():
                continue
            fields = line.split("\t", 2)
            if len(fields) == 3 and fields[0].strip().isdigit() and fields[1].strip().isdigit():
                start, end = int(fields[0]) / 1000, int(fields[1]) / 1000
                cues.append(Cue(start, max(start, end), " ".join(fields[2].split())))
            elif number == 1 and line.strip().lower().startswith("start"):
                continue  # the header row
            else:
                removed.append(f"line {number} is not a start/end/text row: “{line[:40]}”")
        return _parsed(cues, removed=removed)


# --- TXT --------------------------------------------------------------------------------------

_TXT_SPEAKER = re.compile(r"^\[(?P<name>[A-Za-z][\w -]{0,40})\]:\s?(?P<text>.*)$")
#: `[00:00.000 --> 00:04.000]  text`: openai-whisper's verbose console output and whisper.cpp's
#: stdout, often saved as .txt; the text may start with a `[SPEAKER_00]:` prefix.
#: Also plain second ranges (`[0.10 - 4.76] text`, `[12.3s -> 18.5s] text`) other Whisper
#: tools write.
_TXT_TIME = r"(?:(?:\d{1,2}:)?\d{1,3}:\d{2}(?:[.,]\d{1,3})?|\d{1,6}\.\d{1,3}s?)"
_TXT_TIMED = re.compile(
    rf"^\[\s*(?P<start>{_TXT_TIME})\s*(?:-->|->|-|–)\s*(?P<end>{_TXT_TIME})\s*\]\s?(?P<text>.*)$"
)


def _txt_seconds(text: str) -> float:
    if ":" in text:
        return parse_clock(text)
    return float(text.rstrip("s"))
_TURN_TOKEN = "[SPEAKER_TURN]"  # whisper.cpp --tinydiarize marks where the speaker changes


class WhisperTxtImporter:
    """Whisper TXT: one segment a line, with WhisperX's `[SPEAKER_00]: ` prefixes or without
    speakers, and no times; or the console form with `[00:00.000 --> 00:04.000]` before each
    segment (times kept). Lines are grouped into paragraphs like timed cues."""

    format = "whisper-txt"
    label = "Whisper TXT (one segment a line)"
    extensions = (".txt",)

    def score(self, doc: SourceDocument) -> float:
        if doc.text is None:
            return 0.0
        head = doc.text[:20000].strip("\n")
        lines = [line for line in head.split("\n") if line.strip()][:50]
        timed = sum(1 for line in lines if _TXT_TIMED.match(line.strip()))
        if timed >= 2 or (timed and timed * 2 >= len(lines)):
            # Bracketed timings are this shape's own (cue files never bracket them); the
            # tool's log lines may outnumber them in a short file. Above WebVTT's guess.
            return 0.96
        labelled = sum(1 for line in lines if _TXT_SPEAKER.match(line.strip()))
        if labelled and labelled * 2 >= len(lines):
            return 0.9
        if _one_segment_a_line(head, lines) and not is_json_text(doc.text) and not (
            is_html_page(head)  # a saved web page is markup, never Whisper's output
        ):
            return 0.05  # only above the plain-paragraph fallback: any real shape wins
        return 0.0

    def parse(self, doc: SourceDocument) -> Parsed:
        if doc.text is None:
            raise ValueError("not text")
        if any(_TXT_TIMED.match(line) for line in itertools.islice(_lines(doc.text), 50)):
            return _timed_txt(doc.text)
        cues: list[Cue] = []
        for line in _lines(doc.text):
            match = _TXT_SPEAKER.match(line)
            if match:
                cues.append(Cue(0.0, 0.0, " ".join(match["text"].split()), match["name"].strip()))
            else:
                cues.append(Cue(0.0, 0.0, " ".join(line.split())))
        parsed = _parsed(cues, timed=False)
        # No times in TXT: turns keep their text and speakers only.
        parsed.turns = [replace(t, start=None, end=None, segments=()) for t in parsed.turns]
        return parsed


def _timed_txt(text: str) -> Parsed:
    """`[start --> end]  text` lines as timed cues. Lines before the first or after the last
    segment are the tool's log (whisper.cpp prints its settings and timings) and are reported
    as removed; an untimed line between segments continues the segment above it."""
    cues: list[Cue] = []
    removed: list[str] = []
    trailing: list[str] = []
    for line in _lines(text):
        match = _TXT_TIMED.match(line)
        if match is None:
            if cues:
                trailing.append(line)
            else:
                removed.append(f"text before the first segment: “{line[:60]}”")
            continue
        if trailing:  # a wrapped segment: its words belong to the segment above
            previous = cues[-1]
            cues[-1] = replace(previous, text=" ".join([previous.text, *trailing]).strip())
            trailing = []
        start, end = _txt_seconds(match["start"]), _txt_seconds(match["end"])
        words = match["text"]
        speaker: str | None = None
        labelled = _TXT_SPEAKER.match(words.strip())
        if labelled is not None:
            speaker, words = labelled["name"].strip(), labelled["text"]
        marked = _TURN_TOKEN in words
        words = " ".join(words.replace(_TURN_TOKEN, " ").split())
        cues.append(Cue(start, max(start, end), words, speaker, turn_ends=marked))
    removed.extend(f"text after the last segment: “{line[:60]}”" for line in trailing)
    return _parsed(_named_cues(cues), removed=removed)


def _named_cues(cues: list[Cue]) -> list[Cue]:
    """`[0:00:00,000 --> 0:00:01,960] Участник (не определён):  words`: a `Name:` label after
    the times (diarizing tools) names the speaker when the same label opens two cues or more
    (a one-off `Note:` stays words)."""
    found = [split_inline(cue.text) if cue.speaker is None else None for cue in cues]
    counts = Counter(f.label.key for f in found if f is not None and f.rest)
    if not counts or max(counts.values()) < 2:
        return cues
    return [
        replace(cue, text=f.rest, speaker=f.label.raw)
        if f is not None and f.rest and counts[f.label.key] >= 2 else cue
        for cue, f in zip(cues, found, strict=True)
    ]


#: A time range in a line (`（00:00:00 → 00:05:01）`): untimed TXT never writes one.
_TIME_RANGE = re.compile(r"\d:\d{2}(?:[.,]\d+)?\s*(?:-->|->|→|–|—|-|~|～)\s*\d{1,2}:\d{2}")


def _one_segment_a_line(head: str, lines: list[str]) -> bool:
    """Many short lines and not one blank line between them: Whisper's plain TXT output
    (no times in it: lines headed by time ranges are sections of another shape)."""
    if len(lines) < 5 or "\n\n" in head:
        return False
    if any(_TIME_RANGE.search(line) for line in lines):
        return False
    lengths = sorted(len(line) for line in lines)
    return lengths[len(lengths) // 2] <= 200


def _lines(text: str) -> Iterator[str]:
    for line in text.split("\n"):
        if line.strip():
            yield line.strip()


IMPORTERS = (WhisperJsonImporter(), WhisperTsvImporter(), WhisperTxtImporter())
