"""The importer registry: which modules provide importers (in tie-break order), their format
labels, and the size limit. Light on purpose (see the package docstring); import these from
`desktop.core.importers`.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.core.importers.base import Importer

#: Files larger than this are refused before reading (why 128 MB: the package docstring).
MAX_BYTES = 128_000_000

#: Modules that provide `IMPORTERS: tuple[Importer, ...]`, in tie-break order.
_IMPORTER_MODULES: tuple[str, ...] = (
    "desktop.core.importers.subtitles",
    "desktop.core.importers.whisper",
    "desktop.core.importers.otr",
    "desktop.core.importers.docx_import",
    "desktop.core.importers.markdown",
    "desktop.core.importers.otter",
    "desktop.core.importers.news",
    "desktop.core.importers.labelled",
    "desktop.core.importers.qa_board",
    "desktop.core.importers.youtube",
    "desktop.core.importers.plain",
)

#: Each registered format's label (its importer's `label`), so a window can name the shape of
#: the file it shows without importing every importer module (~60 ms of a launch, most of it
#: regexes compiled at import). `tests/core/test_format_labels.py` keeps it equal to the
#: importers' own labels.
FORMAT_LABELS: dict[str, str] = {
    "srt": "SRT subtitles",
    "webvtt": "WebVTT captions",
    "whisper-json": "Whisper JSON",
    "whisper-tsv": "Whisper TSV",
    "whisper-txt": "Whisper TXT (one segment a line)",
    "otr": "oTranscribe (.otr)",
    "docx": "Word document (DOCX)",
    "markdown": "Markdown transcript",
    "otter": "Otter / Descript text export",
    "news-scrape": "News-site interview",
    "labelled": "Speaker-labelled text",
    "captions": "Live captions (>> speaker changes)",
    "qa-board": "Q/A board (asker, question, answer)",
    "youtube-transcript": "YouTube transcript (copied from the panel)",
    "plain": "Plain text",
}


@cache
def available_importers() -> tuple[Importer, ...]:
    """Every registered importer, in registry order."""
    found: list[Importer] = []
    for name in _IMPORTER_MODULES:
        module = importlib.import_module(name)
        found.extend(module.IMPORTERS)
    return tuple(found)


def importer_for(format_id: str) -> Importer | None:
    """The importer with this format id, or None."""
    for importer in available_importers():
        if importer.format == format_id:
            return importer
    return None


def format_label(format_id: str) -> str:
    """The label of a format id ("News-site interview"); the id itself when unknown."""
    return FORMAT_LABELS.get(format_id, format_id)


def format_labels(importers: Sequence[Importer] | None = None) -> list[tuple[str, str]]:
    """(format id, label) pairs for menus ("reopen as")."""
    return [(i.format, i.label) for i in (importers or available_importers())]
