"""The one way the window's features make their menu and toolbar actions.

Why shared: every feature wants the same things of an action (a label, a slot that ignores
Qt's `checked` argument, shortcuts with duplicates and empty platform bindings dropped, a tip
that names the shortcut, and, for menu entries, shortcuts that still work when the menu bar is
hidden), and two hand-written copies had drifted apart.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

Shortcut = str | QKeySequence | QKeySequence.StandardKey


def make_action(
    owner: QWidget,
    text: str,
    slot: Callable[[], object],
    shortcuts: Sequence[Shortcut] = (),
    tip: str = "",
    *,
    window_wide: bool = False,
) -> QAction:
    """A `QAction` on `owner` calling `slot()`. With `window_wide`, it is also added to
    `owner`, so its shortcuts work even when no menu or toolbar shows it."""
    action = QAction(text, owner)
    keys = _unique(shortcuts)
    if keys:
        action.setShortcuts(keys)
    if tip:
        first = keys[0].toString(QKeySequence.SequenceFormat.NativeText) if keys else ""
        action.setToolTip(f"{tip} ({first})" if first else tip)
        action.setStatusTip(tip)
    action.triggered.connect(lambda _=False: slot())
    if window_wide:
        owner.addAction(action)
    return action


def _unique(shortcuts: Sequence[Shortcut]) -> list[QKeySequence]:
    """Every key sequence once, in order (a standard key may stand for several, or none)."""
    unique: list[QKeySequence] = []
    for shortcut in shortcuts:
        if isinstance(shortcut, QKeySequence.StandardKey):
            sequences = list(QKeySequence.keyBindings(shortcut))
        else:
            sequences = [QKeySequence(shortcut)]
        for key in sequences:
            if not key.isEmpty() and key not in unique:
                unique.append(key)
    return unique
