"""Light, dark or follow-the-system theme, and the colours the reader derives from it.

This is the only module that imports `qdarktheme`. "Follow system" reads the scheme from Qt
(`QStyleHints.colorScheme()` and its `colorSchemeChanged` signal) and applies "light" or
"dark": `qdarktheme.setup_theme("auto")` would start a `gsettings monitor` child process that
outlives the app (see stack-notes.md).

Launch speed: importing qdarktheme costs ~100-150 ms (its `qtpy` shim star-imports QtCore,
QtGui and QtWidgets, which makes PySide6 build every enum class) and generating its style
sheet ~30 ms. What `setup_theme` applies is a style sheet and a few palette colours, so they
are generated once per theme and cached as JSON in the user's cache folder, keyed by
qdarktheme's version (read from its source, not imported) and the accent; a launch applies the
cached ones and imports qdarktheme only for its icon style, after the first paint
(`install_icon_style`).
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import re
from pathlib import Path
from typing import Any, Final

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from desktop import paths
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
        "redaction": ("#b0b0b0", "#555555"),
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
        stylesheet, colours = cached_style(name)
        # What qdarktheme.setup_theme(name, "rounded", {"primary": accent}) does, from the cache.
        self._app.setProperty("_qdarktheme_use_setup_style", True)
        self._app.setStyleSheet(stylesheet)
        palette = QPalette()
        for group, role, colour in colours:
            palette.setColor(QPalette.ColorGroup(group), QPalette.ColorRole(role), QColor(colour))
        self._app.setPalette(palette)
        if not _icon_style_deferred:
            install_icon_style()
        self._applied = name
        self.themeChanged.emit(name == "dark")


#: Bump when what `cached_style` stores changes.
_CACHE_FORMAT: Final = 1
_CORNERS: Final = "rounded"
_VERSION_RE: Final = re.compile(r"""^__version__\s*=\s*["']([^"']+)["']""", re.MULTILINE)
_URL_RE: Final = re.compile(r"url\(([^)]*)\)")
_icon_style_deferred = False


def qdarktheme_version() -> str:
    """qdarktheme's version, read from its `__init__.py` without importing it."""
    spec = importlib.util.find_spec("qdarktheme")
    if spec is None or spec.origin is None:
        return "missing"
    try:
        found = _VERSION_RE.search(Path(spec.origin).read_text(encoding="utf-8"))
    except OSError:
        return "unreadable"
    return found.group(1) if found else f"unknown-{os.stat(spec.origin).st_mtime_ns}"


def cached_style(name: str) -> tuple[str, list[tuple[int, int, str]]]:
    """qdarktheme's style sheet and palette colours (group, role, #argb) for `name`, from the
    cache when it matches qdarktheme's version and the accent, else generated and cached.
    A cached sheet whose icon files (in qdarktheme's own cache) are gone is regenerated."""
    key = f"{qdarktheme_version()}-{name}-{_ACCENT[name].lstrip('#')}-{_CORNERS}-{_CACHE_FORMAT}"
    path = paths.user_cache_dir() / f"theme-{key}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        stylesheet = str(data["stylesheet"])
        colours = [(int(g), int(r), str(c)) for g, r, c in data["palette"]]
        if all(Path(url.strip("'\"")).exists() for url in set(_URL_RE.findall(stylesheet))):
            return stylesheet, colours
    except (OSError, ValueError, KeyError, TypeError):
        pass
    stylesheet, colours = _generate_style(name)
    with contextlib.suppress(OSError):
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps({"stylesheet": stylesheet, "palette": colours}),
                           encoding="utf-8")
        partial.replace(path)
    return stylesheet, colours


def _generate_style(name: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Ask qdarktheme for the style sheet and palette `setup_theme` would apply."""
    import qdarktheme

    app = QApplication.instance()
    if app is not None:  # as setup_theme: no extra standard-icon rules in the sheet
        app.setProperty("_qdarktheme_use_setup_style", True)
    custom: Any = {"primary": _ACCENT[name]}
    stylesheet = str(qdarktheme.load_stylesheet(name, _CORNERS, custom))
    palette = qdarktheme.load_palette(name, custom, for_stylesheet=True)
    base = QPalette()
    colours = []
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive,
                  QPalette.ColorGroup.Disabled):
        for role in QPalette.ColorRole:
            if role == QPalette.ColorRole.NColorRoles:
                continue
            colour = palette.color(group, role)
            if colour != base.color(group, role):
                colours.append((group.value, role.value,
                                colour.name(QColor.NameFormat.HexArgb)))
    return stylesheet, colours


def defer_icon_style() -> None:
    """Leave qdarktheme's icon style (and its import) to `install_icon_style`, called by the
    launch after the first paint."""
    global _icon_style_deferred
    _icon_style_deferred = True


def install_icon_style() -> None:
    """qdarktheme's proxy style: flat standard icons (dialogs, arrows). Once per application."""
    global _icon_style
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    if _icon_style is not None and _icon_style[0] is app:
        return
    try:
        from qdarktheme._proxy_style import QDarkThemeStyle
    except ImportError:  # a qdarktheme without it: Qt's own icons
        return
    style = QDarkThemeStyle()
    app.setStyle(style)
    _icon_style = (app, style)  # referenced, as qdarktheme does, so Python keeps it alive


_icon_style: tuple[QApplication, QObject] | None = None


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
