"""The Library dock of one window: File ▸ Add to Library…, dropped folders, refresh, open,
remove, and the read-only / unavailable banner.

Views and actions only: the work runs in the shared `LibrarySession` (the workspace's library
operations, one after another on its worker thread); sentences come from `messages`.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMessageBox

from desktop.ui.actions import make_action
from desktop.ui.library_session import LibrarySession
from desktop.ui.models.library_model import LibraryModel
from desktop.ui.views.library_dock import LibraryDock

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


def install(window: MainWindow) -> LibraryController:
    """Add the Library dock (beside the Search dock, if any) and its File menu entries."""
    controller = LibraryController(window, window.session)
    search = window.findChild(QDockWidget, "searchDock")
    if isinstance(search, QDockWidget):
        window.tabifyDockWidget(search, controller.library_dock)
        search.raise_()
    return controller


class LibraryController(QObject):
    """One per window: the Library dock and its File menu entries."""

    def __init__(self, window: MainWindow, session: LibrarySession) -> None:
        super().__init__(window)
        self.setObjectName("libraryController")
        self.window = window
        self.session = session
        self.library_model = LibraryModel(self)
        self.library = LibraryDock(self.library_model)
        self.library_dock = QDockWidget("Library", window)
        self.library_dock.setObjectName("libraryDock")
        self.library_dock.setWidget(self.library)
        window.add_dock(self.library_dock, Qt.DockWidgetArea.RightDockWidgetArea)
        window.folder_handler = self.add_to_library

        session.entriesChanged.connect(self.library.set_entries)
        session.progress.connect(self.library.show_progress)
        session.stateChanged.connect(self._on_session_state)
        session.message.connect(self._status)
        self.library.addRequested.connect(self.add_to_library)
        self.library.removeRequested.connect(self._remove)
        self.library.refreshRequested.connect(session.refresh)
        self.library.cancelRequested.connect(session.cancel)
        self.library.openRequested.connect(self.open_entry)
        window.transcriptOpened.connect(
            lambda transcript: self.library_model.set_current(transcript.source.path)
        )
        self._build_actions()
        self._on_session_state()
        self.library.set_entries(session.entries())
        current = window.current_transcript()
        if current is not None:  # installed after the launch showed its file
            self.library_model.set_current(current.source.path)

    def add_to_library(self, items: list[str]) -> None:
        """Add files and folders in the background; the Library panel shows the progress."""
        if self.session.add(items) is not None:
            self.library_dock.show()
            self.library_dock.raise_()

    def open_entry(self, entry_id: int) -> None:
        """Show a library transcript (from its stored copy if the file is gone); from the
        Library in the main area, the reader comes back to show it."""
        self.show_in_main_area(False)
        self.session.load(entry_id, self.window.show_transcript)

    def show_in_main_area(self, on: bool) -> None:
        """The Library takes the main area as a full table (True), or goes back to its dock."""
        if self.main_area_action.isChecked() != on:
            self.main_area_action.setChecked(on)  # comes back here through `toggled`
            return
        in_main = self.library.parent() is not self.library_dock
        if on and not in_main:
            self._dock_was_visible = self.library_dock.isVisible()
            self.library_dock.setWidget(None)  # type: ignore[arg-type]  # Qt accepts None
            self.window.show_in_main_area(self.library)
            self.library_dock.hide()
            self.library.show()
            self.library.filter.setFocus()
            self._status("The library takes the main area: open a transcript, or press "
                         "Ctrl+Shift+L, to read again.")
        elif not on and in_main:
            self.window.show_in_main_area(None)
            self.library_dock.setWidget(self.library)
            if self._dock_was_visible:
                self.library_dock.show()
    def _remove(self, ids: list[int]) -> None:
        entries = [e for e in self.session.entries() if e.id in ids]
        if not entries:
            return
        what = f"“{entries[0].title}”" if len(entries) == 1 else f"{len(entries)} transcripts"
        box = QMessageBox(QMessageBox.Icon.Question, "Remove from Library",
                          f"Remove {what} from the library?",
                          QMessageBox.StandardButton.Cancel, self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText("The files stay where they are; only the library forgets them "
                               "(and their speaker corrections).")
        remove = box.addButton("Remove", QMessageBox.ButtonRole.DestructiveRole)
        box.exec()
        if box.clickedButton() is remove:
            self.session.remove(ids)

    def _on_session_state(self) -> None:
        session = self.session
        banner = ""
        if session.state == "read-only":
            banner = ("Read-only: another Verbatim is using this library. You can search it; "
                      "to add or remove transcripts, close the other one and reopen this window.")
        elif session.state == "unavailable":
            banner = f"The library is unavailable: {session.reason or 'unknown reason'}."
        self.library.set_writable(session.writable, banner)
        self._add_action.setEnabled(session.writable)
        self._add_folder_action.setEnabled(session.writable)
        self.library.set_busy(session.busy and self.library.is_busy_shown())

    def _status(self, message: str) -> None:
        with contextlib.suppress(RuntimeError):  # the window may already be gone
            self.window.statusBar().showMessage(message, 8000)

    def _build_actions(self) -> None:
        window = self.window
        self._add_action = make_action(window, "Add to &Library…", self.library.choose_files,
                                       [QKeySequence("Ctrl+Shift+O")], window_wide=True)
        self._add_folder_action = make_action(window, "Add &Folder to Library…",
                                              self.library.choose_folder, window_wide=True)
        refresh = make_action(window, "Refresh Library", self.session.refresh, window_wide=True)
        self._dock_was_visible = True
        self.main_area_action: QAction = make_action(
            window, "&Library in Main Area", lambda: None, ["Ctrl+Shift+L"],
            "Show the library as a full table in place of the transcript", window_wide=True)
        self.main_area_action.setCheckable(True)
        self.main_area_action.toggled.connect(self.show_in_main_area)
        window.menu("View").addAction(self.main_area_action)
        file_menu = window.menu("File")
        quit_action = next(
            (a for a in file_menu.actions() if a.menuRole() == QAction.MenuRole.QuitRole), None
        )
        before = quit_action
        actions = file_menu.actions()
        if quit_action is not None:
            at = actions.index(quit_action)
            if at > 0 and actions[at - 1].isSeparator():
                before = actions[at - 1]
        ours = [self._add_action, self._add_folder_action, refresh]
        if before is None:
            file_menu.addSeparator()
            file_menu.addActions(ours)
        else:
            file_menu.insertSeparator(before)
            file_menu.insertActions(before, ours)
