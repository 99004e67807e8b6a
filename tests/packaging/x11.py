"""Just enough Xlib (through ctypes) to list an X server's windows with their WM_CLASS.

Written here because the tests need to see another process's windows, and neither
python-xlib nor x11-utils is a test dependency; libX11 is already required by Qt's xcb plugin.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from dataclasses import dataclass


@dataclass(frozen=True)
class Window:
    res_name: str
    res_class: str


class _ClassHint(ctypes.Structure):
    _fields_ = [("res_name", ctypes.c_void_p), ("res_class", ctypes.c_void_p)]


_ERROR_HANDLER = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)


def _ignore_errors(_display: int, _event: int) -> int:
    """A window may vanish between listing and asking about it; Xlib would exit the process."""
    return 0


_IGNORE_ERRORS = _ERROR_HANDLER(_ignore_errors)  # module-level: must outlive every call


def _xlib() -> ctypes.CDLL:
    lib = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
    lib.XOpenDisplay.restype = ctypes.c_void_p
    lib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    lib.XDefaultRootWindow.restype = ctypes.c_ulong
    lib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    lib.XQueryTree.argtypes = [
        ctypes.c_void_p,
        ctypes.c_ulong,
        ctypes.POINTER(ctypes.c_ulong),
        ctypes.POINTER(ctypes.c_ulong),
        ctypes.POINTER(ctypes.POINTER(ctypes.c_ulong)),
        ctypes.POINTER(ctypes.c_uint),
    ]
    lib.XGetClassHint.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(_ClassHint)]
    lib.XFree.argtypes = [ctypes.c_void_p]
    lib.XCloseDisplay.argtypes = [ctypes.c_void_p]
    lib.XSetErrorHandler(_IGNORE_ERRORS)
    return lib


def _take_string(lib: ctypes.CDLL, pointer: int | None) -> str:
    """Copy an Xlib-owned C string and free it."""
    if not pointer:
        return ""
    text = ctypes.string_at(pointer).decode("utf-8", "replace")
    lib.XFree(pointer)
    return text


def list_windows(display_name: str) -> list[Window]:
    """Every window on `display_name` (e.g. ":57") that has a WM_CLASS."""
    lib = _xlib()
    display = lib.XOpenDisplay(display_name.encode())
    if not display:
        raise ConnectionError(f"cannot open X display {display_name}")
    found: list[Window] = []
    try:
        stack = [lib.XDefaultRootWindow(display)]
        while stack:
            window = stack.pop()
            root, parent = ctypes.c_ulong(), ctypes.c_ulong()
            children = ctypes.POINTER(ctypes.c_ulong)()
            count = ctypes.c_uint()
            if lib.XQueryTree(
                display,
                window,
                ctypes.byref(root),
                ctypes.byref(parent),
                ctypes.byref(children),
                ctypes.byref(count),
            ):
                stack.extend(children[i] for i in range(count.value))
                if children:
                    lib.XFree(children)
            hint = _ClassHint()
            if lib.XGetClassHint(display, window, ctypes.byref(hint)):
                found.append(
                    Window(
                        res_name=_take_string(lib, hint.res_name),
                        res_class=_take_string(lib, hint.res_class),
                    )
                )
    finally:
        lib.XCloseDisplay(display)
    return found
