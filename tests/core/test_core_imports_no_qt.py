"""Architecture rule 1: the core never imports Qt or the theme library."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import desktop.core

QT_PACKAGES = ("PySide6", "qdarktheme", "shiboken6")


def _core_modules() -> list[str]:
    names = ["desktop.core"]
    for info in pkgutil.walk_packages(desktop.core.__path__, "desktop.core."):
        names.append(info.name)
    return names


def test_core_has_modules() -> None:
    assert "desktop.core.model" in _core_modules()


def test_importing_every_core_module_loads_no_qt() -> None:
    modules = [*_core_modules(), "desktop.cli", "desktop.paths"]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {QT_PACKAGES!r})\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"core imported Qt: {result.stdout}"


def test_command_line_subcommands_load_no_qt() -> None:
    """`verbatim parse|search|cite|export` must work on a machine without a display."""
    code = (
        "import importlib, sys\n"
        "from desktop import cli\n"
        "for module in cli.SUBCOMMANDS.values():\n"
        "    importlib.import_module(module)\n"
        "cli.build_parser()\n"
        f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {QT_PACKAGES!r})\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"a subcommand imported Qt: {result.stdout}"
