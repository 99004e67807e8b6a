"""Where bundled resources and the user's data live.

One lookup serves the three ways the app runs: an installed wheel (resources are packaged
inside `desktop/resources`), a source checkout (the top-level `resources/` folder) and a frozen
PyInstaller app (resources unpacked under `sys._MEIPASS`).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from desktop import appinfo

_PACKAGE_DIR = Path(__file__).resolve().parent

SAMPLE_NAME = "sample-interview.txt"


class ResourceNotFoundError(FileNotFoundError):
    """A bundled resource is missing: the installation is broken."""


def resource_roots() -> list[Path]:
    """Candidate resource folders, most specific first."""
    roots: list[Path] = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        roots.append(Path(frozen_root) / "resources")
    roots.append(_PACKAGE_DIR / "resources")  # installed wheel
    roots.append(_PACKAGE_DIR.parent / "resources")  # source checkout
    return roots


def resources_dir() -> Path:
    """The folder holding the bundled resources."""
    for root in resource_roots():
        if (root / SAMPLE_NAME).is_file():
            return root
    searched = ", ".join(str(r) for r in resource_roots())
    raise ResourceNotFoundError(f"bundled resources not found (looked in {searched})")


def resource(name: str) -> Path:
    """Path of one bundled resource file."""
    path = resources_dir() / name
    if not path.exists():
        raise ResourceNotFoundError(f"bundled resource missing: {path}")
    return path


def sample_interview() -> Path:
    """The bundled sample interview shown on first launch."""
    return resource(SAMPLE_NAME)


def user_data_dir() -> Path:
    """The user's data folder (library database, search index, quotes).

    `VERBATIM_DATA_DIR` overrides the platform location, for tests and portable use.
    The folder is created on first use.
    """
    override = os.environ.get("VERBATIM_DATA_DIR")
    if override:
        path = Path(override).expanduser()
    elif sys.platform == "win32":
        base = os.environ.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
        path = Path(base) / appinfo.APP_NAME
    elif sys.platform == "darwin":
        path = Path.home() / "Library" / "Application Support" / appinfo.APP_NAME
    else:
        base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        path = Path(base) / appinfo.APP_ID
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_cache_dir() -> Path:
    """Where derived files that can always be regenerated are kept (the theme's style sheet).

    Inside `VERBATIM_DATA_DIR` when that is set (tests, portable use), else the platform's
    cache folder. Created on first use.
    """
    override = os.environ.get("VERBATIM_DATA_DIR")
    if override:
        path = Path(override).expanduser() / "cache"
    elif sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        path = Path(base) / appinfo.APP_NAME / "cache"
    elif sys.platform == "darwin":
        path = Path.home() / "Library" / "Caches" / appinfo.APP_ID
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        path = Path(base) / appinfo.APP_ID
    path.mkdir(parents=True, exist_ok=True)
    return path
