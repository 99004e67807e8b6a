"""The theme's cached style sheet: what qdarktheme would apply, regenerated when it may differ."""

from __future__ import annotations

import json

import pytest
import qdarktheme
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from desktop import paths
from desktop.ui import theme


def test_applied_theme_is_what_qdarktheme_generates(qapp: QApplication) -> None:
    controller = theme.controller()
    try:
        for name in ("dark", "light"):
            controller.set_choice(name)
            accent = {"primary": theme._ACCENT[name]}
            assert qapp.styleSheet() == qdarktheme.load_stylesheet(name, "rounded", accent)
            expected = qdarktheme.load_palette(name, accent, for_stylesheet=True)
            for role in (QPalette.ColorRole.Link, QPalette.ColorRole.PlaceholderText):
                assert qapp.palette().color(role) == expected.color(role)
    finally:
        controller.set_choice("light")


def test_the_cache_is_keyed_by_version_and_rebuilt_when_damaged(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet, colours = theme.cached_style("dark")
    files = sorted(paths.user_cache_dir().glob("theme-*dark*.json"))
    assert len(files) == 1 and theme.qdarktheme_version() in files[0].name
    assert theme.cached_style("dark") == (sheet, colours)  # read back as written

    data = json.loads(files[0].read_text(encoding="utf-8"))
    data["stylesheet"] = "QWidget { color: red; }"
    files[0].write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(theme, "qdarktheme_version", lambda: "9.9.9")
    assert theme.cached_style("dark")[0] == sheet  # another version: generated again

    files[0].write_text("{not json", encoding="utf-8")
    monkeypatch.undo()
    assert theme.cached_style("dark") == (sheet, colours)
