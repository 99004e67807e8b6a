"""A window layout that adapts to its width, so the words always keep a readable line.

Why: at 1024 px the navigator (250 px) and the side docks (315 px) left the reader a words
column of about 180 px, 3-5 words a line. The reader itself caps the measure in wide windows
(`Reader.MEASURE_CHARS`); this module handles narrow ones: when the window gets narrower and a
line of words would hold fewer than `MIN_MEASURE_CHARS` characters, the side panels collapse,
the navigator first, then the docks on the right. They come back by themselves when the window
is wide enough again, and at once from the "Show Panels" button in the status bar, the View
menu or their shortcuts: the user's own choice is never undone until the next resize.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QToolButton, QWidget

from desktop.ui.views.reader import MIN_MEASURE_CHARS

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

#: Room for the splitter handle and dock separators, in pixels.
_SEPARATORS: Final = 12
#: A panel comes back only when the words keep this much more room (no flicker at the edge).
_HYSTERESIS: Final = 40


class AdaptiveLayout(QObject):
    """Watches a window's width and collapses or restores its side panels."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("adaptiveLayout")
        self.window = window
        #: What this module hid, in the order it hid it, with the width each had.
        self._collapsed: list[tuple[str, int]] = []
        self._docks_hidden: list[QDockWidget] = []
        self._last_width = window.width()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.adapt)
        self.button = QToolButton()
        self.button.setObjectName("showPanels")
        self.button.setText("Show Panels")
        self.button.setAutoRaise(True)
        self.button.setToolTip("The window is narrow, so the side panels were folded away to "
                               "keep the transcript readable. Show them again.")
        self.button.clicked.connect(self.restore_all)
        self.button.hide()
        window.statusBar().addPermanentWidget(self.button)
        window.installEventFilter(self)

    # -- what the window asks ------------------------------------------------------------------

    def collapsed(self) -> list[str]:
        """What is folded away now: "navigator", "docks"."""
        return [name for name, _ in self._collapsed]

    def forget(self, name: str) -> None:
        """The user showed or hid a folded panel themselves: it is theirs again."""
        self._collapsed = [(n, w) for n, w in self._collapsed if n != name]
        self.button.setVisible(bool(self._collapsed))

    def restore_all(self) -> None:
        """Show every panel this module folded away (the user asked for them)."""
        while self._collapsed:
            self._restore()

    # -- the rule ------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self._timer.start()
        return False

    def needed(self) -> int:
        """The reader width at which a line of words holds `MIN_MEASURE_CHARS` characters."""
        return self.window.reader.width_for(MIN_MEASURE_CHARS)

    def adapt(self) -> None:
        """Collapse panels while the words are too narrow; restore them when there is room."""
        width = self.window.width()
        narrowing = width <= self._last_width
        self._last_width = width
        if narrowing:
            while self._reader_width() < self.needed() and self._collapse_next():
                pass
        else:
            while self._collapsed and self._room_to_restore():
                self._restore()
        self.button.setVisible(bool(self._collapsed))

    def _reader_width(self) -> int:
        """The reader's width once the panels shown now have their room."""
        used = 0
        navigator = self.window.navigator
        if navigator.isVisible():
            used += navigator.width() + _SEPARATORS
        used += self._right_docks_width()
        return self.window.width() - used

    def _right_docks_width(self) -> int:
        docks = self._visible_right_docks()
        return max((d.width() for d in docks), default=-_SEPARATORS) + _SEPARATORS

    def _visible_right_docks(self) -> list[QDockWidget]:
        window = self.window
        return [
            dock for dock in window.findChildren(QDockWidget)
            if dock.isVisible() and not dock.isFloating()
            and window.dockWidgetArea(dock) == Qt.DockWidgetArea.RightDockWidgetArea
        ]

    def _collapse_next(self) -> bool:
        navigator = self.window.navigator
        if navigator.isVisible():
            self._collapsed.append(("navigator", navigator.width()))
            self._set_visible(navigator, False)
            return True
        docks = self._visible_right_docks()
        if docks:
            self._collapsed.append(("docks", self._right_docks_width()))
            self._docks_hidden = docks
            for dock in docks:
                dock.hide()
            return True
        return False

    def _room_to_restore(self) -> bool:
        _, width = self._collapsed[-1]
        return self._reader_width() - width >= self.needed() + _HYSTERESIS

    def _restore(self) -> None:
        name, _ = self._collapsed.pop()
        if name == "navigator":
            self._set_visible(self.window.navigator, True)
        else:
            for dock in self._docks_hidden:
                dock.show()
            self._docks_hidden = []
        self.button.setVisible(bool(self._collapsed))

    def _set_visible(self, widget: QWidget, visible: bool) -> None:
        """Show or hide the navigator without changing the user's saved choice."""
        action = self.window.navigator_action
        blocked = action.blockSignals(True)
        action.setChecked(visible)
        action.blockSignals(blocked)
        widget.setVisible(visible)
