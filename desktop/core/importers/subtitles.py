"""SRT and WebVTT subtitles, and the cue-to-turn grouping every timed importer shares.

Real subtitle files break the specs in predictable ways (Teams `0:0:0.0` timestamps, SRTs
flattened onto one line, cues with no blank line after them, YouTube rolling captions), so
one tolerant scanner reads both formats: it finds every timing line and treats what lies
between two timing lines as the first cue's text, minus the next cue's identifier and any
NOTE/STYLE/REGION block. Words are never dropped silently: anything it removes is reported.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise

from desktop.core.importers.base import Parsed, SourceDocument
from desktop.core.importers.cleanup import find_annotations
from desktop.core.importers.metadata import detect_language
from desktop.core.importers.speakers import is_anonymous, role_from_label, roles_from_turns
from desktop.core.importers.text.grammar import learn_lines
from desktop.core.importers.text.lines import read_line
from desktop.core.model import Metadata, Role, Segment, Speaker, Turn, WordTime

# Own scanner rather than pysubs2/webvtt-py: pysubs2 silently drops Teams `0:0:0.0` cues and
# neither library reads an SRT flattened onto one line or keeps words outside well-formed cues.
_TIME = r"(?:\d{1,3}:)?\d{1,3}:\d{1,2}(?:[.,]\d{1,3})?"  # hours: up to 999 (a 100-hour recording)
_TIMING = re.compile(rf"(?P<start>{_TIME})[ \t]*-->[ \t]*(?P<end>{_TIME})")
#: `_TIMING` with each time's numbers captured (hours, minutes, seconds, fraction): the same
#: matches, and the clocks read from their groups with no second regex per time.
_TIMING_PARTS = re.compile(
    _TIMING.pattern.replace(
        "(?P<start>" + _TIME,
        r"(?P<start>(?:(?P<sh>\d{1,3}):)?(?P<sm>\d{1,3}):(?P<ss>\d{1,2})(?:[.,](?P<sf>\d{1,3}))?",
    ).replace(
        "(?P<end>" + _TIME,
        r"(?P<end>(?:(?P<eh>\d{1,3}):)?(?P<em>\d{1,3}):(?P<es>\d{1,2})(?:[.,](?P<ef>\d{1,3}))?",
    )
)
#: The body of most cues after their timing line: words on non-blank lines, a blank line,
#: then the next cue's number. `_cue_body` reads such a body as exactly those lines (after
#: `_SETTINGS`, which takes nothing from a body that starts with its newline).
_PLAIN_BODY = r"\n(?P<words>[^\n]+(?:\n[^\n]+)*)\n\n\d+\n"
#: A plain cue: its timing (atomic: exactly what `_TIMING_PARTS` matches there), a plain body,
#: and the next timing right after it. One match reads a whole cue of a long file.
_PLAIN_CUE = re.compile(
    rf"(?P<timing>(?>{_TIMING_PARTS.pattern})){_PLAIN_BODY}"
    rf"(?={_TIME}[ \t]*-->[ \t]*{_TIME})"
)
#: WebVTT cue settings (`align:start position:0%`) after the end time on the timing line.
_SETTINGS = re.compile(r"^(?:[ \t]+[A-Za-z][\w-]*:[^\s]+)*[ \t]*")
_BLOCK_KEYWORDS = ("NOTE", "STYLE", "REGION")
_BLANK_LINES = re.compile(r"\n\n+")
_TWO_ARROWS = re.compile(r"-->[^\n]*-->")  # two timings on one line: a flattened SRT
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?[ \t]+([^>]+)>")
#: Subtitle formatting markup defined by SRT/WebVTT; anything else (`<script>`) stays as text.
_TAG = re.compile(
    r"</?(?:v|c|i|b|u|lang|ruby|rt|font)(?:[.\s][^>]*)?>|<\d+(?::\d+){1,2}(?:[.,]\d+)?>",
    re.IGNORECASE,
)
#: A word highlighted in a karaoke cue (stable-ts, whisper-timestamped: `It <font
#: color="#00ff00">is</font> with…`, or `<u>is</u>`): the same line, shown once per word.
#: (Not `<c>`: YouTube colours its rolling captions with it; those are handled apart.)
_HIGHLIGHT = re.compile(r"<(?:font|u|b|i)(?:\s[^>]*)?>", re.IGNORECASE)
#: Longest pause (seconds) between two karaoke cues of one line.
KARAOKE_GAP = 1.0
_ASS_OVERRIDE = re.compile(r"\{\\[^}]*\}")  # `{\an8}` positioning codes some SRT writers emit
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")

#: Pause (seconds) between two unattributed cues that starts a new paragraph.
PARAGRAPH_PAUSE = 2.0
#: Words after which an unattributed paragraph ends at the next sentence end...
PARAGRAPH_WORDS = 60
#: ...and after which it ends anyway (unpunctuated captions).
PARAGRAPH_MAX_WORDS = 150
#: Consecutive identical cues from which a loop is reported (Whisper hallucinations).
LOOP_MIN_REPEATS = 5
#: Loops listed one by one in the report before the rest are only counted.
MAX_LOOP_WARNINGS = 5


@dataclass(slots=True)
class Cue:
    """One timed piece of text as a source gives it; `speaker` is the label, if any.

    Treated as immutable (steps make new cues, or `replace` them), but not frozen: a frozen
    dataclass sets each field through `object.__setattr__`, which made creating the 170,000
    cues of a 20 MB subtitle file cost 0.3 s, three times a plain one.
    """

    start: float
    end: float
    text: str
    speaker: str | None = None
    #: The speaker changes after this cue (whisper.cpp tinydiarize marks turns, not names).
    turn_ends: bool = False
    #: The cue is a subtitle dialogue line (`- It is me.`): a new, unnamed speaker.
    dash: bool = False
    #: Word timings, where the source has them (Whisper JSON `words`).
    words: tuple[WordTime, ...] = ()
    #: Speaker changes are marked in this file (`>>`): a pause alone does not end a turn.
    marked: bool = False


# --- turns from cues (shared by every timed importer) ---------------------------------------


def speaker_id(name: str) -> str:
    """A stable, readable id for a speaker label ("Yuri Bakulin" -> "yuri-bakulin")."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    if slug:
        return slug
    # Non-Latin names: keep the word characters themselves.
    return re.sub(r"\W+", "-", name.lower()).strip("-") or "speaker"


