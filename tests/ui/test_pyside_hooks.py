"""PySide6's `__feature__` import hook no longer reads the source of each module imported
after it (`desktop/ui/pyside_hooks.py`), and PySide6 still works in those modules."""

from __future__ import annotations

import importlib
import inspect
import sys
from pathlib import Path

import pytest

from desktop.ui.pyside_hooks import skip_feature_scan

MODULE = '''
from PySide6.QtCore import QObject, Signal


class Probe(QObject):
    fired = Signal(int)
'''


def test_a_module_imported_after_pyside_is_not_read_and_its_qt_classes_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert skip_feature_scan()  # this PySide6 has the check (a new one would be noticed here)
    (tmp_path / "verbatim_hook_probe.py").write_text(MODULE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "verbatim_hook_probe", raising=False)
    read: list[object] = []
    real = inspect.getsource
    monkeypatch.setattr(inspect, "getsource", lambda obj: read.append(obj) or real(obj))
    importlib.invalidate_caches()
    import verbatim_hook_probe  # an import statement: what the hook sees

    assert read == []
    got: list[int] = []
    probe = verbatim_hook_probe.Probe()
    probe.fired.connect(got.append)
    probe.fired.emit(7)
    assert got == [7]
