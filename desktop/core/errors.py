"""Errors raised by the core: exceptions with fields, no UI prose.

The UI and the command line turn them into sentences; `reason` is a short phrase that can
follow the file name ("is empty", "is a binary file, not a transcript").
"""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path

#: Characters that must not reach a terminal or a message raw: controls (a newline in a file
#: name forges a second message line) and bidirectional overrides (they reverse what follows).
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def shown(text: str | Path) -> str:
    """`text` (a file name) safe to print: control and bidi characters as `\\xNN`/`\\uNNNN`."""
    return _UNPRINTABLE.sub(
        lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}",
        str(text),
    )


class ImportProblem(StrEnum):
    """Why a file could not be imported."""

    NOT_FOUND = "not-found"
    DIRECTORY = "directory"
    UNREADABLE = "unreadable"
    EMPTY = "empty"
    TOO_LARGE = "too-large"
    BINARY = "binary"
    ENCODING = "encoding"
    MALFORMED = "malformed"
    NO_TRANSCRIPT = "no-transcript"
    UNKNOWN_FORMAT = "unknown-format"
    NOT_A_FILE = "not-a-file"  # a named pipe, a device, a socket, a symbolic link loop
    OWN_EXPORT = "own-export"  # one of Verbatim's quote exports (see importers.own_exports)


class VerbatimError(Exception):
    """Base of every error the core raises on purpose."""


class FileError(VerbatimError):
    """A file that cannot be used: `reason` follows its name (printed safely, see `shown`)."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{shown(self.path)}: {reason}")


class TranscriptImportError(VerbatimError):
    """A file cannot be used as a transcript; the one documented import error."""

    def __init__(
        self,
        path: str | Path,
        problem: ImportProblem,
        reason: str,
        *,
        line: int | None = None,
    ) -> None:
        self.path = str(path)
        self.problem = problem
        self.reason = reason
        self.line = line
        where = f"{shown(self.path)}:{line}" if line is not None else shown(self.path)
        super().__init__(f"{where}: {reason}")
