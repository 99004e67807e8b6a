"""Reading a file the user named without trusting it: regular files only, never more than a limit.

Why not `Path.read_bytes()`: a named pipe (FIFO) blocks it forever, `/dev/zero` (or a `.txt`
link to it) never ends, and `st_size` is 0 for both, so a size check before reading proves
nothing. Here the path is checked with `stat` (no open, so opening a device has no side
effect), then opened with O_NONBLOCK (a FIFO swapped in meanwhile cannot block the open), the
*opened* descriptor is checked again with `fstat`, and at most `limit + 1` bytes are read, so
a file that grows while it is read is still refused instead of filling memory.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from desktop.core.errors import ImportProblem, TranscriptImportError

_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class FileBytes:
    """The bytes read and the file's size and modification time as they were when opened."""

    data: bytes
    size: int
    mtime: float


def kind_of(mode: int) -> str | None:
    """What a non-regular file is, as a phrase ("a named pipe (FIFO)"), or None if regular."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _problem(path: Path, exc: OSError) -> TranscriptImportError:
    if isinstance(exc, FileNotFoundError):
        return TranscriptImportError(path, ImportProblem.NOT_FOUND, "does not exist")
    if exc.errno == errno.ELOOP:  # a symbolic link that points back at itself
        return TranscriptImportError(path, ImportProblem.NOT_A_FILE, "is a symbolic link loop")
    reason = exc.strerror or exc.__class__.__name__
    return TranscriptImportError(path, ImportProblem.UNREADABLE, f"cannot be read ({reason})")


def _refuse_special(path: Path, mode: int) -> None:
    kind = kind_of(mode)
    if kind == "a folder":
        raise TranscriptImportError(path, ImportProblem.DIRECTORY, "is a folder, not a file")
    if kind is not None:
        raise TranscriptImportError(
            path, ImportProblem.NOT_A_FILE, f"is {kind}, not a file; only regular files are read"
        )


def _too_large(path: Path, size: int, limit: int) -> TranscriptImportError:
    return TranscriptImportError(
        path,
        ImportProblem.TOO_LARGE,
        f"is {size / 1e6:.0f} MB; the limit is {limit / 1e6:.0f} MB",
    )


def _open_regular(path: Path) -> tuple[int, os.stat_result]:
    """An open descriptor of a regular file and its fstat; TranscriptImportError otherwise."""
    try:
        _refuse_special(path, os.stat(path).st_mode)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise _problem(path, exc) from None
    try:
        info = os.fstat(fd)
        _refuse_special(path, info.st_mode)  # replaced by a pipe between stat and open
    except BaseException:
        os.close(fd)
        raise
    return fd, info


def read_regular(path: str | Path, limit: int) -> FileBytes:
    """The whole content of a regular file of at most `limit` bytes.

    Raises TranscriptImportError (NOT_A_FILE, DIRECTORY, NOT_FOUND, UNREADABLE, TOO_LARGE)
    at once for anything else; never blocks on a pipe or reads a device.
    """
    path = Path(path)
    fd, info = _open_regular(path)
    try:
        if info.st_size > limit:
            raise _too_large(path, info.st_size, limit)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise _too_large(path, total, limit)  # it grew while being read
    except OSError as exc:
        raise _problem(path, exc) from None
    finally:
        os.close(fd)
    return FileBytes(b"".join(chunks), total, info.st_mtime)


def sha256_of(path: str | Path, limit: int) -> str:
    """SHA-256 of a regular file's content, read in chunks (refresh compares content, not
    only size and time). Raises TranscriptImportError like `read_regular`."""
    path = Path(path)
    fd, info = _open_regular(path)
    digest = hashlib.sha256()
    total = 0
    try:
        if info.st_size > limit:
            raise _too_large(path, info.st_size, limit)
        while total <= limit:
            chunk = os.read(fd, _CHUNK)
            if not chunk:
                break
            digest.update(chunk)
            total += len(chunk)
        if total > limit:
            raise _too_large(path, total, limit)
    except OSError as exc:
        raise _problem(path, exc) from None
    finally:
        os.close(fd)
    return digest.hexdigest()
