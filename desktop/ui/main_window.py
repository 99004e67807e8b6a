"""The main window: navigator | reader in a splitter, menus, import in the background.

Features plug in through `FEATURES` (each a module's `install(window)`), and
use the public API: `workspace`, `session`, `open_path`, `show_transcript`, `current_transcript`,
`reader`, `navigator`, `menu(name)`, `add_dock(dock, area)`, `statusBar()`, `workers` and the
`transcriptOpened` signal.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Final

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QByteArray, Qt, QTimer, QUrl, Signal, qVersion
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QMainWindow,
    QMenu,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop import appinfo
from desktop.core.importers import available_importers
from desktop.core.isolated_import import ImportCancelled, import_isolated, warm_up
from desktop.core.model import Transcript
from desktop.core.workspace import Opened, Workspace
from desktop.ui import theme
from desktop.ui.actions import make_action
from desktop.ui.adaptive_layout import AdaptiveLayout
from desktop.ui.library_session import LibrarySession, shared_session
from desktop.ui.messages import error_sentence
from desktop.ui.models.transcript_model import TranscriptModel
from desktop.ui.settings import ZOOM_RANGE, Settings
from desktop.ui.views.navigator import Navigator
from desktop.ui.views.reader import Reader
from desktop.ui.views.report_bar import ReportBar, fill_reopen_menu
from desktop.ui.workers import JobCancelled, JobContext, Task, Workers

#: What every window is built from, in this order: each feature module's `install(window)`
#: (modules in `desktop.ui`, imported when installed). Add a module here to plug a panel into
#: the window (and to DEFAULT_PANELS if a first launch shows its panel).
FEATURES: Final = ("quote_controller", "search_controller", "library_controller",
                   "people_controller", "speaker_controller", "media_controller",
                   "source_watch", "reading_controller", "team_controller", "check_controller",
                   "import_fixes_controller", "help_dialogs")
#: A launch builds its window with `later=False`: no feature is installed before the first
#: paint, and every panel the window will show stands in as an empty dock with its title, in
#: its place and at its size, until `install_later()` builds the real ones (the words show
#: about 30 ms sooner; `benchmarks/launch_bench.py`). Other windows get all at once.
#: The panels of a first launch, as (object name, title): the quote board on top of the right
#: dock area, Search below it with the others as tabs behind it; what the features build,
#: installed into a window with no saved layout.
DEFAULT_PANELS: Final = (("quoteBoard", "Quote Board"), ("searchDock", "Search"),
                         ("libraryDock", "Library"), ("checkDock", "Check"))
#: A layout nobody saved gives the right dock area this share of the window's width, and the
#: quote board this share of that area's height.
DOCK_WIDTH_SHARE: Final = 0.3
BOARD_HEIGHT_SHARE: Final = 0.37

#: Additions to the theme's style sheet for this window and its menus and tooltips: one-of-many
#: menu items (exclusive groups) show round radio indicators, not check boxes; a submenu's
#: arrow keeps its distance from the label; tooltips get padding.
WINDOW_QSS: Final = (
    "QMenu::indicator:exclusive { border-radius: 9px; }"
    "QMenu::item { padding: 4px 40px 4px 19px; }"
    "QToolTip { padding: 4px 6px; }"
)
#: The menu bar, made whole before the first paint (features fill the menus, some later).
_MENU_ORDER: Final = ("File", "Edit", "View", "Search", "Quotes", "Playback", "Help")
_THEME_LABELS: Final = (("light", "&Light"), ("dark", "&Dark"), ("system", "Follow &System"))
_LIBRARIES: Final = ("PySide6-Essentials", "pyqtdarktheme-fork", "whoosh-reloaded",
                     "charset-normalizer", "ftfy", "python-docx", "fpdf2", "rapidfuzz")


class MainWindow(QMainWindow):
    """One transcript on screen: navigator on the left, reader on the right."""

    #: A transcript is now shown (the Transcript object).
    transcriptOpened = Signal(object)
    #: Opening a file failed (the exception); the shown transcript did not change.
    importFailed = Signal(object)

    def __init__(
        self,
        settings: Settings,
        *,
        theme_override: str | None = None,
        show_errors: bool = True,
        later: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        """`later=False`: install no feature (their panels stand in) and start no import
        server; `install_later()` adds them."""
        super().__init__(parent)
        self.settings = settings
        self.show_errors = show_errors
        self.workers = Workers(self)
        if later:
            warm_up()  # the import process server, started while the window builds
        #: Called with folders dropped on the window (the library installs it); without one,
        #: a dropped folder is refused like any unusable file.
        self.folder_handler: Callable[[list[str]], None] | None = None
        self._menus: dict[str, QMenu] = {}
        self._open_task: Task[Opened] | None = None
        self._forced: tuple[str | None, str | None] = (None, None)
        self._state_restored = False  # docks added later consult the saved layout only then
        self.setObjectName("mainWindow")
        self.setStyleSheet(WINDOW_QSS)  # before any child exists: nothing to re-polish
        self.setWindowTitle(appinfo.APP_NAME)
        self.setAcceptDrops(True)
        #: The user's data (library, quote board, index), shared by the windows of a process.
        self.session: LibrarySession = shared_session()
        self.session.acquire()
        session = self.session
        self.destroyed.connect(lambda *_: session.release())
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(session.close)

        self.model = TranscriptModel(self)
        self.navigator = Navigator(self.model)
        self.reader = Reader(self.model)
        self.report_bar = ReportBar()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(0)
        right_layout.addWidget(self.report_bar)
        right_layout.addWidget(self.reader, 1)
        self._right_layout = right_layout
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.navigator)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        #: The main area: the reading splitter, or a view that takes its place (the Library).
        self.main_area = QStackedWidget(self)
        self.main_area.setObjectName("mainArea")
        self.main_area.addWidget(self.splitter)
        self.setCentralWidget(self.main_area)

        self.navigator.turnActivated.connect(self._on_navigator_turn)
        self.navigator.sectionActivated.connect(self._on_navigator_section)
        self.reader.zoomRequested.connect(self.zoom_by)
        self.reader.currentTurnChanged.connect(self.navigator.show_turn)
        self.report_bar.reopenRequested.connect(self._reopen)

        self._build_status_bar()
        self._build_menus()
        self._theme = theme.controller()
        self._theme.set_choice(theme_override or settings.theme)
        self._sync_theme_actions()
        self.reader.set_zoom(settings.zoom)
        self._restore_layout()
        # All before the saved layout is restored, so that every dock takes its place.
        self._later_installed = later
        #: Docks that hold the place of a panel built after the first paint (`install_later`).
        self._stand_ins: list[QDockWidget] = []
        if later:
            self._install(list(FEATURES))
        else:
            panels = [(name, title) for name, title, _ in settings.open_panels]
            for name, title in panels or DEFAULT_PANELS:
                self._stand_in(name, title)
        #: Folds the side panels away when the window is too narrow for the words.
        self.adaptive = AdaptiveLayout(self)
        state = settings.window_state
        self._state_restored = state is not None and self.restoreState(state)
        #: A layout nobody saved is sized when the window first shows (`showEvent`).
        self._default_docks = not self._state_restored

    def _install(self, modules: list[str]) -> None:
        for name in modules:
            importlib.import_module(f"desktop.ui.{name}").install(self)

    def _stand_in(self, name: str, title: str) -> None:
        """An empty dock called `name`, titled as its panel, where a first launch puts that
        panel (the saved layout, restored next, moves it to where the user left it)."""
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(QWidget())
        board = self.findChild(QDockWidget, "quoteBoard")
        search = self.findChild(QDockWidget, "searchDock")
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        if name == "searchDock" and board is not None:
            self.splitDockWidget(board, dock, Qt.Orientation.Vertical)
        elif name != "quoteBoard" and search is not None:
            self.tabifyDockWidget(search, dock)
        self._stand_ins.append(dock)

    def _size_docks_by_default(self) -> None:
        """The right dock area's width and the quote board's height in a layout nobody saved,
        set rather than left to the panels' size hints, so that a launch's stand-ins and the
        panels that replace them take the same room."""
        # A launch knows its docks (its stand-ins): `findChildren` would make PySide wrap
        # every object in the window, Qt's private ones included (2-3 ms before the paint).
        docks = [d for d in self._stand_ins or self.findChildren(QDockWidget)
                 if not d.isHidden() and self.dockWidgetArea(d) ==
                 Qt.DockWidgetArea.RightDockWidgetArea]
        if not docks:
            return
        self.resizeDocks(docks, [int(self.width() * DOCK_WIDTH_SHARE)] * len(docks),
                         Qt.Orientation.Horizontal)
        board = self.findChild(QDockWidget, "quoteBoard")
        if board in docks:
            self.resizeDocks([board], [int(self.height() * BOARD_HEIGHT_SHARE)],
                             Qt.Orientation.Vertical)
        search = self.findChild(QDockWidget, "searchDock")
        if search is not None:
            search.raise_()

    def install_later(self) -> None:
        """Install the features left out by `later=False` (once): their panels replace the
        stand-ins, with the place, size and front tab the stand-ins were painted with."""
        if self._later_installed:
            return
        self._later_installed = True
        # The stand-ins' places, sizes and front tabs, with what a narrow window folded away
        # unfolded (folded again below): the real panels take them.
        self.adaptive.restore_all()
        painted = QByteArray(self.saveState())
        for dock in self._stand_ins:  # gone before the real ones come (no paint in between)
            self.removeDockWidget(dock)
            dock.setParent(None)
            dock.deleteLater()
        self._stand_ins = []
        self._install(list(FEATURES))
        state = self.settings.window_state
        if self._state_restored and state is not None:
            # Panels left hidden, which had no stand-in, take their saved places (and stay
            # hidden) from the layout the user left; `restoreDockWidget` would place them but
            # leave a panel that was open hidden.
            self.restoreState(state)
        # The real panels take the stand-ins' places exactly: the first screen does not move.
        self.restoreState(painted)
        self.adaptive.adapt()

    # -- public API ----------------------------------------------------------------------------

    def current_transcript(self) -> Transcript | None:
        return self.model.transcript()

    @property
    def workspace(self) -> Workspace | None:
        """The user's data, or None when the library file cannot be opened."""
        return self.session.workspace()

    def show_transcript(self, transcript: Transcript) -> None:
        """Show a transcript in both panes and the report bar; emits `transcriptOpened`."""
        self.model.set_transcript(transcript)
        self.report_bar.show_report(transcript)
        self.setWindowTitle(f"{transcript.title} — {appinfo.APP_NAME}")
        self._reopen_menu.setEnabled(True)
        self.transcriptOpened.emit(transcript)

    def open_path(
        self, path: str | Path, *, format: str | None = None, encoding: str | None = None
    ) -> None:
        """Open a file in the background (progress and Cancel in the status bar): imported
        once, stored in the library with the user's corrections applied (`Workspace.open_file`).

        On success the transcript is shown and `transcriptOpened` emitted; on failure a dialog
        says why (when `show_errors`), `importFailed` is emitted, and nothing else changes.
        """
        target = Path(path)
        workspace = self.workspace

        def job(ctx: JobContext) -> Opened:
            ctx.progress(0, 0, f"Opening {target.name}…")
            try:  # parsed in a child process: Cancel or closing the window kills it at once
                if workspace is None:
                    plain = import_isolated(target, format=format, encoding=encoding,
                                            cancelled=ctx.cancelled)
                    return Opened(plain, None, "not-stored")
                return workspace.open_file(
                    target, format=format, encoding=encoding, cancelled=ctx.cancelled,
                    defer_index=True,  # shown first; the library's queue indexes it next
                )
            except ImportCancelled:
                raise JobCancelled from None

        task = self.workers.submit(job, channel="open")
        self._open_task = task
        task.finished.connect(lambda t: self._on_opened(t, target, format, encoding))
        task.failed.connect(lambda exc: self._on_open_failed(exc, target))
        task.cancelled.connect(lambda: self.statusBar().showMessage("Opening cancelled.", 4000))
        task.done.connect(self._update_busy)
        self._busy_label(f"Opening {target.name}…")

    def is_busy(self) -> bool:
        """True while a file is being imported."""
        return self.workers.current("open") is not None

    def menu(self, name: str) -> QMenu:
        """The top-level menu called `name` ("File", "Edit", "View", "Help"); created on demand."""
        key = name.replace("&", "")
        existing = self._menus.get(key)
        if existing is not None:
            return existing
        menu = QMenu(f"&{key}", self)
        before = None
        if key in _MENU_ORDER:
            for later in _MENU_ORDER[_MENU_ORDER.index(key) + 1 :]:
                if later in self._menus:
                    before = self._menus[later].menuAction()
                    break
        elif "Help" in self._menus:
            before = self._menus["Help"].menuAction()
        if before is None:
            self.menuBar().addMenu(menu)
        else:
            self.menuBar().insertMenu(before, menu)
        self._menus[key] = menu
        return menu

    def add_top_bar(self, bar: QWidget) -> None:
        """Put a bar above the reader, under the import report (a changed-source notice)."""
        self._right_layout.insertWidget(1, bar)
    @property
    def navigator_action(self) -> QAction:
        """View › Show Navigator (checkable)."""
        return self._navigator_action

    def show_in_main_area(self, widget: QWidget | None) -> None:
        """Let `widget` take the main area in place of the navigator and reader (None: give
        it back to them)."""
        if widget is None:
            self.main_area.setCurrentWidget(self.splitter)
            return
        if self.main_area.indexOf(widget) < 0:
            self.main_area.addWidget(widget)
        self.main_area.setCurrentWidget(widget)

    def add_bottom_bar(self, bar: QWidget) -> None:
        """Put a bar under the reader (the media player's transport bar)."""
        self._right_layout.addWidget(bar)

    def add_dock(
        self,
        dock: QDockWidget,
        area: Qt.DockWidgetArea = Qt.DockWidgetArea.RightDockWidgetArea,
    ) -> None:
        """Add a panel; its place and visibility are remembered (give it an objectName)."""
        if not dock.objectName():
            dock.setObjectName(dock.windowTitle() or f"dock{len(self.findChildren(QDockWidget))}")
        self.addDockWidget(area, dock)
        if not (self._state_restored and self.restoreDockWidget(dock)):
            dock.show()  # new panels start visible; a saved layout decides otherwise
        self.menu("View").addAction(dock.toggleViewAction())

    # -- opening -------------------------------------------------------------------------------

    def _on_opened(
        self, opened: Opened, path: Path, format: str | None, encoding: str | None
    ) -> None:
        self._forced = (format, encoding)
        self.show_transcript(opened.transcript)
        if opened.changes.entries:
            self.session.index_later()
        if not _is_bundled_sample(path):  # the sample is no file of the user's
            self.settings.add_recent_file(path)
            self.settings.last_opened = str(path.resolve())
            self._fill_recent_menu()
        self.statusBar().showMessage(f"Opened {path.name}", 4000)

    def _on_open_failed(self, exc: object, path: Path) -> None:
        error = exc if isinstance(exc, BaseException) else RuntimeError(str(exc))
        sentence = error_sentence(error, path)
        self.statusBar().showMessage(sentence, 8000)
        self._progress.hide()  # nothing is running behind the dialog any more
        self._cancel.hide()
        if self.show_errors:
            self._show_error("Cannot open transcript", sentence, str(path))
        self.importFailed.emit(error)

    def _show_error(self, title: str, text: str, detail: str) -> None:
        if not self.isVisible():  # a launch shows its window once the file opened or failed
            self.show()
        from PySide6.QtWidgets import QMessageBox  # dialogs: named when shown, not at launch

        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok,
                          self)
        box.setTextFormat(Qt.TextFormat.PlainText)  # file names are data, never markup
        box.setInformativeText(detail)
        box.exec()

    def _reopen(self, format: str | None, encoding: str | None) -> None:
        transcript = self.current_transcript()
        if transcript is None:
            return
        old_format, old_encoding = self._forced
        self.open_path(
            transcript.source.path,
            format=format or old_format,
            encoding=encoding or old_encoding,
        )

    def _choose_files(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # dialogs: named when shown, not at launch

        files, _ = QFileDialog.getOpenFileNames(self, "Open Transcript", self.open_folder(),
                                                _file_filter())
        if files:
            self.open_path(files[0])
            for extra in files[1:]:
                self._open_in_new_window(extra)

    def open_folder(self) -> str:
        """Where File › Open starts: the folder of the last file the user opened, else their
        Documents folder (or home), never the app's own folder of the bundled sample."""
        last = self.settings.last_opened
        if last and not _is_bundled_sample(last) and Path(last).parent.is_dir():
            return str(Path(last).parent)
        from PySide6.QtCore import QStandardPaths

        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        if documents and Path(documents).is_dir():
            return documents
        return str(Path.home())

    def _open_in_new_window(self, path: str) -> None:
        window = MainWindow(self.settings, show_errors=self.show_errors)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.move(self.pos().x() + 40, self.pos().y() + 40)
        window.show()
        window.open_path(path)

    # -- status bar ----------------------------------------------------------------------------

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self._progress = QProgressBar()
        self._progress.setMaximumWidth(160)
        self._progress.setRange(0, 0)  # import gives no steps: a busy indicator
        self._progress.setTextVisible(False)
        self._cancel = QToolButton()
        self._cancel.setText("Cancel")
        self._cancel.clicked.connect(self._cancel_open)
        bar.addPermanentWidget(self._progress)
        bar.addPermanentWidget(self._cancel)
        self._progress.hide()
        self._cancel.hide()

    def _busy_label(self, message: str) -> None:
        self.statusBar().showMessage(message)
        self._progress.show()
        self._cancel.show()

    def _update_busy(self) -> None:
        if not self.is_busy():
            self._progress.hide()
            self._cancel.hide()

    def _cancel_open(self) -> None:
        task = self.workers.current("open")
        if task is not None:
            task.cancel()
        self._update_busy()

    # -- menus ---------------------------------------------------------------------------------

    def _action(
        self, menu: QMenu, text: str, slot: Callable[[], object],
        shortcuts: list[QKeySequence | QKeySequence.StandardKey] | None = None,
    ) -> QAction:
        action = make_action(self, text, slot, shortcuts or ())
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        for name in _MENU_ORDER:
            self.menu(name)
        file_menu = self.menu("File")
        self._action(file_menu, "&Open…", self._choose_files, [QKeySequence.StandardKey.Open])
        self._recent_menu = file_menu.addMenu("Open &Recent")
        self._fill_recent_menu()
        self._reopen_menu = file_menu.addMenu("Reopen &As")
        fill_reopen_menu(self._reopen_menu, self._reopen)
        self._reopen_menu.setEnabled(False)
        file_menu.addSeparator()
        self._action(file_menu, "&Close Window", self.close,
                     [QKeySequence("Ctrl+W"), QKeySequence.StandardKey.Close])
        quit_action = self._action(file_menu, "&Quit", self.close, [QKeySequence.StandardKey.Quit])
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        edit = self.menu("Edit")
        self._action(edit, "&Copy", self.reader.copy, [QKeySequence.StandardKey.Copy])
        self._action(edit, "Select &All", self.reader.selectAll,
                     [QKeySequence.StandardKey.SelectAll])

        view = self.menu("View")
        theme_menu = view.addMenu("&Theme")
        group = QActionGroup(self)
        group.setExclusive(True)
        self._theme_actions: dict[str, QAction] = {}
        for choice, label in _THEME_LABELS:
            action = QAction(label, group)
            action.setCheckable(True)
            action.triggered.connect(lambda _=False, c=choice: self.set_theme(c))
            theme_menu.addAction(action)
            self._theme_actions[choice] = action
        view.addSeparator()
        self._action(view, "Zoom &In", lambda: self.zoom_by(1),
                     [QKeySequence("Ctrl+="), QKeySequence("Ctrl++"),
                      QKeySequence.StandardKey.ZoomIn])
        self._action(view, "Zoom &Out", lambda: self.zoom_by(-1),
                     [QKeySequence("Ctrl+-"), QKeySequence.StandardKey.ZoomOut])
        self._action(view, "&Actual Size", lambda: self.set_zoom(0), [QKeySequence("Ctrl+0")])
        view.addSeparator()
        self._navigator_action = QAction("Show &Navigator", self)
        self._navigator_action.setCheckable(True)
        self._navigator_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self._navigator_action.toggled.connect(self._set_navigator_visible)
        view.addAction(self._navigator_action)
        self._action(view, "Show Import &Report", self._show_report)
        view.addSeparator()
        self._action(view, "&Next Turn", lambda: self.go_to_turn(1), [QKeySequence("Alt+Down")])
        self._action(view, "&Previous Turn", lambda: self.go_to_turn(-1),
                     [QKeySequence("Alt+Up")])
        self._action(view, "Next &Question", lambda: self.go_to_turn(1, questions=True),
                     [QKeySequence("Alt+Shift+Down")])
        self._action(view, "Previous Q&uestion", lambda: self.go_to_turn(-1, questions=True),
                     [QKeySequence("Alt+Shift+Up")])
        self._action(view, "Switch &Pane", self._switch_pane, [QKeySequence("F6")])

        help_menu = self.menu("Help")
        about = self._action(help_menu, f"&About {appinfo.APP_NAME}", self.show_about)
        about.setMenuRole(QAction.MenuRole.AboutRole)

    def _fill_recent_menu(self) -> None:
        self._recent_menu.clear()
        recent = self.settings.recent_files
        for path in recent:
            action = self._recent_menu.addAction(Path(path).name.replace("&", "&&"))
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(lambda _=False, p=path: self.open_path(p))
        if recent:
            self._recent_menu.addSeparator()
            clear = self._recent_menu.addAction("Clear Menu")
            clear.triggered.connect(self._clear_recent)
        self._recent_menu.setEnabled(bool(recent))

    def _clear_recent(self) -> None:
        self.settings.recent_files = []
        self._fill_recent_menu()

    def _show_report(self) -> None:
        transcript = self.current_transcript()
        if transcript is not None:
            self.report_bar.show_report(transcript)

    # -- view ----------------------------------------------------------------------------------

    def set_theme(self, choice: str) -> None:
        """Apply and remember a theme choice ("light", "dark" or "system")."""
        self.settings.theme = choice
        self._theme.set_choice(choice)
        self._sync_theme_actions()

    def _sync_theme_actions(self) -> None:
        action = self._theme_actions.get(self._theme.choice)
        if action is not None:
            action.setChecked(True)

    def zoom_by(self, steps: int) -> None:
        self.set_zoom(self.reader.zoom() + steps)

    def set_zoom(self, steps: int) -> None:
        """Set and remember the reader's zoom (points from the default size)."""
        steps = max(ZOOM_RANGE[0], min(ZOOM_RANGE[1], steps))
        self.reader.set_zoom(steps)
        self.settings.zoom = steps

    def _set_navigator_visible(self, visible: bool) -> None:
        self.navigator.setVisible(visible)
        self.settings.navigator_visible = visible
        adaptive = getattr(self, "adaptive", None)  # made after the menus
        if adaptive is not None:
            adaptive.forget("navigator")  # the user decided: not folded by the layout

    def go_to_turn(self, step: int, *, questions: bool = False) -> None:
        """Move the reader to the next/previous turn (or question) from the cursor."""
        transcript = self.current_transcript()
        if transcript is None or not transcript.turns:
            return
        here = self.reader.turn_at_position(self.reader.textCursor().position(), nearest=True)
        i = 0 if here is None else here
        while 0 <= i + step < len(transcript.turns):
            i += step
            if not questions or transcript.is_question(i):
                self.reader.scroll_to_turn(i)
                return

    def _switch_pane(self) -> None:
        if self.reader.hasFocus() and self.navigator.isVisible():
            self.navigator.setFocus()
        else:
            self.reader.setFocus()

    def _on_navigator_turn(self, turn_index: int) -> None:
        self.reader.scroll_to_turn(turn_index)
        # The last turns cannot reach the top of the view: keep the chosen one marked, not
        # the one the reader shows at its top.
        self.navigator.show_turn(turn_index)
        self.reader.setFocus()

    def _on_navigator_section(self, first_turn: int) -> None:
        self.reader.scroll_to_turn(first_turn, with_heading=True)
        self.reader.setFocus()

    def show_about(self) -> None:
        import platform  # compiles regexes at import: not at launch
        from importlib import metadata  # ~80 ms to import: not at launch

        from PySide6.QtWidgets import QMessageBox

        versions = []
        for dist in _LIBRARIES:
            try:
                versions.append(f"{dist} {metadata.version(dist)}")
            except metadata.PackageNotFoundError:
                continue
        QMessageBox.about(
            self,
            f"About {appinfo.APP_NAME}",
            f"<h3>{appinfo.APP_NAME} {appinfo.VERSION}</h3>"
            f"<p>{appinfo.SUMMARY}.</p>"
            f"<p>Application id: {appinfo.APP_ID}<br>"
            f"Qt {qVersion()} · PySide6 {pyside_version} · "
            f"Python {platform.python_version()}</p>"
            f"<p>Libraries: {', '.join(versions)}</p>"
            "<p>Works offline: your transcripts never leave this computer.</p>",
        )

    # -- layout memory -------------------------------------------------------------------------

    def _restore_layout(self) -> None:
        geometry = self.settings.geometry
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        sizes = self.settings.splitter_sizes
        self._default_split = not (len(sizes) == 2 and sizes[1] > 0)
        if not self._default_split:
            self.splitter.setSizes(sizes)
        visible = self.settings.navigator_visible
        self._navigator_action.setChecked(visible)
        self.navigator.setVisible(visible)

    def save_layout(self) -> None:
        """Remember geometry, docks and splitter sizes (called on close)."""
        self.settings.geometry = QByteArray(self.saveGeometry())
        self.adaptive.restore_all()  # panels folded for a narrow window are not the user's choice
        if self._later_installed:  # else the panels the launch left for later are not known
            self.settings.open_panels = [
                (d.objectName(), d.windowTitle(), not d.visibleRegion().isEmpty())
                for d in self.findChildren(QDockWidget) if not d.isHidden()]
        self.settings.window_state = QByteArray(self.saveState())
        if self.navigator.isVisible():
            self.settings.splitter_sizes = self.splitter.sizes()
        self.settings.sync()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._default_docks:  # laid out now: the sizes hold (before, the hints would win)
            self._default_docks = False
            self._size_docks_by_default()
        if self._default_split:  # first run: size the navigator once docks have taken their room
            self._default_split = False
            QTimer.singleShot(0, self._split_default)

    def _split_default(self) -> None:
        total = max(1, self.splitter.width())
        navigator = int(max(220, min(380, total * 0.26)))
        self.splitter.setSizes([navigator, max(1, total - navigator)])

    def closeEvent(self, event: QCloseEvent) -> None:
        self.workers.cancel_all()
        self.workers.wait(3000)  # cancelled jobs stop at their next check
        self.save_layout()
        super().closeEvent(event)

    # -- drag and drop -------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _local_files(event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = _local_files(event.mimeData().urls())
        if not files:
            event.ignore()
            return
        event.acceptProposedAction()
        folders = [f for f in files if Path(f).is_dir()]
        files = [f for f in files if f not in folders]
        if folders and self.folder_handler is not None:
            self.folder_handler(folders)
        else:
            files = folders + files  # no library installed: opening says it is a folder
        if not files:
            return
        self.open_path(files[0])
        for extra in files[1:]:
            self._open_in_new_window(extra)


def _is_bundled_sample(path: str | Path) -> bool:
    from desktop import paths
    from desktop.core.workspace import same_source

    try:
        return same_source(str(path), str(paths.sample_interview()))
    except FileNotFoundError:  # an installation without the sample
        return False


def _local_files(urls: list[QUrl]) -> list[str]:
    return [url.toLocalFile() for url in urls if url.isLocalFile() and url.toLocalFile()]


def _file_filter() -> str:
    """"Transcripts (*.txt *.srt …);;All files (*)" from the registered importers."""
    patterns = sorted({f"*{ext}" for imp in available_importers() for ext in imp.extensions})
    return f"Transcripts ({' '.join(patterns)});;All files (*)"
