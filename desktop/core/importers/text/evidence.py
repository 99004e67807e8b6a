"""Detection as declared evidence: one table per text shape, read top to bottom.

Each importer's score is the score of the first rule whose evidence holds for the file's
`Shape` (label lines of each kind, counted once per document), times every penalty whose
evidence holds. A change in routing is one visible line in one table, and `explain` says
which rule decided (`python benchmarks/score_matrix.py` prints them for the corpus).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from desktop.core.importers.text.shape import (
    Shape,
    is_cart,
    names_alone_lead,
    one_voice_speech,
    short_exchange,
)


@dataclass(frozen=True, slots=True)
class Rule:
    """Evidence (`holds`), what it says (`why`) and the score it gives."""

    why: str
    holds: Callable[[Shape], bool]
    score: float | Callable[[Shape], float]

    def value(self, shape: Shape) -> float:
        """The rule's score for this shape."""
        return self.score(shape) if callable(self.score) else self.score


@dataclass(frozen=True, slots=True)
class Table:
    """One shape's rules (first that holds wins) and penalties (all that hold multiply)."""

    rules: tuple[Rule, ...]
    penalties: tuple[Rule, ...] = ()

    def score(self, shape: Shape) -> float:
        """How well the shape fits: 0 cannot, 1 certain."""
        rule = self.explain(shape)
        if rule is None:
            return 0.0
        value = rule.value(shape)
        for penalty in self.penalties:
            if value and penalty.holds(shape):
                value *= penalty.value(shape)
        return value

    def explain(self, shape: Shape) -> Rule | None:
        """The rule that decides this shape's score, or None (score 0)."""
        return next((rule for rule in self.rules if rule.holds(shape)), None)


def _always(_: Shape) -> bool:
    return True


def _labelled_density(shape: Shape) -> float:
    """More `NAME: text` lines per paragraph, more certain; less when lone labels dominate."""
    base = 0.4 + min(0.25, shape.inline / max(1, shape.paragraphs) / 2)
    return base - 0.2 if shape.alone > shape.inline else base


#: Subtitle cue lines (`-->`) mean the file belongs to the timed importers.
TIMED_CUES = Rule("subtitle cue lines (`-->`)", lambda s: s.cue_arrows >= 2, 0.1)

LABELLED = Table(
    rules=(
        Rule("`>>` marks most speaker changes: captions", is_cart, 0.0),
        Rule("names alone without colons (`MR. SMITH`) repeat", names_alone_lead, 0.6),
        Rule(
            "one `NAME:` label at the top, then unlabelled paragraphs: one person's speech",
            one_voice_speech,
            0.35,
        ),
        Rule("fewer than two `NAME: text` lines", lambda s: s.inline < 2, 0.0),
        Rule(
            "no label repeats and too few lines for a short exchange",
            lambda s: s.inline_repeated == 0 and s.inline < 4 and not short_exchange(s),
            0.0,
        ),
        Rule("`NAME: text` lines (more per paragraph, more certain)", _always, _labelled_density),
    ),
    penalties=(TIMED_CUES,),
)

CAPTIONS = Table(
    rules=(Rule("`>>` starts most speaker changes", is_cart, 0.5),),
    penalties=(TIMED_CUES,),
)

MARKDOWN = Table(
    rules=(
        Rule("subtitle cue lines (`-->`)", lambda s: s.cue_arrows >= 2, 0.0),
        Rule("`### name:` speaker headings", lambda s: s.markdown_labels >= 2, 0.8),
        Rule(
            "Markdown opening, speaker-and-time lines (`**Name:** 00:00:00`)",
            lambda s: s.markdown_start and s.otter_headers >= 2,
            0.85,
        ),
        Rule(
            "Markdown opening, `Name: text` lines outnumber lone labels",
            lambda s: s.markdown_start and s.inline >= 2 and s.inline >= s.alone,
            0.7,
        ),
        Rule(
            "Markdown opening and no labels at all: a talk or an essay",
            lambda s: s.markdown_start and not (s.inline or s.alone or s.otter_headers),
            0.3,
        ),
    ),
)

NEWS = Table(
    rules=(
        Rule("fewer than two lone `Name:` labels", lambda s: s.alone < 2, 0.0),
        Rule("lone labels fewer than inline ones", lambda s: s.alone < s.inline, 0.0),
        Rule("subtitle cue lines (`-->`)", lambda s: s.cue_arrows >= 2, 0.0),
        Rule(
            "speaker-and-time or Markdown heading labels outnumber lone labels",
            lambda s: s.otter_headers > s.alone or s.markdown_labels > s.alone,
            0.0,
        ),
        Rule("`Name, affiliation:` alone on a line, words below", _always, 0.75),
    ),
)

OTTER = Table(
    rules=(
        Rule("fewer than two `Name  0:49` header lines", lambda s: s.otter_headers < 2, 0.0),
        Rule("subtitle cue lines (`-->`)", lambda s: s.cue_arrows >= 2, 0.0),
        Rule(
            "`Name: text` lines or Markdown speaker headings outnumber the headers",
            lambda s: s.otter_headers < s.inline or s.otter_headers < s.markdown_labels,
            0.0,
        ),
        Rule("`Name  0:49` header lines, words below", _always, 0.8),
    ),
)
