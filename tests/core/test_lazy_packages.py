"""The packages a launch reaches before its first paint load their heavy parts by name, on
first use (`desktop.core.citations` -> `citing`, `desktop.core.importers` -> `entry`): every
name they promise must be reachable through them, and none of it loaded by the reader's
imports."""

from __future__ import annotations

import subprocess
import sys


def test_the_citations_package_offers_every_name_it_loads_on_first_use() -> None:
    from desktop.core import citations
    from desktop.core.citations import citing

    assert set(citing.__all__) == citations._CITING_NAMES
    for name in citing.__all__:
        assert getattr(citations, name) is getattr(citing, name)


def test_the_importers_package_offers_every_entry_point_it_loads_on_first_use() -> None:
    from desktop.core import importers
    from desktop.core.importers import entry

    assert set(entry.__all__) == importers._ENTRY_NAMES
    assert set(entry.__all__) < set(importers.__all__)
    for name in entry.__all__:
        assert getattr(importers, name) is getattr(entry, name)


def test_opening_the_workspace_loads_no_citation_style_nor_importer_entry_point() -> None:
    """What a launch imports before its first paint: the reader's name rules and word edges,
    the library registry, the workspace hub. Citing, rendering quotes, redacting and parsing
    load when first used."""
    later = ("desktop.core.citations.citing", "desktop.core.citations.ap",
             "desktop.core.citations.base", "desktop.core.citations.typography",
             "desktop.core.importers.entry", "desktop.core.importers.decoding",
             "desktop.core.redaction")
    probe = (
        "import sys\n"
        "import desktop.core.citations.people, desktop.core.word_edges\n"
        "import desktop.core.workspace\n"
        "from desktop.core.importers import MAX_BYTES, available_importers, own_exports\n"
        f"print(' '.join(m for m in {later!r} if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True, timeout=60)
    assert done.stdout.strip() == ""
