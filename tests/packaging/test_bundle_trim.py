"""The spec's plugin trimming drops only what nothing else needs."""

from __future__ import annotations

import sys

from tests.packaging.helpers import PACKAGING

sys.path.insert(0, str(PACKAGING))
from bundle_trim import is_dropped_plugin, is_root, trim, without_links_to

P = "PySide6/Qt/plugins/"

# A small world: which file links to which libraries (transitively, like ldd).
LINKS: dict[str, set[str]] = {
    "src/QtGui.abi3.so": {"libQt6Gui.so.6", "libQt6Core.so.6", "libglib-2.0.so.0"},
    "src/libqxcb.so": {"libQt6XcbQpa.so.6", "libQt6Gui.so.6", "libxcb-icccm.so.4"},
    "src/libqgtk3.so": {"libgtk-3.so.0", "libcairo.so.2", "libpixman-1.so.0", "libglib-2.0.so.0"},
    "src/libqvnc.so": {"libQt6Network.so.6", "libkrb5.so.3"},
    "src/libcairo.so.2": {"libpixman-1.so.0"},
}


def needed(src: str) -> set[str]:
    return LINKS.get(src, set())


def entry(dest: str) -> tuple[str, str, str]:
    return dest, "src/" + dest.rsplit("/", 1)[-1], "BINARY"


BINARIES = [
    entry("PySide6/QtGui.abi3.so"),
    entry(P + "platforms/libqxcb.so"),
    entry(P + "platformthemes/libqgtk3.so"),
    entry(P + "platforms/libqvnc.so"),
    entry("PySide6/Qt/lib/libQt6Gui.so.6"),
    entry("PySide6/Qt/lib/libQt6Core.so.6"),
    entry("PySide6/Qt/lib/libQt6XcbQpa.so.6"),
    entry("PySide6/Qt/lib/libQt6Network.so.6"),
    entry("libglib-2.0.so.0"),
    entry("libcairo.so.2"),
    entry("libpixman-1.so.0"),
    entry("libkrb5.so.3"),
    entry("libxcb-icccm.so.4"),
    entry("libdlopened-by-a-hook.so.1"),
]


def _names(entries: list[tuple[str, str, str]]) -> set[str]:
    return {dest.rsplit("/", 1)[-1] for dest, _src, _kind in entries}


def test_drops_listed_plugins_and_their_private_libraries() -> None:
    kept, dropped = trim(BINARIES, needed)
    assert _names(dropped) == {
        "libqgtk3.so",
        "libqvnc.so",
        "libcairo.so.2",
        "libpixman-1.so.0",
        "libQt6Network.so.6",
        "libkrb5.so.3",
    }
    assert set(kept) | set(dropped) == set(BINARIES)
    assert not set(kept) & set(dropped)


def test_keeps_libraries_a_kept_root_shares_with_a_dropped_plugin() -> None:
    kept, _dropped = trim(BINARIES, needed)
    assert "libglib-2.0.so.0" in _names(kept)  # needed by QtGui and by the GTK theme
    assert "libxcb-icccm.so.4" in _names(kept)


def test_keeps_libraries_no_root_links_to() -> None:
    kept, _dropped = trim(BINARIES, needed)
    assert "libdlopened-by-a-hook.so.1" in _names(kept)


def test_plugin_rules() -> None:
    assert is_dropped_plugin(P + "generic/libqevdevmouseplugin.so")  # whole folder
    assert is_dropped_plugin(P + "platforms/libqeglfs.so")
    assert not is_dropped_plugin(P + "platforms/libqxcb.so")
    assert not is_dropped_plugin(P + "platforms/libqoffscreen.so")  # --screenshot needs it
    assert not is_dropped_plugin(P + "platforms/libqwayland.so")
    assert not is_dropped_plugin(P + "platformthemes/libqxdgdesktopportal.so")
    assert not is_dropped_plugin("libqvnc.so")  # only inside the plugins folder


def test_roots_are_modules_plugins_and_libpython() -> None:
    assert is_root("PySide6/QtWidgets.abi3.so")
    assert is_root("python3.11/lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so")
    assert is_root("libpython3.11.so.1.0")
    assert is_root(P + "imageformats/libqsvg.so")
    assert not is_root("libpyside6.abi3.so.6.12")
    assert not is_root("PySide6/Qt/lib/libQt6Core.so.6")
    assert not is_root("libglib-2.0.so.0")


def test_links_to_dropped_files_go_too() -> None:
    entries = [
        ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "src/libQt6Gui.so.6", "BINARY"),
    ]
    kept, dropped = without_links_to(entries, {"PySide6/Qt/lib/libQt6Network.so.6"})
    assert dropped == [entries[0]]
    assert kept == entries[1:]
