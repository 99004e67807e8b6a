"""The importer contract: what every source-shape module provides to the registry."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from desktop.core.model import Metadata, Section, Speaker, Turn


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """A file as read once: raw bytes plus, for text files, the decoded text.

    `text` is None when the bytes are not text (DOCX, say); importers of binary formats
    read `data`. `text` already has line endings normalised to "\\n" and NULs dropped.
    """

    path: Path
    data: bytes
    sha256: str
    text: str | None
    encoding: str
    repairs: tuple[str, ...] = ()

    @property
    def suffix(self) -> str:
        """The lower-case file extension, with its dot ("" when none)."""
        return self.path.suffix.lower()


@dataclass(slots=True)
class Parsed:
    """What an importer returns; the registry adds the source and the decoding repairs."""

    turns: list[Turn]
    speakers: list[Speaker] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    metadata: Metadata = field(default_factory=Metadata)
    removed: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class Importer(Protocol):
    """One source shape. Importers are stateless; one instance serves every file."""

    #: Stable id, reported as `source.format` (e.g. "news-scrape", "srt").
    format: str
    #: Human name shown in the UI ("News-site scrape").
    label: str
    #: Typical extensions, lower case with the dot; a hint, never a requirement.
    extensions: tuple[str, ...]

    def score(self, doc: SourceDocument) -> float:
        """How well this importer fits the content: 0 cannot parse it, 1 certain."""
        ...

    def parse(self, doc: SourceDocument) -> Parsed:
        """Parse the document; raise TranscriptImportError when it cannot be used."""
        ...
