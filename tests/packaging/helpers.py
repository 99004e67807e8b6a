"""Helpers shared by the packaging tests: paths, desktop-file parsing, screenshot checks."""

from __future__ import annotations

import configparser
import os
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
RESOURCES = REPO / "resources"
PACKAGING = REPO / "packaging"

SCREENSHOT_SIZE = (1280, 800)


def read_desktop_entry(path: Path) -> dict[str, str]:
    """The [Desktop Entry] group of a .desktop file, keys kept case-sensitive."""
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """An environment that cannot see the source tree or the developer's settings."""
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_RUNTIME_DIR": str(home / "runtime"),
        "VERBATIM_DATA_DIR": str(home / "verbatim-data"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    (home / "runtime").mkdir(parents=True, exist_ok=True)
    os.chmod(home / "runtime", 0o700)
    env.update(extra)
    return env


def assert_screenshot(path: Path) -> None:
    """`path` is a 1280x800 PNG with real content (many colours, not one flat fill)."""
    from PySide6.QtGui import QImage

    assert path.is_file(), f"no screenshot written at {path}"
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", "the screenshot is not a PNG"
    image = QImage(str(path))
    assert not image.isNull(), "Qt cannot read the screenshot"
    assert (image.width(), image.height()) == SCREENSHOT_SIZE
    colours: set[int] = set()
    for y in range(0, image.height(), 8):
        for x in range(0, image.width(), 8):
            colours.add(image.pixel(x, y))
    # A blank or single-colour window has 1-3 colours; rendered text gives dozens.
    assert len(colours) >= 16, f"the screenshot looks blank ({len(colours)} colours)"


def run(
    cmd: list[str], *, cwd: Path, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run a command, capturing text output; stdin closed so nothing can wait for input."""
    return subprocess.run(
        cmd,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
