"""The one identity rule for a source file: its resolved absolute path.

`./a.txt` today and `/home/me/a.txt` tomorrow are the same source. The library's `path`
column, quotes, citation details, media links and the recent-files menu all key files by
`source_key`; within the library a file is further known by its entry id (which survives a
move) and its SHA-256 (which says whether its bytes are still the ones read).
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["same_source", "source_key"]


def source_key(path: str | Path) -> str:
    """The resolved absolute path a file is stored under (as given when it cannot be resolved:
    a symlink loop, a vanished folder)."""
    try:
        return str(Path(path).expanduser().resolve())
    except (OSError, RuntimeError):
        return str(path)


def same_source(a: str | Path, b: str | Path) -> bool:
    """True when two paths name the same source file."""
    return str(a) == str(b) or source_key(a) == source_key(b)
