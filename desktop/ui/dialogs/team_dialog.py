"""File › Connect to Team Library…: where the team library is, and who you are there.

The connection is tried in the background (a server can take seconds to answer or refuse),
with the answer in one sentence. A working address is remembered per user (without its
password); the password goes to the system keyring when there is one and the user asks.
The library in use changes when Verbatim starts next (Restart Now does that at once), as
Zotero does when its data folder moves: every open panel then reads the same library.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import VerbatimError
from desktop.core.team.connection import TeamUrl, is_team_url
from desktop.ui import team_secrets
from desktop.ui.settings import Settings
from desktop.ui.workers import JobContext, Workers


class TeamLibraryDialog(QDialog):
    """Connect to (or leave) a team library; see the module docstring."""

    #: The remembered library changed: the new URL, or "" for the laptop library.
    libraryChosen = Signal(str)
    restartRequested = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Connect to Team Library")
        self.settings = settings
        self.workers = Workers(self)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "A team library keeps the newsroom's transcripts, speaker corrections and citation "
            "details on a PostgreSQL server; your quote board there stays private. Ask your "
            "administrator for the address and your user name.")
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(intro)
        form = QFormLayout()
        self.url = QLineEdit(settings.team_library_url or "")
        self.url.setPlaceholderText("postgresql://you@server/newsroom")
        self.url.setObjectName("teamUrl")
        form.addRow("&Address:", self.url)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setObjectName("teamPassword")
        form.addRow("&Password:", self.password)
        self.remember = QCheckBox("&Remember the password in the system keyring")
        available = team_secrets.keyring_available()
        self.remember.setEnabled(available)
        self.remember.setChecked(available)
        if not available:
            self.remember.setToolTip("No system keyring here: the password is asked for "
                                     "each time (it is never written to the settings).")
        form.addRow("", self.remember)
        layout.addLayout(form)
        self.status = QLabel()
        self.status.setObjectName("teamStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox()
        self.connect_button = QPushButton("&Connect")
        self.connect_button.setDefault(True)
        self.laptop_button = QPushButton("Use the &Laptop Library")
        self.restart_button = QPushButton("Restart &Now")
        self.restart_button.hide()
        buttons.addButton(self.connect_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.laptop_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restart_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.connect_button.clicked.connect(self.try_connect)
        self.laptop_button.clicked.connect(self.use_laptop)
        self.restart_button.clicked.connect(self._restart)
        self.laptop_button.setEnabled(settings.team_library_url is not None)

    def try_connect(self) -> None:
        """Try the address in the background; remember it when it works."""
        url = self.url.text().strip()
        if not is_team_url(url):
            self.status.setText("The address starts with postgresql:// (for example "
                                "postgresql://you@server/newsroom).")
            return
        password = self.password.text() or None
        self.status.setText(f"Connecting to {TeamUrl(url).display}…")
        self.connect_button.setEnabled(False)

        def job(_ctx: JobContext) -> str:
            from desktop.core.team.workspace import open_team_workspace

            workspace = open_team_workspace(url, password=password)
            try:
                return f"{len(workspace.entries())} transcripts"
            finally:
                workspace.close()

        task = self.workers.submit(job, channel="team")
        task.finished.connect(lambda summary: self._connected(url, password, str(summary)))
        task.failed.connect(self._failed)

    def _connected(self, url: str, password: str | None, summary: str) -> None:
        self.connect_button.setEnabled(True)
        stored = team_secrets.without_password(url)
        self.settings.team_library_url = stored
        saved = ""
        if password and self.remember.isChecked() and team_secrets.save_password(url, password):
            saved = " The password is in the system keyring."
        self.status.setText(
            f"Connected to {TeamUrl(url).display} ({summary}).{saved} Verbatim works in this "
            "library from its next start: restart now to switch.")
        self.laptop_button.setEnabled(True)
        self.restart_button.show()
        self.libraryChosen.emit(stored)

    def _failed(self, error: object) -> None:
        self.connect_button.setEnabled(True)
        text = str(error) if isinstance(error, VerbatimError) else f"Not connected: {error}"
        self.status.setText(text[:1].upper() + text[1:] + ("" if text.endswith(".") else "."))

    def use_laptop(self) -> None:
        """Go back to the laptop's own library (the team library is not changed)."""
        url = self.settings.team_library_url
        if url:
            team_secrets.forget_password(url)
        self.settings.team_library_url = None
        self.status.setText("Verbatim uses the laptop library from its next start: restart "
                            "now to switch.")
        self.laptop_button.setEnabled(False)
        self.restart_button.show()
        self.libraryChosen.emit("")

    def _restart(self) -> None:
        self.restartRequested.emit()
        self.accept()
