"""The People panel: one list of the people in the library, their interviews, turns and words;
Merge and Split correct the grouping; `speaker:` searches of the library use it.

Views and actions only: the grouping is the core's (`desktop.core.people`), built in the
library's queue from each entry's stored transcript; the user's edits are kept in the data
folder's people.json. The list is built when the panel is first shown (or a library search
names a speaker) and again when the library changes while it is shown.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import paths
from desktop.core.people import (
    EDITS_FILE,
    Appearance,
    PeopleEdits,
    Person,
    appearances_of,
    build_people,
    expand_speakers,
)
from desktop.core.workspace import LibraryEntry, Workspace
from desktop.ui.actions import make_action
from desktop.ui.library_session import LibrarySession
from desktop.ui.models.library_model import date_text
from desktop.ui.workers import JobContext

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

_ROLE = Qt.ItemDataRole.UserRole


def install(window: MainWindow) -> PeopleController:
    """Add the People panel, tabbed with the Library."""
    controller = PeopleController(window, window.session)
    library = window.findChild(QDockWidget, "libraryDock")
    if isinstance(library, QDockWidget):
        window.tabifyDockWidget(library, controller.dock)
    return controller


def controller_of(window: QWidget) -> PeopleController | None:
    found = window.findChild(PeopleController, "peopleController")
    return found if isinstance(found, PeopleController) else None


class PeoplePanel(QWidget):
    """A filter box, the people, the selected person's interviews, Merge and Split."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("peoplePanel")
        self.filter = QLineEdit()
        self.filter.setObjectName("peopleFilter")
        self.filter.setPlaceholderText("Filter people")
        self.filter.setClearButtonEnabled(True)
        self.people = QTreeWidget()
        self.people.setObjectName("peopleList")
        self.people.setHeaderLabels(["Person", "Interviews", "Turns", "Words"])
        self.people.setRootIsDecorated(False)
        self.people.setSortingEnabled(True)
        self.people.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.people.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.people.header().setStretchLastSection(False)
        for column in (1, 2, 3):
            self.people.header().setSectionResizeMode(
                column, QHeaderView.ResizeMode.ResizeToContents)
        self.interviews = QTreeWidget()
        self.interviews.setObjectName("peopleInterviews")
        self.interviews.setHeaderLabels(["Interview", "As", "Turns"])
        self.interviews.setRootIsDecorated(False)
        self.interviews.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.interviews.header().setStretchLastSection(False)
        self.merge_button = QPushButton("Merge")
        self.merge_button.setToolTip("One person: the selected people are the same person "
                                     "(named as the first selected)")
        self.split_button = QPushButton("Split Off")
        self.split_button.setToolTip("The selected interview's speaker is someone else: "
                                     "a person of their own")
        self.status = QLabel()
        self.status.setObjectName("peopleStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.merge_button)
        buttons.addWidget(self.split_button)
        buttons.addStretch(1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.people)
        split.addWidget(self.interviews)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.filter)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.filter.textChanged.connect(self._apply_filter)
        self.people.itemSelectionChanged.connect(self._show_selected)
        self.interviews.itemSelectionChanged.connect(self._update_buttons)
        self._people: list[Person] = []
        self._update_buttons()

    def set_people(self, people: list[Person]) -> None:
        """Show a new list, keeping the selection by person key."""
        selected = {p.key for p in self.selected_people()}
        self._people = people
        self.people.setSortingEnabled(False)
        self.people.clear()
        for person in people:
            item = QTreeWidgetItem([person.name, "", "", ""])
            for column, value in ((1, person.interviews), (2, person.turns), (3, person.words)):
                item.setData(column, Qt.ItemDataRole.DisplayRole, value)
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight
                                      | Qt.AlignmentFlag.AlignVCenter)
            others = [n for n in person.names if n != person.name]
            item.setToolTip(0, person.name + (f"\nAlso: {', '.join(others)}" if others else ""))
            item.setData(0, _ROLE, person)
            self.people.addTopLevelItem(item)
            item.setSelected(person.key in selected)
        self.people.setSortingEnabled(True)
        self._apply_filter(self.filter.text())
        self.status.setText(f"{len(people)} people in the library." if people else
                            "No people yet: add transcripts to the library.")

    def selected_people(self) -> list[Person]:
        return [item.data(0, _ROLE) for item in self.people.selectedItems()]

    def selected_appearance(self) -> Appearance | None:
        items = self.interviews.selectedItems()
        return items[0].data(0, _ROLE) if items else None

    def names(self) -> list[str]:
        """The people's names as listed (tests and accessibility)."""
        return [self.people.topLevelItem(i).text(0)  # type: ignore[union-attr]
                for i in range(self.people.topLevelItemCount())
                if not self.people.topLevelItem(i).isHidden()]  # type: ignore[union-attr]

    def _apply_filter(self, text: str) -> None:
        words = text.casefold().split()
        for i in range(self.people.topLevelItemCount()):
            item = self.people.topLevelItem(i)
            if item is None:
                continue
            person: Person = item.data(0, _ROLE)
            haystack = " ".join(person.names).casefold()
            item.setHidden(not all(w in haystack for w in words))

    def _show_selected(self) -> None:
        self.interviews.clear()
        chosen = self.selected_people()
        if len(chosen) == 1:
            for appearance in chosen[0].appearances:
                when = date_text(appearance.date)
                title = f"{appearance.title} ({when})" if when else appearance.title
                item = QTreeWidgetItem([title, appearance.label, str(appearance.turns)])
                item.setData(0, _ROLE, appearance)
                item.setToolTip(0, title)
                self.interviews.addTopLevelItem(item)
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.selected_people()
        self.merge_button.setEnabled(len(chosen) >= 2)
        self.split_button.setEnabled(
            len(chosen) == 1 and len(chosen[0].appearances) > 1
            and self.selected_appearance() is not None
        )


