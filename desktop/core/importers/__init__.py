"""Importers: one module per source shape, chosen by content, behind one entry point.

Callers use `import_file` / `import_bytes` and never name an importer; adding a shape means
adding a module to `registry._IMPORTER_MODULES`, nothing else.

Size limit: files over `MAX_BYTES` (128 MB) are refused before they are read. An import holds
the bytes, the decoded text and the parsed turns at once: measured peak memory is about 4x the
file for speaker-labelled text (100 MB -> 416 MB) and about 10x for subtitles, whose many
small cues cost more as objects than as text (`python benchmarks/import_bench.py`). 128 MB
keeps a text import under ~600 MB on an ordinary laptop and is still more than 50x the largest
real transcripts (a day of Whisper SRT or a 10-hour verbatim transcript is 1-3 MB).

The entry points (`import_file`, `import_bytes`, `read_document`, `detect`) live in `entry`
and load on first use; this file loads only the light `registry` (the importer modules,
their labels, the size limit). Why: importing any importer module (`speakers`, for the name
rules the reader shows) runs this file first, and a launch would otherwise load decoding,
doubts and the importer base classes (~9 ms) before its first paint.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from desktop.core.importers.registry import (
    FORMAT_LABELS,
    MAX_BYTES,
    available_importers,
    format_label,
    format_labels,
    importer_for,
)

__all__ = [
    "FORMAT_LABELS",
    "MAX_BYTES",
    "Importer",
    "SourceDocument",
    "available_importers",
    "detect",
    "format_label",
    "format_labels",
    "import_bytes",
    "import_file",
    "importer_for",
    "read_document",
]

#: What `entry` provides through this package (kept equal to `entry.__all__` by a test).
_ENTRY_NAMES = frozenset({"Importer", "SourceDocument", "detect", "import_bytes", "import_file",
                          "read_document"})

if TYPE_CHECKING:  # what type checkers see: the names themselves, so a wrong one is an error
    from desktop.core.importers.entry import (
        Importer,
        SourceDocument,
        detect,
        import_bytes,
        import_file,
        read_document,
    )
else:

    def __getattr__(name: str) -> Any:
        """An entry point, loaded on first use; any other name (a submodule's) falls
        through to the import system without loading them."""
        if name not in _ENTRY_NAMES:
            raise AttributeError(name)
        value = getattr(importlib.import_module("desktop.core.importers.entry"), name)
        globals()[name] = value  # once: later lookups are plain attribute reads
        return value
