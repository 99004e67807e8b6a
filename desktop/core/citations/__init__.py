"""Citation styles: metadata + a quote → citation strings, as plain text and HTML.

One neutral `CitationRecord`, one small formatter module per style (citations.md decisions
box); `cite()` runs a style and returns every part it has. No Qt, no network.

The package's names live in `citing` (and the modules it gathers) and load on first use: the
reader needs only `citations.people` to show who speaks, and importing a submodule runs this
file first, so a launch would otherwise build every style before the first paint.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

#: What `citing` provides through this package (kept equal to `citing.__all__` by a test); any
#: other name (a submodule's: `citations.dates`) falls through to the import system.
_CITING_NAMES = frozenset({
    "ELISION", "FIELDS", "MEDIA", "STYLES", "Citation", "CitationDetailsError", "CitationRecord",
    "CitationStyle", "CiteOptions", "Locator", "PartialDate", "Person", "QuotationStyle",
    "Quoted", "Run", "Styled", "UnknownStyleError", "cite", "cite_all", "clipboard",
    "get_style", "missing_fields", "record_from_mapping", "record_from_transcript",
    "style_labels",
})

if TYPE_CHECKING:  # what type checkers see: the names themselves, so a wrong one is an error
    from desktop.core.citations.citing import *  # noqa: F403
else:

    def __getattr__(name: str) -> Any:
        if name not in _CITING_NAMES:
            raise AttributeError(name)
        value = getattr(importlib.import_module("desktop.core.citations.citing"), name)
        globals()[name] = value  # once: later lookups are plain attribute reads
        return value