class PeopleController(QObject):
    """One per window: the People dock, its list, and the merge/split edits."""

    def __init__(self, window: MainWindow, session: LibrarySession) -> None:
        super().__init__(window)
        self.setObjectName("peopleController")
        self.window = window
        self.session = session
        self.people: list[Person] | None = None  # None until built
        self._stale = True
        self.panel = PeoplePanel()
        self.dock = QDockWidget("People", window)
        self.dock.setObjectName("peopleDock")
        self.dock.setWidget(self.panel)
        window.add_dock(self.dock, Qt.DockWidgetArea.RightDockWidgetArea)
        self.dock.hide()  # opened from View › People (or its tab)
        self.dock.visibilityChanged.connect(self._on_visibility)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(300)
        self._debounce.timeout.connect(self.refresh)
        session.entriesChanged.connect(self._on_entries_changed)
        self.panel.merge_button.clicked.connect(self.merge_selected)
        self.panel.split_button.clicked.connect(self.split_selected)
        self.panel.interviews.itemActivated.connect(
            lambda item, _col: self._open(item.data(0, _ROLE)))
        action = make_action(window, "&People", self.show_panel, ["Ctrl+Shift+P"],
                             "The people in the library, across their interviews",
                             window_wide=True)
        window.menu("View").addAction(action)

    # -- building the list ---------------------------------------------------------------------

    def show_panel(self) -> None:
        self.dock.show()
        self.dock.raise_()
        self.refresh_if_stale()

    def _on_visibility(self, shown: bool) -> None:
        if shown:
            self.refresh_if_stale()

    def refresh_if_stale(self) -> None:
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Build the list in the library's queue (each entry's stored transcript is read)."""
        if not self.session.ready and self.session.state != "opening":
            return
        self._stale = False
        self.panel.status.setText("Finding the people in the library…")

        def work(workspace: Workspace, ctx: JobContext) -> list[Person]:
            found: list[Appearance] = []
            entries: list[LibraryEntry] = workspace.entries()
            for done, entry in enumerate(entries):
                if ctx.cancelled():
                    break
                ctx.progress(done, len(entries), entry.title)
                with contextlib.suppress(Exception):  # an unreadable entry names nobody
                    found += appearances_of(entry.id, workspace.transcript(entry.id),
                                            title=entry.title, date=entry.date)
            return build_people(found, PeopleEdits.load(edits_path(workspace)))

        self.session.run(work, on_done=self._show,
                         on_error=lambda exc: self.panel.status.setText(
                             f"The people could not be listed: {exc}."))

    def _show(self, people: list[Person]) -> None:
        self.people = people
        with contextlib.suppress(RuntimeError):  # the window may be gone
            self.panel.set_people(people)

    def _on_entries_changed(self, _entries: object) -> None:
        self._stale = True
        if self.dock.isVisible():
            self._debounce.start()

    # -- the user's corrections ----------------------------------------------------------------

    def merge_selected(self) -> None:
        chosen = self.panel.selected_people()
        if len(chosen) < 2:
            return
        into = chosen[0]
        self._edit(lambda edits: [edits.merge(p.key, into.key) for p in chosen[1:]],
                   f"{', '.join(p.name for p in chosen[1:])} merged into {into.name}.")

    def split_selected(self) -> None:
        appearance = self.panel.selected_appearance()
        if appearance is None:
            return
        self._edit(lambda edits: edits.split(appearance.key),
                   f"“{appearance.label}” in “{appearance.title}” is now a person of their own.")

    def _edit(self, change: object, sentence: str) -> None:
        def work(workspace: Workspace, ctx: JobContext) -> None:
            path = edits_path(workspace)
            edits = PeopleEdits.load(path)
            change(edits)  # type: ignore[operator]
            edits.save(path)

        def done(_: None) -> None:
            self.window.statusBar().showMessage(sentence, 6000)
            self.refresh()

        self.session.run(work, on_done=done, writes=True)

    def _open(self, appearance: Appearance | None) -> None:
        if appearance is not None:
            self.session.load(appearance.entry_id, self.window.show_transcript)

    # -- search --------------------------------------------------------------------------------

    def expand(self, query: str) -> str:
        """A library query with its `speaker:` terms widened to every name of the people they
        match (as listed now; the first such search builds the list for the next)."""
        if "speaker:" not in query.casefold():
            return query
        if self.people is None:
            if self._stale:
                self.refresh()
            return query
        return expand_speakers(query, self.people)


def edits_path(workspace: Workspace) -> Path:
    """people.json beside the library's database."""
    folder = Path(workspace.index_dir).parent if workspace.index_dir else paths.user_data_dir()
    return folder / EDITS_FILE
