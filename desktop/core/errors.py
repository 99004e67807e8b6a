"""Errors raised by the core: exceptions with fields, no UI prose.

The UI and the command line turn them into sentences; `reason` is a short phrase that can
follow the file name ("is empty", "is a binary file, not a transcript").
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path


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
    OWN_EXPORT = "own-export"  # one of Verbatim's quote exports (see importers.own_exports)


class VerbatimError(Exception):
    """Base of every error the core raises on purpose."""


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
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {reason}")