#: Roles `speakers.role_from_label` leaves open that a timed label states plainly.
_MORE_ROLES = {"interviewee": Role.INTERVIEWEE, "respondent": Role.INTERVIEWEE}


def _evident_role(label: str, *, question_answer: bool) -> Role:
    key = " ".join(label.lower().strip(" .").split())
    if len(key) == 1 and not question_answer:
        return Role.UNKNOWN  # diarisation's "A", "B", "C" name voices, not answers
    return role_from_label(label) or _MORE_ROLES.get(key, Role.UNKNOWN)


def speakers_for(labels: Iterable[str | None]) -> list[Speaker]:
    """One Speaker per distinct label, in order of first appearance; a role only where the
    label states it (`Interviewer`, `Host`), else unknown."""
    seen: dict[str, Speaker] = {}
    taken: set[str] = set()
    labels = list(labels)
    keys = {label.strip(" .:").upper() for label in labels if label}
    # Q/A, and research notation I/R (interviewer, respondent) or I/P (participant): pairs
    # that state roles; other single letters (`A`, `B`, `C`) are diarisation's voices
    question_answer = keys in ({"Q", "A"}, {"I", "R"}, {"I", "P"}) or ("Q" in keys and "A" in keys)
    for label in labels:
        if label and label not in seen:
            base = speaker_id(label)
            ident, number = base, 2
            while ident in taken:  # "Jane Doe" and "jane doe!" must not share an id
                ident, number = f"{base}-{number}", number + 1
            taken.add(ident)
            role = _evident_role(label, question_answer=question_answer)
            seen[label] = Speaker(id=ident, name=label, role=role, aliases=(label,))
    found = list(seen.values())
    if len(found) == 2:
        # `Interviewer` and `Klaus`: the one a stated interviewer talks to answers
        roles = [s.role for s in found]
        if Role.INTERVIEWER in roles and Role.UNKNOWN in roles:
            other = roles.index(Role.UNKNOWN)
            if not is_anonymous(found[other].name):
                found[other] = replace(found[other], role=Role.INTERVIEWEE)
    return found


