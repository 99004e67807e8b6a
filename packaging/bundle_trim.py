"""Trim Qt plugins a desktop app never loads, and the libraries only they needed (Linux).

PyInstaller's PySide6 hook collects every plugin of the imported Qt modules, and then every
shared library those plugins link to. Some plugins are for embedded devices (eglfs, linuxfb,
VNC, evdev input) and one, the GTK 3 platform theme, drags in a partial GTK stack (cairo,
pango, atk, gdk-pixbuf, but not GTK itself) that must match the user's system GTK exactly or
fail to load. Dropping them keeps the bundle smaller and its behaviour the same everywhere.

Used by `verbatim.spec`; pure functions over PyInstaller TOC tuples so they are testable.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import PurePosixPath

#: (destination name, source path, type code), as in PyInstaller's TOC lists.
TocEntry = tuple[str, str, str]

_PLUGINS = "PySide6/Qt/plugins/"

#: Plugins dropped, as paths under PySide6/Qt/plugins/ (a trailing "/" drops the whole folder).
DROPPED_PLUGINS: tuple[str, ...] = (
    "platforms/libqvnc.so",  # remote framebuffer server; links QtNetwork and Kerberos
    "platforms/libqeglfs.so",  # embedded full-screen EGL, no window system
    "platforms/libqminimalegl.so",
    "platforms/libqlinuxfb.so",
    "platforms/libqvkkhrdisplay.so",
    "egldeviceintegrations/",  # only used by eglfs
    "generic/",  # evdev/TUIO input, only used without a window system
    "platformthemes/libqgtk3.so",  # partial GTK stack; see module docstring
    # Present only when PySide6-Addons is installed (the `media` extra, which the test extras
    # include): each links QtNetwork, QtQuick or QtPdf, none of which the app uses.
    "platforminputcontexts/libqtvirtualkeyboardplugin.so",  # on-screen keyboard (QtQuick)
    "imageformats/libqpdf.so",  # PDF pages as images (QtPdf)
    "vectorimageformats/libqlottievectorimage.so",  # Lottie animations
)


def _posix(dest: str) -> str:
    return dest.replace("\\", "/")


def is_dropped_plugin(dest: str) -> bool:
    """True for a collected file that is one of the `DROPPED_PLUGINS`."""
    dest = _posix(dest)
    if not dest.startswith(_PLUGINS):
        return False
    inside = dest[len(_PLUGINS) :]
    return any(
        inside.startswith(rule) if rule.endswith("/") else inside == rule
        for rule in DROPPED_PLUGINS
    )


def is_root(dest: str) -> bool:
    """A binary the app loads itself (extension module, Qt plugin, libpython).

    Everything else in the binaries list is a plain shared library, collected only because a
    root links to it.
    """
    dest = _posix(dest)
    name = PurePosixPath(dest).name
    if dest.startswith(_PLUGINS) or name.startswith("libpython"):
        return True
    return not name.startswith("lib") and (".cpython-" in name or name.endswith(".abi3.so"))


def trim(
    binaries: Iterable[TocEntry], needed: Callable[[str], set[str]]
) -> tuple[list[TocEntry], list[TocEntry]]:
    """Split `binaries` into (kept, dropped).

    Drops the `DROPPED_PLUGINS` and every shared library that no kept root needs. `needed(src)`
    returns the file names of the libraries `src` links to, transitively (as `ldd` prints them).
    Libraries no root links to at all (loaded with dlopen by a hook's choice) are kept.
    """
    entries = list(binaries)
    dropped_plugins = [e for e in entries if is_dropped_plugin(e[0])]
    remaining = [e for e in entries if not is_dropped_plugin(e[0])]
    need_kept: set[str] = set()
    for dest, src, _kind in remaining:
        if is_root(dest):
            need_kept |= needed(src)
    need_dropped: set[str] = set()
    for _dest, src, _kind in dropped_plugins:
        need_dropped |= needed(src)
    orphans = need_dropped - need_kept
    kept = [
        e for e in remaining if is_root(e[0]) or PurePosixPath(_posix(e[0])).name not in orphans
    ]
    dropped = dropped_plugins + [e for e in remaining if e not in kept]
    return kept, dropped


def without_links_to(
    entries: Iterable[TocEntry], gone: set[str]
) -> tuple[list[TocEntry], list[TocEntry]]:
    """Split `entries` into (kept, dropped): symbolic links to a dropped file are dropped too.

    PyInstaller lists a top-level `libQt6X.so.6 -> PySide6/Qt/lib/libQt6X.so.6` link for each
    Qt library; without its target it would be left dangling in the bundle.
    """
    gone = {_posix(g) for g in gone}
    kept: list[TocEntry] = []
    dropped: list[TocEntry] = []
    for entry in entries:
        _dest, target, kind = entry
        (dropped if kind == "SYMLINK" and _posix(target) in gone else kept).append(entry)
    return kept, dropped
