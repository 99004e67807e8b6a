"""Step 2a of the text engine: the file's own label grammar, learned from its statistics.

Which wrappers mark a speaker in this file (`**Full Name** words`, `[Name] words`,
`(NAME) words`, `Q words` with one space, `Mr. NAME. words` with a period) and which bare
times are the tool's marks (`01:44` at the start or the end of lines) is decided by
repetition, never by one line: a wrapped head is a label when heads of that wrapper name at
least two people and one of them comes back; a bare time is a mark when it starts (or ends)
many lines.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from desktop.core.importers.cleanup import annotation_kind
from desktop.core.importers.speakers import Label, parse_label, split_inline
from desktop.core.importers.text.lines import (
    LEADING_BARE_TIME,
    TRAILING_BARE_TIME,
    Line,
    TimeHabits,
    clean_marks,
    read_line,
)

#: Evidence for bare times as the tool's marks: lines with one, and their share of lines.
TIME_MARKS_MIN_LINES = 3
TIME_MARKS_MIN_SHARE = 0.1
#: Evidence for a wrapper as a label mark: heads, distinct people, a person who comes back.
HEADS_MIN = 3
HEADS_MIN_PEOPLE = 2
Q_MIN = 3


@dataclass(frozen=True, slots=True)
class Grammar:
    """What marks a speaker and a time in one file."""

    habits: TimeHabits = field(default_factory=TimeHabits)
    #: Wrappers (`**`, `[]`, `()`, `Q `, `. `) whose heads are labels in this file.
    wrappers: frozenset[str] = frozenset()
    #: Keys of `Name:` line starts that break the file's label form: said once, in mixed
    #: case, in a file whose labels are capitals (`Argentina: There are reports…` on a
    #: wrapped line of a White House briefing is words, not a speaker).
    rare: frozenset[str] = frozenset()
    #: Keys of the heads that open lines with a spaced dash as labels (`Q - `, `A - `,
    #: `Stephan Livera - `): only these, so `Yes - indeed` stays words.
    dashed: frozenset[str] = frozenset()
    #: Keys the file uses as labels again and again (`LH: words` many times): the same key
    #: alone on its line (`LH:`, the words below) is that speaker too.
    known: frozenset[str] = frozenset()

    def rejects(self, label: Label) -> bool:
        """A `Name:` line start that this file's label form says is words."""
        return label.key in self.rare

    def label(self, line: Line) -> Label | None:
        """The speaker label a line's wrapped head stands for, or None."""
        if line.head is None or line.wrapper not in self.wrappers:
            return None
        label = head_label(line)
        if line.wrapper in ("- ", "— ") and (label is None or label.key not in self.dashed):
            return None
        return label


def head_label(line: Line) -> Label | None:
    """A wrapped head read as a label (never an annotation such as `[Music]` or `(laughs)`)."""
    if line.head is None or not line.text.strip():
        return None
    if line.wrapper == "Q ":
        return Label(raw="Q", name="Q")
    if line.wrapper in ("[]", "()") and annotation_kind(line.head) is not None:
        return None
    if line.wrapper == "()" and not line.head.isupper():
        return None  # `(softly) words`: an aside; subtitle tags in parentheses are capitals
    if line.wrapper == ". ":
        # `The SPEAKER pro tempore (Mr. Foley)`: the office speaks; who holds it is a note
        name, _, held = line.head.partition(" (")
        notes = (held.rstrip(")"),) if held else ()
        return Label(raw=line.head, name=" ".join(name.split()), notes=notes)
    return parse_label(line.head)


_SAMPLE = 400_000
#: First characters of a line that may open with a wrapped head (`**`, `__`, `[`, `(`, `Q`).
_HEAD_STARTS = frozenset("*_[(Q")


@lru_cache(maxsize=8)
def learn(text: str) -> Grammar:
    """The grammar of `text` (its first 400 KB: enough to see what repeats)."""
    lines = [line for line in text[:_SAMPLE].split("\n") if line.strip()]
    return learn_lines(lines)


