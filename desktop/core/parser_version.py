"""Which parser made a stored parse: the app version plus a fingerprint of the importers' code.

Why: the library keeps each file's parse and opening an unchanged file shows that copy
without parsing again. Keyed on the app version alone, a stored parse made by older importer
rules would keep being shown after the rules change in a source checkout (where the version
number stays put), so a misparse the new code fixes would survive. The fingerprint is the
SHA-256 of the importer sources, read once per process (about 1 ms); a frozen bundle has no
sources to read and its version number changes with every build that ships new rules.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from desktop import appinfo

#: The importer code a stored parse depends on: the importers package and the text model.
_HERE = Path(__file__).resolve().parent
_SOURCES = (_HERE / "importers", _HERE / "model.py")


@cache
def parser_version() -> str:
    """`<app version>/<12 hex digits of the importer sources>`, or the app version alone when
    the sources are not on disk (a frozen bundle)."""
    digest = hashlib.sha256()
    found = False
    for root in _SOURCES:
        files = sorted(root.rglob("*.py")) if root.is_dir() else [root]
        for path in files:
            try:
                data = path.read_bytes()
            except OSError:
                continue
            found = True
            digest.update(path.name.encode())
            digest.update(len(data).to_bytes(8, "little"))
            digest.update(data)
    if not found:
        return appinfo.VERSION
    return f"{appinfo.VERSION}/{digest.hexdigest()[:12]}"
