"""The reader inserts words in short same-format runs (see "Memory" in `views/reader.py`):
the text, its positions and its look are unchanged; only Qt's shaping runs are shorter."""

from __future__ import annotations

import itertools
from dataclasses import replace
from typing import Any

from PySide6.QtGui import QTextBlock, QTextCharFormat, QTextFormat

from desktop.core.model import Turn
from desktop.ui.main_window import MainWindow
from desktop.ui.views import reader as reader_module
from tests.ui.conftest import make_interview

LONG = " ".join(f"word{i} and the consequences of it" for i in range(120))  # ~4,000 chars
NO_SPACES = "这是一个没有空格的很长的句子" * 40  # Chinese: no space to cut after
URL = "https://www.example.org/a/very/long/path/to/a/transcript/page.html"
WITH_URL = "See the full text at " + URL + " for the rest of what was said that day."


def runs(block: QTextBlock) -> list[tuple[str, bool]]:
    """The block's fragments: (text, is the twin format)."""
    out = []
    it = block.begin()
    while not it.atEnd():
        fragment = it.fragment()
        twin = fragment.charFormat().hasProperty(reader_module._TWIN_PROPERTY)
        out.append((fragment.text(), twin))
        it += 1
    return out


def block_of(window: MainWindow, turn: int) -> QTextBlock:
    start, _ = window.reader.turn_position(turn) or (0, 0)
    return window.reader.document().findBlock(start)


def test_long_turns_are_inserted_in_short_runs_that_keep_the_text_exact(
    qtbot: Any, window: MainWindow
) -> None:
    base = make_interview()
    transcript = replace(base, sections=(), turns=(
        Turn("efi", LONG), Turn("blinken", NO_SPACES), Turn("efi", "Short question?"),
        Turn("blinken", WITH_URL)))
    window.show_transcript(transcript)
    qtbot.waitUntil(lambda: not window.reader.is_building(), timeout=10_000)

    long_runs = runs(block_of(window, 0))
    assert "".join(text for text, _ in long_runs) == LONG  # nothing added, lost or moved
    assert len(long_runs) > len(LONG) // (2 * reader_module.SHAPING_RUN_CHARS)
    # Short words: every run within the limit (HarfBuzz then keeps its smallest buffer).
    assert max(len(text) for text, _ in long_runs) <= reader_module.SHAPING_RUN_CHARS
    for (text, twin), (_, next_twin) in itertools.pairwise(long_runs):
        assert text.endswith(" ")  # cut after a space: never inside a word
        assert twin != next_twin  # neighbours differ, so Qt cannot merge them into one run
    # Text without spaces is never cut (a cut could split a cluster or a word).
    assert runs(block_of(window, 1)) == [(NO_SPACES, False)]
    # A word longer than the limit stays whole: its run ends at the space after it.
    url_runs = [text for text, _ in runs(block_of(window, 3))]
    assert "".join(url_runs) == WITH_URL
    assert any(URL in text for text in url_runs)
    # Positions still map to the turn's characters one to one.
    start, end = window.reader.turn_position(0) or (0, 0)
    assert end - start == len(LONG)
    assert window.reader.document().toPlainText().count(LONG) == 1


def test_a_twin_format_looks_exactly_like_its_format(qtbot: Any, window: MainWindow) -> None:
    base = make_interview()
    window.show_transcript(replace(base, sections=(), turns=(Turn("efi", LONG),)))
    qtbot.waitUntil(lambda: not window.reader.is_building(), timeout=10_000)
    fragments = []
    it = block_of(window, 0).begin()
    while not it.atEnd():
        fragments.append(it.fragment().charFormat())
        it += 1
    plain = next(f for f in fragments if not f.hasProperty(reader_module._TWIN_PROPERTY))
    twin = next(f for f in fragments if f.hasProperty(reader_module._TWIN_PROPERTY))
    assert plain != twin
    assert twin.font() == plain.font()
    assert twin.foreground() == plain.foreground()
    without = QTextCharFormat(twin)
    without.clearProperty(reader_module._TWIN_PROPERTY)
    assert without == plain  # the marker is the only difference
    assert int(reader_module._TWIN_PROPERTY) >= int(QTextFormat.Property.UserProperty)


def test_runs_are_cut_only_after_spaces_and_cjk_clause_punctuation() -> None:
    limit = reader_module.SHAPING_RUN_CHARS
    for text in (LONG, WITH_URL, "Voilà le président qui arrive à la réunion de ce matin " * 9,
                 "我们今天讨论了很多问题，包括经济和外交。" * 12, NO_SPACES, "a" * 200, ""):
        ends = reader_module.shaping_runs(text)
        assert ends[-1] == len(text)
        starts = [0, *ends[:-1]]
        assert all(a < b for a, b in zip(starts, ends, strict=True)) or text == ""
        for a, b in zip(starts, ends[:-1], strict=False):
            assert text[b - 1] in " 。，", (text[a:b],)  # the run ends with its break
            if " " in text[a + 1 : b - 1] or "，" in text[a : b - 1]:
                assert b - a <= limit  # a break inside: it was within the limit
    chinese = "我们今天讨论了很多问题，包括经济和外交。" * 12
    assert len(reader_module.shaping_runs(chinese)) > len(chinese) // (2 * limit)
    assert reader_module.shaping_runs(NO_SPACES) == [len(NO_SPACES)]