def build_turns(
    cues: Sequence[Cue], *, captions: bool = False
) -> tuple[list[Turn], list[Speaker]]:
    """Group cues into turns: a named speaker's consecutive cues form one turn; unattributed
    cues form paragraph-sized turns (a pause or a long run ending a sentence breaks them).
    Every cue is kept as a segment of its turn. `captions`: subtitle files, whose
    parentheses hold no dialogue (see `find_annotations`)."""
    speakers = speakers_for(cue.speaker for cue in cues)
    ids = {s.name: s.id for s in speakers}
    turns: list[Turn] = []
    group: list[Cue] = []
    paragraphs: list[list[str]] = [[]]
    words = 0

    def flush() -> None:
        nonlocal group, paragraphs, words
        if group:
            text = "\n\n".join(" ".join(p) for p in paragraphs if p)
            turns.append(
                Turn(
                    speaker=ids.get(group[0].speaker or ""),
                    text=text,
                    start=group[0].start,
                    end=max([cue.end for cue in group]),
                    segments=tuple([Segment(c.start, c.end, c.text, c.words) for c in group]),
                    # [Music], (laughs), [inaudible]
                    annotations=find_annotations(text, captions=captions),
                )
            )
        group, paragraphs, words = [], [[]], 0

    for cue in cues:
        if group:
            previous = group[-1]
            if cue.speaker != previous.speaker or previous.turn_ends or cue.dash:
                flush()
            elif _paragraph_ends(previous, cue, words):
                if cue.speaker is None and not cue.marked:
                    flush()  # unattributed paragraphs are turns of their own
                else:
                    paragraphs.append([])
                    words = 0
        group.append(cue)
        paragraphs[-1].append(cue.text)
        words += cue.text.count(" ") + 1  # cue text is whitespace-normalised
    flush()
    return turns, roles_from_turns(speakers, turns)


def _paragraph_ends(previous: Cue, cue: Cue, words: int) -> bool:
    if cue.start - previous.end > PARAGRAPH_PAUSE:
        return True
    if words >= PARAGRAPH_MAX_WORDS:
        return True
    return words >= PARAGRAPH_WORDS and bool(_SENTENCE_END.search(previous.text))


def language_of(turns: Sequence[Turn]) -> str | None:
    """The language of the words, for sources that do not state it."""
    return detect_language(" ".join(turn.text for turn in turns[:300]))


def loop_warnings(cues: Sequence[Cue], *, timed: bool = True) -> list[str]:
    """Warnings for runs of the same cue repeated many times (kept, but the user should know);
    `timed=False` places them by segment number for sources without times."""
    warnings: list[str] = []
    keys = [_loop_key(cue) for cue in cues]
    run_start = 0
    for index in range(1, len(cues) + 1):
        if index < len(cues) and keys[index] == keys[run_start]:
            continue
        repeats = index - run_start
        if repeats >= LOOP_MIN_REPEATS and keys[run_start]:
            first = cues[run_start]
            where = clock(first.start) if timed else f"segment {run_start + 1}"
            warnings.append(
                f"the same cue is repeated {repeats} times in a row from {where} "
                f"(“{_shorten(first.text)}”): probably a transcription loop; check the audio"
            )
        run_start = index
    if len(warnings) > MAX_LOOP_WARNINGS:  # a report lists a few, and counts the rest
        extra = len(warnings) - MAX_LOOP_WARNINGS
        warnings = [*warnings[:MAX_LOOP_WARNINGS], f"… and {extra} more repeated-cue loops"]
    return warnings


