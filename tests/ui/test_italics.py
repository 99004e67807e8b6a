"""Italics only for scripts that have them: an Arabic stage direction set in DejaVu Sans
Oblique came out as empty boxes (seen on a real Able Player caption file in the corpus)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from desktop.core.model import Annotation, AnnotationKind, Turn
from desktop.ui.italics import italic_suits
from desktop.ui.main_window import MainWindow
from tests.ui.conftest import make_interview


@pytest.mark.parametrize("text", [
    "[applause]", "(inaudible 4:55)", "[ndlr : en Suède]", "[смех]", "(γέλια)",
    "[Ελληνικά και English]", "ﬁnal ligature", "",
])
def test_latin_greek_and_cyrillic_take_italics(text: str) -> None:
    assert italic_suits(text)


@pytest.mark.parametrize("text", [
    "[موسيقى سمفونية صاخبة]", "[מוזיקה]", "[संगीत]", "[音楽]", "[笑声]", "[ดนตรี]",
    "[applause / تصفيق]",
])
def test_scripts_without_an_italic_convention_stay_upright(text: str) -> None:
    assert not italic_suits(text)


def test_the_reader_sets_an_arabic_annotation_upright_and_a_latin_one_in_italics(
    qtbot: Any, window: MainWindow
) -> None:
    arabic = "وكذلك أنا عزيزي! [موسيقى صاخبة]"
    latin = "We agree. [applause]"
    turns = (
        Turn("efi", arabic, annotations=(Annotation(17, len(arabic), AnnotationKind.STAGE),)),
        Turn("blinken", latin, annotations=(Annotation(10, len(latin), AnnotationKind.STAGE),)),
    )
    window.show_transcript(replace(make_interview(), sections=(), turns=turns))
    qtbot.waitUntil(lambda: not window.reader.is_building(), timeout=10_000)

    def italic_at(turn: int, offset: int) -> bool:
        start, _ = window.reader.turn_position(turn) or (0, 0)
        block = window.reader.document().findBlock(start + offset)
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.position() <= start + offset < fragment.position() + fragment.length():
                return fragment.charFormat().font().italic()
            it += 1
        raise AssertionError("no fragment there")

    assert not italic_at(0, 20)  # inside the Arabic stage direction
    assert italic_at(1, 12)  # inside "[applause]"
    assert not italic_at(1, 2)  # the words themselves