def learn_lines(lines: Iterable[str]) -> Grammar:
    """The grammar of these non-blank lines."""
    # cue timing lines (`00:00:01,000 --> …`) and cue numbers are neither labels nor marks
    cleaned = [clean_marks(line) for line in lines if "-->" not in line and not line.isdigit()]
    total = max(1, len(cleaned))
    leading = sum(
        1 for line in cleaned if line.lstrip()[:1].isdigit() and LEADING_BARE_TIME.match(line)
    )
    trailing = sum(1 for line in cleaned if line.rstrip()[-1:].isdigit() and _ends_with_time(line))
    habits = TimeHabits(
        leading=leading >= TIME_MARKS_MIN_LINES and leading >= total * TIME_MARKS_MIN_SHARE,
        trailing=trailing >= TIME_MARKS_MIN_LINES and trailing >= total * TIME_MARKS_MIN_SHARE,
    )
    heads: dict[str, Counter[str]] = {}
    for raw in cleaned:
        first = raw.lstrip()[:1]
        if not (first in _HEAD_STARTS or first.isdigit()
                or (first.isupper() and ". " in raw[:60])):
            continue  # no wrapped head can open this line (the fast path)
        line = read_line(raw, habits)
        label = head_label(line)
        if label is not None:
            heads.setdefault(line.wrapper, Counter())[label.key] += 1
    wrappers = set()
    for wrapper, keys in heads.items():
        count = sum(keys.values())
        if wrapper == "Q ":
            if count >= Q_MIN:
                wrappers.add(wrapper)
        elif count >= HEADS_MIN and len(keys) >= HEADS_MIN_PEOPLE and max(keys.values()) >= 2:
            wrappers.add(wrapper)
    rare, colons = _rare_labels(cleaned, habits)
    known = {key for key, count in colons.items() if count >= 2 and key not in rare}
    for wrapper in wrappers:
        known |= set(heads[wrapper])
    dashed = _dashed_labels(cleaned, habits, frozenset(known))
    if dashed:
        wrappers |= {"- ", "— "}
        habits = TimeHabits(habits.leading, habits.trailing, dashes=True)
    return Grammar(habits, frozenset(wrappers), rare, dashed, frozenset(known))


#: Evidence for `Head - words` as a label: lines, heads that come back, and the share of the
#: lines a head opens that go on with the dash (a label always does; `Yes`, `So` do not).
DASH_MIN_LINES = 4
DASH_MIN_PEOPLE = 2
DASH_MIN_SHARE = 0.8
_DASHES = (" - ", " – ", " — ", "\t- ", " -\t")


def _dashed_labels(
    cleaned: list[str], habits: TimeHabits, known: frozenset[str] = frozenset()
) -> frozenset[str]:
    """Keys of the heads this file writes as `Head - words` labels.

    A dash also opens lists (`- item`), joins words (`well-known`) and marks an aside
    (`So - anyway`), so one line proves nothing: a head is a label when it opens at least two
    lines with the dash, at least two such heads do (a conversation), and nearly every line
    the head opens goes on with the dash (a label is always followed by its delimiter; a
    word that opens sentences is not). A label the file already uses (`Q  words`,
    `MR. SULLIVAN:  words`) followed by any dash is that speaker going on after being cut off
    (`Q — and what progress you made?`), as White House transcripts write it; an em dash after
    any other head is prose (`Yes — quite a lot`)."""
    counts: Counter[str] = Counter()
    seen_known: set[str] = set()
    names: dict[str, str] = {}
    dash_habits = TimeHabits(habits.leading, habits.trailing, dashes=True)
    for raw in cleaned:
        probe = raw[:70]
        if not any(d in probe for d in _DASHES):
            continue
        line = read_line(raw, dash_habits)
        if line.wrapper not in ("- ", "— ") or line.head is None:
            continue
        label = head_label(line)
        if label is None:
            continue
        if label.key in known:
            seen_known.add(label.key)
        elif line.wrapper == "- ":
            counts[label.key] += 1
            names.setdefault(label.key, line.head)
    repeated = {key for key, count in counts.items() if count >= 2}
    if len(repeated) < DASH_MIN_PEOPLE or sum(counts[k] for k in repeated) < DASH_MIN_LINES:
        return frozenset(seen_known)
    opens: Counter[str] = Counter()
    heads = {names[key]: key for key in repeated}
    for raw in cleaned:
        text = raw.lstrip(" \t*_>")
        for head, key in heads.items():
            if text.startswith(head) and not text[len(head) : len(head) + 1].isalnum():
                opens[key] += 1
    kept = frozenset(key for key in repeated if counts[key] >= DASH_MIN_SHARE * opens[key])
    return (kept if len(kept) >= DASH_MIN_PEOPLE else frozenset()) | seen_known


#: Evidence for a file's labels being capitals: label lines, and the share in capitals.
CAPS_MIN_LABELS = 6
CAPS_MIN_SHARE = 0.8