def _loop_key(cue: Cue) -> str:
    """`Thank you.`, `thank you` and `Thank you!` are one repeated cue."""
    return cue.text.casefold().strip(" .,;:!?…-–—\"'“”‘’«»")


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def clock(seconds: float) -> str:
    """`H:MM:SS` (or `M:SS`) for report messages."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


_CLOCK = re.compile(r"(\d+(?::\d+){0,2})(?:[.,](\d+))?")


def parse_clock(value: str) -> float:
    """Seconds from `H:M:S.mmm`, `HH:MM:SS,mmm`, `MM:SS.mmm` (hour-less) or `0:0:0.0` (Teams)."""
    match = _CLOCK.fullmatch(value.strip())
    if match is None:
        raise ValueError(f"not a timestamp: {value!r}")
    clock_part, frac = match.groups()
    whole = 0
    for part in clock_part.split(":"):
        whole = whole * 60 + int(part)
    if not frac:
        return float(whole)
    # One exact division, so "00:00:01,118" gives the same float as 1.118 in a JSON file.
    scale = int(10 ** len(frac))
    return (whole * scale + int(frac)) / scale


# --- SRT / WebVTT scanning --------------------------------------------------------------------


@dataclass(slots=True)
class _Scan:
    cues: list[Cue]
    removed: list[str]
    language: str | None = None
    warnings: list[str] = field(default_factory=list)


#: The longest time `_TIME` matches (`999:999:59.999`).
_TIME_MAX = 14


def timing_after(text: str, done: int) -> re.Match[str] | None:
    """The first match of `_TIMING_PARTS` starting at `done` or later, as `finditer` from
    `done` would find it; found from the next arrow.

    The regex engine has no fast way to the start of a time, so a search visits every
    character (0.9 s for 20 MB). But a timing's arrow (`-->`) is found by a fast substring
    search, and a timing starts at most `_TIME_MAX` characters before the spaces and tabs in
    front of its arrow (a time holds neither, nor the arrow's `-`). No timing can start
    between `done` and there (it would hold that arrow), so the pattern is searched for from
    there, and the match is the one `finditer` would find.
    """
    arrow = text.find("-->", done)
    if arrow == -1:
        return None
    spaces = done + len(text[done:arrow].rstrip(" \t"))
    return _TIMING_PARTS.search(text, max(done, spaces - _TIME_MAX))


def find_timings(text: str) -> list[re.Match[str]]:
    """Every timing in the text: `_TIMING_PARTS.finditer(text)`, through `timing_after`."""
    found: list[re.Match[str]] = []
    match = timing_after(text, 0)
    while match is not None:
        found.append(match)
        match = timing_after(text, match.end())
    return found


#: The numbers a timestamp writes (`7`, `07`, `007` ... `999`): a dict lookup costs a third of
#: `int()`, and a long subtitle file has eight of them per cue.
_NUMBERS = {text: n for n in range(1000) for text in (str(n), f"{n:02d}", f"{n:03d}")}
_SCALES = (1, 10, 100, 1000)


def _seconds(hours: str | None, minutes: str, seconds: str, fraction: str | None) -> float:
    """`parse_clock` for a time already taken apart by `_TIMING_PARTS` (the same arithmetic,
    so the same float)."""
    try:
        whole = _NUMBERS[minutes] * 60 + _NUMBERS[seconds]
        if hours:
            whole += _NUMBERS[hours] * 3600
        if not fraction:
            return float(whole)
        scale = _SCALES[len(fraction)]
        return (whole * scale + _NUMBERS[fraction]) / scale
    except KeyError:  # digits of another script (`\d` reads them too)
        return _seconds_slowly(hours, minutes, seconds, fraction)


def _seconds_slowly(
    hours: str | None, minutes: str, seconds: str, fraction: str | None
) -> float:
    whole = int(minutes) * 60 + int(seconds)
    if hours:
        whole += int(hours) * 3600
    if not fraction:
        return float(whole)
    scale: int = 10 ** len(fraction)
    return (whole * scale + int(fraction)) / scale


def scan_cues(text: str, *, webvtt: bool) -> _Scan:
    """Every cue in an SRT or WebVTT text, in file order, with what was left out.

    Most cues of a long file are plain (`_PLAIN_CUE`): one match reads the cue, with no copy
    of its body, and lands on the next timing. Any other cue takes the full path, which would
    read a plain cue the same way: the timing that `timing_after` finds next is the one the
    plain cue's pattern saw after its body (the body holds no arrow, so no timing starts
    inside it).
    """
    first = timing_after(text, 0)
    blocks: Counter[str] = Counter()
    removed: list[str] = []
    header = text[: first.start()] if first else text
    language = _read_header(header, removed, blocks)
    flattened = (
        first is not None
        and _TWO_ARROWS.search(text) is not None
        and timing_after(text, first.end()) is not None  # more than one timing
    )
    expected_index = _leading_index(header)
    cues: list[Cue] = []
    backwards: list[str] = []
    karaoke = 0
    at = first.start() if first is not None else -1  # where the next timing starts
    while at >= 0:
        plain = None if flattened else _PLAIN_CUE.match(text, at)
        if plain is not None:
            timing, _, sh, sm, ss, sf, _, eh, em, es, ef, words = plain.groups()
            if "-->" not in words and "<" not in words and "{" not in words and "&" not in words:
                start = _seconds(sh, sm, ss, sf)
                end = _seconds(eh, em, es, ef)
                if end < start:
                    backwards.append(timing)
                if "\n" in words:
                    clean = "\n".join(" ".join(line.split()) for line in words.split("\n")
                                      if line.strip())
                else:
                    clean = " ".join(words.split())
                cues.append(Cue(start, max(start, end), clean, None))
                at = plain.end()
                continue
        match = _TIMING_PARTS.match(text, at)
        assert match is not None  # `at` is always where a timing starts
        following = timing_after(text, match.end())
        is_last = following is None
        body_end = len(text) if following is None else following.start()
        at = -1 if following is None else following.start()
        _, sh, sm, ss, sf, _, eh, em, es, ef = match.groups()
        body = text[match.end() : body_end]
        settings = _SETTINGS.match(body)
        body = body[settings.end() :] if settings else body
        if flattened:
            raw = " ".join(body.split())
            if expected_index is not None and not is_last:
                expected_index += 1
                suffix = str(expected_index)
                if raw.endswith(suffix):
                    raw = raw[: -len(suffix)].rstrip()
        else:
            raw = _cue_body(body, is_last=is_last, blocks=blocks)
        start = _seconds(sh, sm, ss, sf)
        end = _seconds(eh, em, es, ef)
        if end < start:
            backwards.append(match.group(0))
        parts = _voiced_parts(raw, webvtt=webvtt)
        if (
            len(parts) == 1
            and cues
            and parts[0] == (cues[-1].speaker, cues[-1].text)
            and parts[0][1]
            and start - cues[-1].end <= KARAOKE_GAP
            and _HIGHLIGHT.search(raw) is not None
        ):
            # karaoke: the line again with the next word highlighted; kept once, to its end
            cues[-1] = replace(cues[-1], end=max(cues[-1].end, start, end))
            karaoke += 1
            continue
        for speaker, clean in parts:
            cues.append(Cue(start, max(start, end), clean, speaker))
    if flattened:
        removed.append("cue numbers of an SRT flattened onto one line")
    if karaoke:
        removed.append(f"{karaoke} karaoke cue{'s' if karaoke > 1 else ''} that only moved the "
                       "highlight to the next word of the same line")
    removed.extend(
        f"{count} {keyword} block{'s' if count > 1 else ''}" for keyword, count in blocks.items()
    )
    warnings = []
    if backwards:  # kept (words are never dropped), with the end set to the start
        count = len(backwards)
        warnings.append(f"{count} cue{'s end' if count > 1 else ' ends'} before "
                        f"{'they start' if count > 1 else 'it starts'} (first: "
                        f"“{backwards[0]}”); kept with the end set to the start")
    return _Scan(cues, removed, language, warnings)


def _leading_index(header: str) -> int | None:
    words = header.split()
    return int(words[-1]) if words and words[-1].isdigit() else None


def _read_header(header: str, removed: list[str], blocks: Counter[str]) -> str | None:
    """The language from a YouTube `Language:` line; counts header NOTE/STYLE blocks and
    reports any other text before the first cue."""
    language = None
    for block in header.split("\n\n"):
        lines = [line.strip() for line in block.strip().split("\n") if line.strip()]
        if not lines:
            continue
        keyword = lines[0].split(" ")[0]
        if keyword in _BLOCK_KEYWORDS:
            blocks[keyword] += 1
            continue
        in_style = False
        in_webvtt_header = lines[0].startswith("WEBVTT")  # header runs to the first blank line
        for line in lines:
            if in_style or line == "Style:":  # youtube-dl writes `Style:` ... `##` headers
                if line == "Style:":
                    blocks["STYLE"] += 1
                in_style = line != "##"
                continue
            if line.startswith("WEBVTT") or line.isdigit():
                continue
            if line.startswith("Language:"):
                language = line.partition(":")[2].strip() or None
            if in_webvtt_header or line.startswith(("Kind:", "Language:")):
                removed.append(f"WebVTT header line “{_shorten(line)}”")
            else:
                removed.append(f"text before the first cue: “{_shorten(line)}”")
    return language


def _cue_body(body: str, *, is_last: bool, blocks: Counter[str]) -> str:
    """The cue's text from what follows its timing line, up to the next timing line."""
    # Only truly empty lines separate blocks: YouTube cues contain lines of one space.
    stripped = body.strip("\n")
    parts = [block.split("\n") for block in _BLANK_LINES.split(stripped)] if stripped else []
    # An identifier sits on the line right above the next timing line, with no blank between.
    has_identifier = not is_last and not body.endswith("\n\n")
    kept: list[str] = []
    for position, part in enumerate(parts):
        if position > 0:
            keyword = part[0].strip().split(" ")[0]
            if keyword in _BLOCK_KEYWORDS:
                blocks[keyword] += 1
                continue
            if position == len(parts) - 1 and has_identifier and len(part) == 1:
                continue  # the next cue's identifier ("2", "intro")
        kept.extend(part)
    if not is_last and len(parts) == 1 and len(kept) > 1 and kept[-1].strip().isdigit():
        kept.pop()  # the next cue's SRT index, glued on by a cue with no blank line after it
    return "\n".join(kept)


