"""Light, dark or follow-the-system theme, and the colours the reader derives from it.

This is the only module that imports `qdarktheme`. "Follow system" reads the scheme from Qt
(`QStyleHints.colorScheme()` and its `colorSchemeChanged` signal) and applies "light" or
"dark": `qdarktheme.setup_theme("auto")` would start a `gsettings monitor` child process that
outlives the app (see stack-notes.md).
"""

from __future__ import annotations

from typing import Final

import qdarktheme
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from desktop.ui.settings import THEMES

#: Speaker colours as (light theme, dark theme) pairs: distinct hues, readable on each ground.
_SPEAKER_COLOURS: Final = (
    ("#1f5fa8", "#7fb2f0"),  # blue: the first asking speaker
    ("#a34a12", "#f0a36b"),  # orange
    ("#2e7d32", "#8fd694"),  # green
    ("#8e2c8e", "#e29be2"),  # purple
    ("#00796b", "#6fd3c5"),  # teal
    ("#b0263f", "#f28b9c"),  # red
    ("#6d5a00", "#e0c85a"),  # olive
    ("#4a4fb8", "#a9adf5"),  # indigo
)

#: Accent used by qdarktheme for selection and focus (a calm blue in both themes).
_ACCENT: Final = {"light": "#1f5fa8", "dark": "#7fb2f0"}


def resolve(choice: str) -> str:
    """"light" or "dark" for a theme choice; "system" asks Qt for the desktop's scheme."""
    if choice in ("light", "dark"):
        return choice
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication) and app.styleHints().colorScheme() == Qt.ColorScheme.Dark:
        return "dark"
    return "light"


def is_dark() -> bool:
    """True when the dark theme is in effect.

    Asks the controller first: qdarktheme styles widgets with a style sheet and leaves most of
    the application palette alone, so the palette alone cannot tell.
    """
    if _controller is not None:
        try:
            return _controller.applied == "dark"
        except RuntimeError:  # its QApplication is gone
            pass
    window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    return window.lightness() < 128


def speaker_colour(index: int | None, dark: bool | None = None) -> QColor:
    """The colour of the `index`-th speaker (None: unattributed text, a muted grey)."""
    dark = is_dark() if dark is None else dark
    if index is None:
        return muted_colour(dark)
    light_hex, dark_hex = _SPEAKER_COLOURS[index % len(_SPEAKER_COLOURS)]
    return QColor(dark_hex if dark else light_hex)


def muted_colour(dark: bool | None = None) -> QColor:
    """Secondary text: roles, timestamps, ledes, editorial notes."""
    dark = is_dark() if dark is None else dark
    return QColor("#9aa0a6" if dark else "#5f6368")


def question_tint(dark: bool | None = None) -> QColor:
    """A faint background for questions so they stand apart from answers."""
    dark = is_dark() if dark is None else dark
    return QColor("#232a33" if dark else "#eef3fa")


def highlight_colour(kind: str, dark: bool | None = None) -> QColor:
    """Background of a highlight kind ("search", "quote", anything else)."""
    dark = is_dark() if dark is None else dark
    colours = {
        "search": ("#ffe066", "#7a6500"),
        "quote": ("#c8e6c9", "#2e5e32"),
        "current": ("#ffb74d", "#a65c00"),
        "playing": ("#e3eefc", "#1f3550"),  # the turn being spoken (a light backdrop)
        "word": ("#9cc3f5", "#36639e"),  # the word being spoken (also underlined)
    }
    light_hex, dark_hex = colours.get(kind, ("#e1bee7", "#5c2f66"))
    return QColor(dark_hex if dark else light_hex)


class ThemeController(QObject):
    """Applies a theme choice and, for "system", follows the desktop's scheme as it changes."""

    #: Emitted after the palette changed; the argument is True for dark.
    themeChanged = Signal(bool)

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self._choice = "system"
        self._applied: str | None = None
        app.styleHints().colorSchemeChanged.connect(self._on_system_scheme)

    @property
    def choice(self) -> str:
        return self._choice

    @property
    def applied(self) -> str:
        """The theme in effect: "light" or "dark"."""
        return self._applied or resolve(self._choice)

    def set_choice(self, choice: str) -> None:
        """Apply "light", "dark" or "system"."""
        if choice not in THEMES:
            raise ValueError(f"unknown theme {choice!r}")
        self._choice = choice
        self._apply(resolve(choice))

    def _on_system_scheme(self, _scheme: Qt.ColorScheme) -> None:
        if self._choice == "system":
            self._apply(resolve("system"))

    def _apply(self, name: str) -> None:
        if name == self._applied:
            return
        qdarktheme.setup_theme(
            name,
            corner_shape="rounded",
            custom_colors={"primary": _ACCENT[name]},
        )
        self._applied = name
        self.themeChanged.emit(name == "dark")


_controller: ThemeController | None = None


def controller() -> ThemeController:
    """The application's one ThemeController (created on first use, after the QApplication)."""
    global _controller
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        raise RuntimeError("create the QApplication before using themes")
    try:
        alive = _controller is not None and _controller.parent() is app
    except RuntimeError:  # the C++ object went away with an earlier QApplication
        alive = False
    if not alive or _controller is None:
        _controller = ThemeController(app)
    return _controller
