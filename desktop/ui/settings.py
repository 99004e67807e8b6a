"""The app's settings: one typed wrapper over QSettings, every key declared once with a default.

Why a wrapper: QSettings returns strings from INI files and loses list shapes, so every read
goes through a typed getter here and the rest of the UI never sees a raw key or a `QVariant`.
Tests and `--screenshot` pass an explicit INI path so they never touch the user's settings.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

from PySide6.QtCore import QByteArray, QSettings

from desktop import appinfo
from desktop.core.identity import source_key

THEMES: Final = ("light", "dark", "system")
MAX_RECENT: Final = 10
ZOOM_RANGE: Final = (-6, 12)

#: Every key with its default; a getter returns the default for a missing or unreadable value.
DEFAULTS: Final[dict[str, Any]] = {
    "view/theme": "system",
    "view/zoom": 0,
    "view/navigator_visible": True,
    "window/geometry": None,
    "window/state": None,
    "window/splitter": [],
    "window/open_panels": [],
    "files/recent": [],
    "files/last_opened": None,
    "quotes/citation_style": "apa",
    "quotes/export_format": "md",
    "quotes/export_dir": None,
    "library/team_url": None,
}


class Settings:
    """Typed access to the user's preferences.

    `Settings()` uses the platform location under the app's organisation and name;
    `Settings(path)` uses an INI file at `path` (tests, screenshots, portable use).
    """

    def __init__(self, ini_path: str | Path | None = None) -> None:
        if ini_path is None:
            self._qs = QSettings(appinfo.ORGANIZATION, appinfo.APP_NAME)
        else:
            self._qs = QSettings(str(ini_path), QSettings.Format.IniFormat)

    @property
    def qsettings(self) -> QSettings:
        """The underlying store, for code that needs `QSettings` itself (dock state)."""
        return self._qs

    def sync(self) -> None:
        """Write pending changes to disk now."""
        self._qs.sync()

    # -- generic typed access ------------------------------------------------------------------

    def _raw(self, key: str) -> Any:
        return self._qs.value(key, DEFAULTS[key])

    def _str(self, key: str, choices: Sequence[str] | None = None) -> str:
        value = self._raw(key)
        default = str(DEFAULTS[key])
        if not isinstance(value, str) or (choices is not None and value not in choices):
            return default
        return value

    def _int(self, key: str, lo: int, hi: int) -> int:
        try:
            value = int(self._raw(key))
        except (TypeError, ValueError):
            return int(DEFAULTS[key])
        return max(lo, min(hi, value))

    def _bool(self, key: str) -> bool:
        value = self._raw(key)
        if isinstance(value, str):  # INI files give "true"/"false"
            return value.lower() in ("true", "1", "yes")
        return bool(value)

    def _json_list(self, key: str) -> list[Any]:
        # Lists are stored as JSON text: INI files turn a one-item list into a plain string.
        value = self._raw(key)
        if not isinstance(value, str):
            return list(DEFAULTS[key])
        try:
            loaded = json.loads(value)
        except ValueError:
            return list(DEFAULTS[key])
        return loaded if isinstance(loaded, list) else list(DEFAULTS[key])

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._raw(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    # -- the settings --------------------------------------------------------------------------

    @property
    def theme(self) -> str:
        """"light", "dark" or "system" (follow the desktop's colour scheme)."""
        return self._str("view/theme", THEMES)

    @theme.setter
    def theme(self, value: str) -> None:
        if value not in THEMES:
            raise ValueError(f"unknown theme {value!r}")
        self._qs.setValue("view/theme", value)

    @property
    def zoom(self) -> int:
        """Reader zoom in steps from the default size (one step is one point)."""
        return self._int("view/zoom", *ZOOM_RANGE)

    @zoom.setter
    def zoom(self, value: int) -> None:
        self._qs.setValue("view/zoom", max(ZOOM_RANGE[0], min(ZOOM_RANGE[1], int(value))))

    @property
    def navigator_visible(self) -> bool:
        return self._bool("view/navigator_visible")

    @navigator_visible.setter
    def navigator_visible(self, value: bool) -> None:
        self._qs.setValue("view/navigator_visible", bool(value))

    @property
    def geometry(self) -> QByteArray | None:
        """`QWidget.saveGeometry()` of the main window, or None before the first close."""
        return self._bytes("window/geometry")

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._qs.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        """`QMainWindow.saveState()`: docks and toolbars."""
        return self._bytes("window/state")

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._qs.setValue("window/state", value)

    @property
    def open_panels(self) -> list[tuple[str, str, bool]]:
        """The panels (docks) open when the window was last closed, as (object name, title,
        shown): shown means in front, not behind another panel's tab. A launch builds the
        shown ones before its first paint and stands in for the others' tabs by their titles
        (`MainWindow`, `later`)."""
        panels: list[tuple[str, str, bool]] = []
        for item in self._json_list("window/open_panels"):
            if (isinstance(item, list) and len(item) == 3 and isinstance(item[0], str)
                    and isinstance(item[1], str) and isinstance(item[2], bool)):
                panels.append((item[0], item[1], item[2]))
        return panels

    @open_panels.setter
    def open_panels(self, value: Sequence[tuple[str, str, bool]]) -> None:
        self._qs.setValue("window/open_panels", json.dumps([list(p) for p in value]))

    @property
    def splitter_sizes(self) -> list[int]:
        """Navigator and reader widths in pixels; empty before the first close."""
        sizes = self._json_list("window/splitter")
        return [int(s) for s in sizes if isinstance(s, int) and s >= 0]

    @splitter_sizes.setter
    def splitter_sizes(self, value: Sequence[int]) -> None:
        self._qs.setValue("window/splitter", json.dumps([int(v) for v in value]))

    @property
    def recent_files(self) -> list[str]:
        """Recently opened files, newest first."""
        return [str(p) for p in self._json_list("files/recent") if isinstance(p, str)]

    @recent_files.setter
    def recent_files(self, value: Sequence[str]) -> None:
        self._qs.setValue("files/recent", json.dumps(list(value)[:MAX_RECENT]))

    def add_recent_file(self, path: str | Path) -> None:
        """Put `path` first in the recent files, without duplicates (the core's identity rule
        for a source, `source_key`: the same file under two spellings is listed once)."""
        text = source_key(path)
        self.recent_files = [text, *(p for p in self.recent_files if p != text)]

    @property
    def last_opened(self) -> str | None:
        """The file shown when the app last closed, reopened when launched without files."""
        value = self._raw("files/last_opened")
        return value if isinstance(value, str) and value else None

    @last_opened.setter
    def last_opened(self, value: str | Path | None) -> None:
        if value is None:
            self._qs.remove("files/last_opened")
        else:
            self._qs.setValue("files/last_opened", str(value))

    @property
    def team_library_url(self) -> str | None:
        """The team library to work in (a postgresql:// URL without its password), or None
        for the laptop's own library. The password is kept in the system keyring, never here."""
        value = self._raw("library/team_url")
        return value if isinstance(value, str) and value.startswith("postgres") else None

    @team_library_url.setter
    def team_library_url(self, value: str | None) -> None:
        if value:
            self._qs.setValue("library/team_url", value)
        else:
            self._qs.remove("library/team_url")

    @property
    def citation_style(self) -> str:
        """Default citation style for "Copy with citation"."""
        return self._str("quotes/citation_style", _citation_styles())

    @citation_style.setter
    def citation_style(self, value: str) -> None:
        if value not in _citation_styles():
            raise ValueError(f"unknown citation style {value!r}")
        self._qs.setValue("quotes/citation_style", value)

    @property
    def export_format(self) -> str:
        """The export format last chosen (an exporter id of `desktop.core.export`)."""
        return self._str("quotes/export_format", _export_formats())

    @export_format.setter
    def export_format(self, value: str) -> None:
        if value not in _export_formats():
            raise ValueError(f"unknown export format {value!r}")
        self._qs.setValue("quotes/export_format", value)

    @property
    def export_dir(self) -> str | None:
        """The folder of the last export (None: never exported)."""
        value = self._raw("quotes/export_dir")
        return value if isinstance(value, str) and value else None

    @export_dir.setter
    def export_dir(self, value: str | Path | None) -> None:
        if value is None:
            self._qs.remove("quotes/export_dir")
        else:
            self._qs.setValue("quotes/export_dir", str(value))


def _export_formats() -> tuple[str, ...]:
    """The core's export format ids (imported when first needed: the exporters pull in the
    document libraries, which a launch does not need)."""
    from desktop.core.export import EXPORTERS

    return tuple(EXPORTERS)


def _citation_styles() -> tuple[str, ...]:
    """The core's citation style ids (one list: a style added there is a valid setting here);
    the styles load when a citation setting is first used, not with the settings a launch
    reads before its first paint."""
    from desktop.core.citations import STYLES

    return tuple(STYLES)