def _voiced_parts(raw: str, *, webvtt: bool) -> list[tuple[str | None, str]]:
    """A cue split at its voice tags: `<v Ann>Hi</v><v Bob>Hello</v>` is two speakers."""
    voices = list(_VOICE.finditer(raw))
    if len(voices) <= 1:
        return [_clean_cue(raw, webvtt=webvtt)]
    bounds = [0] + [v.start() for v in voices[1:]] + [len(raw)]
    return [_clean_cue(raw[a:b], webvtt=webvtt) for a, b in pairwise(bounds)]


def _clean_cue(raw: str, *, webvtt: bool) -> tuple[str | None, str]:
    """(voice/speaker, plain text) of a cue's raw text."""
    if "<" not in raw and "{" not in raw and "&" not in raw:  # most cues: plain words
        return None, "\n".join(" ".join(line.split()) for line in raw.split("\n") if line.strip())
    voice = _VOICE.search(raw)
    speaker = " ".join(voice.group(1).split()) if voice else None
    text = _TAG.sub("", raw)
    text = _ASS_OVERRIDE.sub("", text)
    if webvtt:
        text = html.unescape(text)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return speaker, "\n".join(line for line in lines if line)


def drop_rolling_duplicates(cues: list[Cue]) -> tuple[list[Cue], int]:
    """YouTube auto-captions repeat the previous cue's lines at the top of each cue; keep only
    the new lines. Returns the cues left and how many cues were pure repeats."""
    result: list[Cue] = []
    previous: list[str] = []
    dropped = 0
    for cue in cues:
        lines = cue.text.split("\n") if cue.text else []
        overlap = 0
        for size in range(min(len(lines), len(previous)), 0, -1):
            if lines[:size] == previous[-size:]:
                overlap = size
                break
        new_lines = lines[overlap:]
        if lines:
            previous = lines
        if not new_lines:
            dropped += 1
            continue
        result.append(Cue(cue.start, cue.end, " ".join(new_lines), cue.speaker))
    return result, dropped