def _rare_labels(
    cleaned: list[str], habits: TimeHabits
) -> tuple[frozenset[str], Counter[str]]:
    """Keys of `Name:` starts that are words in this file, and how often each key opens a
    line as a label."""
    counts: Counter[str] = Counter()
    links: Counter[str] = Counter()
    capitals: dict[str, bool] = {}
    names: dict[str, str] = {}
    inline: Counter[str] = Counter()
    late: set[str] = set()  # keys first met after paragraphs of unlabelled prose
    prose = 0
    for raw in cleaned:
        if ":" not in raw[:130] and "：" not in raw[:130]:
            if len(raw) >= PROSE_MIN_CHARS and raw.count(" ") >= PROSE_MIN_SPACES:
                prose += 1
            continue
        plain = read_line(raw, habits).plain
        heading = _HEADING_MARK.match(plain)
        found = split_inline(plain[heading.end() :] if heading else plain)
        if found is None or not (found.rest or heading):
            continue  # (a `### name：` heading labels the words below it)
        counts[found.label.key] += 1
        names[found.label.key] = found.label.name
        if not heading:
            inline[found.label.key] += 1
        if prose >= LATE_MIN_PROSE and counts[found.label.key] == 1:
            late.add(found.label.key)
        if _URL_ONLY.match(found.rest):
            links[found.label.key] += 1
        if any(c.isupper() or c.islower() for c in found.label.name):  # caseless: neutral
            capitals[found.label.key] = found.label.name == found.label.name.upper()
    rare = set(_long_caseless(counts, names))
    # `Slides: https://…`, `Video: <https://…>`: a key that only ever heads an address is a
    # link field of the page, never a speaker (a person who also says words keeps the label)
    rare |= {key for key, count in links.items() if count == counts[key]}
    if not inline or max(inline.values()) == 1:
        # no `Name: words` start comes back: a mixed-case one met only after paragraphs of
        # unlabelled prose opens a sentence of that prose (`Reframe: the importance of…`,
        # `Exhibit A: deepfakes.`) or heads a section of notes (`## Steps:`); a label that
        # opens a speech comes before it, and a one-off office in capitals (`THE PRESIDENT:`
        # after a page's lede) stays a label
        rare |= {key for key in late if capitals.get(key) is False and counts[key] == 1}
    if (
        len(counts) >= FIELDS_MIN_KEYS
        and max(counts.values()) == 1
        and sum(counts.values()) * 3 < len(cleaned)
    ):
        # no `Key:` start comes back and they are few: header fields (`Location: …`,
        # `Slides: …`) or sentence openings, never the labels of a conversation
        rare |= set(counts)
    total = sum(count for key, count in counts.items() if key in capitals)
    in_caps = sum(count for key, count in counts.items() if capitals.get(key))
    if total >= CAPS_MIN_LABELS and in_caps >= total * CAPS_MIN_SHARE:
        rare |= {key for key, count in counts.items() if count == 1 and capitals.get(key) is False}
    return frozenset(rare), counts


#: Unlabelled prose lines (long, with many words) before a one-off `Word:` start reads as a
#: sentence of that prose rather than a speaker.
LATE_MIN_PROSE = 3
PROSE_MIN_CHARS = 80
PROSE_MIN_SPACES = 10
#: Distinct one-off `Key:` starts, and nothing else, before they read as header fields.
FIELDS_MIN_KEYS = 3
#: Names in scripts without case (Chinese, Japanese, Korean) run two to four characters.
CASELESS_NAME_MAX = 4


def _long_caseless(counts: Counter[str], names: dict[str, str]) -> list[str]:
    """One-off `…：` starts in a script without case that are longer than every repeated
    label: sentence openings (`第一個問題：`, `其實之前也有發布一篇網誌：`), not names."""
    caseless = {key for key, name in names.items() if not any(c.isupper() or c.islower()
                                                              for c in name)}
    repeated = [len(names[key]) for key in caseless if counts[key] >= 2]
    if not repeated or max(repeated) > CASELESS_NAME_MAX:
        return []
    longest = max(repeated)
    return [key for key in caseless if counts[key] == 1 and len(names[key]) > longest]


_URL_ONLY = re.compile(r"^[<(]?(?:https?://|www\.)\S+?[>)]?\s*$")
_HEADING_MARK = re.compile(r"^\s*#{1,6}\s+")
_TIME_ONLY = re.compile(r"^\s*[\[(]?(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?[\])]?\s*$")


def _ends_with_time(line: str) -> bool:
    """`words 01:44`, but not a time alone nor an Otter header (`Jane Smith  0:49`)."""
    tail = TRAILING_BARE_TIME.search(line)
    if tail is None or _TIME_ONLY.match(line):
        return False
    return parse_label(line[: tail.start()].strip().rstrip(":：")) is None
