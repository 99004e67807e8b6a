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


def test_the_name_rules_the_reader_shows_load_neither_the_styles_nor_the_entry_points() -> None:
    probe = (
        "import sys\n"
        "import desktop.core.citations.people, desktop.core.word_edges\n"
        "from desktop.core.importers import MAX_BYTES, available_importers, own_exports\n"
        "print(' '.join(sorted(m for m in sys.modules if m.endswith(('.citing', '.entry',"
        " '.ap', '.decoding', '.quotes')))))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True, timeout=60)
    assert done.stdout.strip() == ""