def _is_rolling(text: str, cues: Sequence[Cue]) -> bool:
    """Rolling captions: inline word timestamps (YouTube), or most multi-line cues starting
    with the previous cue's last line."""
    if re.search(r"<\d+:\d+(?::\d+)?[.,]\d+>", text):
        return True
    multi = rolled = 0
    for before, cue in pairwise(cues):
        lines = cue.text.split("\n")
        if len(lines) > 1:
            multi += 1
            rolled += before.text != "" and lines[0] == before.text.split("\n")[-1]
    return multi >= 3 and rolled * 2 >= multi


#: `Name: words` or `[SPEAKER_00]: words` opening a cue (Zoom transcripts, WhisperX SRT).
# `>> JANE: …` (broadcast captions mark the change of speaker with chevrons) is a label too
# `(Name): words` wraps the name in parentheses (Able Player's Arabic captions)
_CUE_LABEL = re.compile(
    r"^(?:>>+\s*)?(?:\[(?P<bracketed>[^\]\n]{1,40})\]|\((?P<parened>[^)\n]{1,40})\)"
    r"|(?P<name>[^\W\d][\w.'’ -]{0,38}?))"
    r"\s*:\s+(?P<text>\S.*)$",
    re.DOTALL,
)


def _label_of(match: re.Match[str]) -> str:
    return (match["bracketed"] or match["parened"] or match["name"]).strip()


_DASHES = "-‐‑–—"
_DASH_LINE = re.compile(rf"^[{_DASHES}]\s+(?=\S)")


def split_dialogue_dashes(cues: list[Cue]) -> list[Cue]:
    """Subtitle dialogue: a cue of `- It is me.` / `- Oh, come in.` lines is several people
    talking, none of them the speaker labelled before. The cue stays one segment but becomes
    a turn of its own with no speaker, each dashed line a paragraph."""
    result: list[Cue] = []
    for cue in cues:
        if cue.speaker or cue.text[:1] not in _DASHES:  # `_DASH_LINE` needs one first
            result.append(cue)
            continue
        lines = cue.text.split("\n")
        if not _DASH_LINE.match(lines[0]):
            result.append(cue)
            continue
        pieces: list[list[str]] = []
        for line in lines:
            dashed = _DASH_LINE.match(line)
            if dashed or not pieces:
                pieces.append([line[dashed.end():] if dashed else line])
            else:
                pieces[-1].append(line)  # a dashed line wrapped onto the next display line
        text = "\n\n".join(" ".join(piece) for piece in pieces)
        result.append(Cue(cue.start, cue.end, text, None, turn_ends=True, dash=True))
    return result


