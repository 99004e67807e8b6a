"""File › Connect to Team Library…, and a status-bar note saying which library is in use."""

from __future__ import annotations

import contextlib
import sys
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, Qt
from PySide6.QtWidgets import QApplication, QLabel

from desktop.core.team.connection import TeamUrl
from desktop.core.user_library import team_url
from desktop.ui import team_secrets
from desktop.ui.actions import make_action
from desktop.ui.dialogs.team_dialog import TeamLibraryDialog

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


class TeamController(QObject):
    """Owns the Connect action, its dialog and the library note in the status bar."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("teamController")
        self.window = window
        self.dialog: TeamLibraryDialog | None = None
        self.action = make_action(window, "Connect to &Team Library…", self.show_dialog,
                                  window_wide=True)
        window.menu("File").addAction(self.action)
        url = team_url()
        self.note = QLabel(f"Team library: {TeamUrl(url).display}" if url else "")
        self.note.setObjectName("teamNote")
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setVisible(bool(url))
        window.statusBar().addPermanentWidget(self.note)
        self.share_action = make_action(window, "&Share My Board with the Team",
                                        lambda: None, window_wide=False)
        self.share_action.setCheckable(True)
        self.share_action.setVisible(bool(url))
        self.share_action.setStatusTip("Let the team read your quote board (they cannot "
                                       "change it)")
        self.share_action.toggled.connect(self.share_board)
        window.menu("Quotes").addAction(self.share_action)
        workspace = window.session.workspace() if url else None
        if workspace is not None and hasattr(workspace, "board_shared"):
            with contextlib.suppress(Exception):  # the server may be slow or gone: unchecked
                self.share_action.setChecked(bool(workspace.board_shared()))

    def share_board(self, shared: bool) -> None:
        """Share (or stop sharing) this user's board, in the library's queue."""
        def job(workspace: Any, _ctx: Any) -> None:
            workspace.share_board(shared)

        self.window.session.run(
            job, label="Sharing the board…" if shared else "",
            on_done=lambda _r: self.window.statusBar().showMessage(
                "Your quote board is shared with the team (read only)." if shared
                else "Your quote board is private again.", 6000))

    def show_dialog(self) -> TeamLibraryDialog:
        dialog = TeamLibraryDialog(self.window.settings, self.window)
        dialog.restartRequested.connect(restart)
        self.dialog = dialog
        dialog.open()
        return dialog


def restart() -> None:
    """Start Verbatim again (in the library now chosen) and quit this one."""
    environment = QProcessEnvironment.systemEnvironment()
    for name in team_secrets.SET_HERE:
        environment.remove(name)
    process = QProcess()
    process.setProcessEnvironment(environment)
    if getattr(sys, "frozen", False):
        process.setProgram(sys.executable)
    else:
        process.setProgram(sys.executable)
        process.setArguments(["-m", "desktop"])
    if process.startDetached():
        QApplication.quit()


def controller_of(window: QObject) -> TeamController | None:
    found = window.findChild(TeamController, "teamController")
    return found if isinstance(found, TeamController) else None


def install(window: MainWindow) -> TeamController:
    return TeamController(window)
