"""PySide6's `__feature__` import hook, told that no Verbatim module selects a feature.

Why: once PySide6 is imported, every new module imported after it passes through that hook,
which reads the module's whole source file (`inspect.getsource`) to see whether it mentions
PySide6. A launch imports ~130 modules after PySide6, and reading them took 15 ms of a
~300 ms launch (timed inside the hook; `benchmarks/launch_bench.py`). Verbatim selects no
`__feature__` (`snake_case`, `true_property`), so every module can have the default selection:
what the scan gives a module that uses PySide6, and no change for one that does not. The check is
private PySide API; where it is missing, nothing is changed and the scan runs as before.
"""

from __future__ import annotations

import sys

import PySide6.QtCore  # noqa: F401  (installs the hook and the `__feature__` module)


def skip_feature_scan() -> bool:
    """Have the hook take every module as using PySide6 without reading its source; True
    when this PySide6 has the check to replace."""
    feature = sys.modules.get("__feature__")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = _uses_pyside  # type: ignore[attr-defined]
    return True


def _uses_pyside(_module: object) -> bool:
    return True