def split_cue_labels(cues: list[Cue]) -> list[Cue]:
    """Speaker labels written into the cue text, when most cues carry one: the label becomes
    the cue's speaker, and an unlabelled cue continues the previous speaker's sentence."""
    if not cues:
        return cues
    if any(cue.speaker for cue in cues):
        return carry_voices(cues)  # voice tags already name the speakers
    found = [  # (a label needs its colon: most cues are not searched at all)
        None if cue.dash or ":" not in cue.text else _CUE_LABEL.match(cue.text) for cue in cues
    ]
    labels = [_label_of(m) for m in found if m]
    distinct = {label.strip() for label in labels}
    plain = sum(1 for cue in cues if not cue.dash)  # dialogue dashes seldom carry a label
    if len(labels) * 2 < plain or len(distinct) > max(10, len(labels) // 3):
        # occasional "Note: …" in the words is not a speaker label; subtitle tags are
        return split_cue_tags(cues)
    result: list[Cue] = []
    speaker: str | None = None
    for cue, match in zip(cues, found, strict=True):
        text = cue.text
        if match:
            speaker = _label_of(match)
            text = match["text"].strip()
        elif cue.dash:
            speaker = None  # a dialogue dash: someone else speaks, name unknown
        result.append(Cue(cue.start, cue.end, text, speaker, cue.turn_ends, cue.dash))
    return result


def carry_voices(cues: list[Cue]) -> list[Cue]:
    """A voice tag left open (`<v Michael Young> We are committed…` and no `</v>`) names the
    untagged cues after it too: caption authors write the voice once per speaker, not once
    per cue. A dialogue dash (someone else, unnamed) stops the carry."""
    result: list[Cue] = []
    voice: str | None = None
    for cue in cues:
        if cue.speaker:
            voice = cue.speaker
        elif cue.dash:
            voice = None
        elif voice:
            cue = replace(cue, speaker=voice)
        result.append(cue)
    return result


_SENTENCE_DASH = re.compile(r"(?<=[.?!…])[ \t]+[-‐‑–—][ \t]+(?=\S)")


def dashes_as_chevrons(cues: list[Cue]) -> list[Cue]:
    """A dash opening a cue is one of two things, and the file's own habit tells which.
    Film subtitles put both sides of an exchange in one cue, a dash before each line
    (`- It is me.` / `- Oh, come in.`): most dashed cues hold two dashed lines. Live and
    podcast captions open a cue with a dash when the speaker changes and let the words run
    on into the cues after it (`- Good, thanks for having us.`): most dashed cues hold one.
    In the second kind the dash is a speaker-change mark like `>>`, and so is a dash after a
    sentence end inside the cue (`- Right. - Yeah.`); they are rewritten as `>>`."""
    dashed = [cue for cue in cues if _DASH_LINE.match(cue.text)]
    pairs = sum(1 for cue in dashed if any(_DASH_LINE.match(line)
                                           for line in cue.text.split("\n")[1:]))
    if len(dashed) < CHEVRON_MIN_CUES or pairs * 2 >= len(dashed):
        return cues
    result: list[Cue] = []
    for cue in cues:
        if _DASH_LINE.match(cue.text):
            text = _SENTENCE_DASH.sub(" >> ", ">> " + _DASH_LINE.sub("", cue.text, count=1))
            cue = replace(cue, text=text)
        result.append(cue)
    return result


_CHEVRON = re.compile(r"\s*(?<!>)>>+\s*")
#: Cues with `>>` before the file counts as live captions whose chevrons mark speakers.
CHEVRON_MIN_CUES = 3


#: `NAME:` opening the words after a chevron (`>> SHADI ABOU-ZAHRA: The Portuguese…`): the
#: captioner names the speaker; capitalised words, at most five, then the colon.
_CHEVRON_NAME = re.compile(
    r"^(?P<name>[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,4})[ \t]*:[ \t]*(?P<rest>.*)$",
    re.DOTALL,
)


def split_chevrons(cues: list[Cue]) -> list[Cue]:
    """Live captions in a subtitle file: `>>` (even mid-cue, even `&gt;&gt;` once unescaped)
    marks a change of speaker, named (`>> JANE DOE: words`) or not. The chevrons and names
    come out of the words; each piece after one starts a new turn, the cues after it go on
    with the same speaker, and pauses no longer cut turns."""
    if sum(1 for cue in cues if ">>" in cue.text) < CHEVRON_MIN_CUES:
        return cues
    result: list[Cue] = []
    current: str | None = None  # who the last chevron named (None: unnamed, or not yet)
    for cue in cues:
        head, *rest = _CHEVRON.split(cue.text)
        if not rest:
            result.append(replace(cue, speaker=cue.speaker or current, marked=True))
            continue
        if head.strip():
            result.append(replace(cue, text=head.strip(), speaker=cue.speaker or current,
                                  turn_ends=True, marked=True))
        elif result:
            result[-1] = replace(result[-1], turn_ends=True)
        for index, piece in enumerate(rest):
            last = index == len(rest) - 1
            ends = cue.turn_ends if last else True
            speaker = cue.speaker if not head.strip() and index == 0 else None
            named = _CHEVRON_NAME.match(piece.strip())
            if named is not None:
                speaker, piece = named["name"], named["rest"]
            current = speaker
            result.append(Cue(cue.start, cue.end, piece.strip(), speaker, ends, marked=True))
    return [cue for cue in result if cue.text]


def split_cue_tags(cues: list[Cue]) -> list[Cue]:
    """Subtitle speaker tags (`[Alba] En 1928,`, `(MARGA) Ya.`) opening a cue, when the file's
    own grammar says that wrapper names people (two or more, one coming back; never a sound
    cue such as `[suspira]` or `[MUSIC]`): the tag becomes the speaker of its cue and of the
    untagged cues after it, until a dialogue dash or another tag."""
    opening = [cue.text.split("\n", 1)[0] for cue in cues if not cue.dash]
    tagged = [line for line in opening if line.lstrip()[:1] in "[("]
    if len(tagged) < 3:
        return cues  # too few cues open with a bracket for any tag to repeat
    grammar = learn_lines(tagged)
    if not grammar.wrappers & {"[]", "()"}:
        return cues
    result: list[Cue] = []
    speaker: str | None = None
    for cue in cues:
        if cue.dash:  # `- [Carlos] Qué sorpresa…` / `- [Alba] Sí`: each line its own voice
            speaker = None
            lines = [read_line(piece) for piece in cue.text.split("\n\n")]
            if not any(grammar.label(line) for line in lines):
                result.append(cue)
                continue
            for line, piece in zip(lines, cue.text.split("\n\n"), strict=True):
                label = grammar.label(line)
                words = line.text if label is not None else piece
                name = label.name if label is not None else None
                result.append(Cue(cue.start, cue.end, words, name, True, True))
            continue
        first, newline, more = cue.text.partition("\n")
        read = read_line(first)
        label = grammar.label(read)
        text = cue.text
        if label is not None:
            speaker = label.name
            text = read.text + newline + more
        result.append(Cue(cue.start, cue.end, text, speaker, cue.turn_ends, cue.dash))
    return result


# --- the importers ----------------------------------------------------------------------------


class _SubtitleImporter:
    format: str
    label: str
    extensions: tuple[str, ...]
    webvtt: bool

    def parse(self, doc: SourceDocument) -> Parsed:
        if doc.text is None:
            raise ValueError("not text")
        scan = scan_cues(doc.text, webvtt=self.webvtt)
        removed = list(scan.removed)
        cues = scan.cues
        if self.webvtt and _is_rolling(doc.text, cues):
            cues, dropped = drop_rolling_duplicates(cues)
            if dropped:
                removed.append(f"{dropped} rolling-caption cue{'s' if dropped > 1 else ''} that "
                               "only repeated earlier lines")
        cues = split_dialogue_dashes(dashes_as_chevrons(cues))
        # A cue's lines are display lines, not paragraphs: they join with a space.
        cues = [Cue(c.start, c.end, c.text.replace("\n", " "), c.speaker)
                if "\n" in c.text and not c.dash else c for c in cues]
        empty = sum(1 for c in cues if not c.text)
        if empty:
            removed.append(f"{empty} empty cue{'s' if empty > 1 else ''}")
        cues = split_chevrons(split_cue_labels([c for c in cues if c.text]))
        turns, speakers = build_turns(cues, captions=True)
        return Parsed(
            turns=turns,
            speakers=speakers,
            metadata=Metadata(language=scan.language or language_of(turns)),
            removed=removed,
            warnings=scan.warnings + loop_warnings(cues),
        )


_SRT_START = re.compile(r"\A\s*\d+\s*\n\s*\d{1,3}:\d{1,2}:\d{1,2}[,.]\d{1,3}[ \t]*-->")


class SrtImporter(_SubtitleImporter):
    """SubRip subtitles (`HH:MM:SS,mmm --> HH:MM:SS,mmm`), including flattened files."""

    format = "srt"
    label = "SRT subtitles"
    extensions = (".srt",)
    webvtt = False

    def score(self, doc: SourceDocument) -> float:
        text = doc.text
        if text is None:
            return 0.0
        head = text[:20000]
        if head.lstrip().startswith("WEBVTT"):
            return 0.0
        if _SRT_START.match(head):
            return 0.95
        timings = _TIMING.findall(head)
        if not timings:
            return 0.0
        if any("," in start for start, _ in timings):
            return 0.9
        return 0.6 if doc.suffix == ".srt" else 0.5


class WebVttImporter(_SubtitleImporter):
    """WebVTT captions: voice tags, Teams and YouTube quirks, NOTE/STYLE/REGION blocks."""

    format = "webvtt"
    label = "WebVTT captions"
    extensions = (".vtt",)
    webvtt = True

    def score(self, doc: SourceDocument) -> float:
        text = doc.text
        if text is None:
            return 0.0
        head = text[:20000]
        if head.lstrip().startswith("WEBVTT"):
            return 0.97
        timings = _TIMING.findall(head)
        if not timings or _SRT_START.match(head):
            return 0.0
        if any("," in start for start, _ in timings):
            return 0.0
        return 0.7 if (doc.suffix == ".vtt" or "<v " in head) else 0.55


IMPORTERS = (SrtImporter(), WebVttImporter())
