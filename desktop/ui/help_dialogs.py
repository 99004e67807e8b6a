"""Help › Keyboard Shortcuts and Help › Search Syntax.

Why built from the actions: a hand-written list of shortcuts drifts from the menus; this one
reads every action the window has (menus, submenus, window-wide and reader actions), so a
feature that adds a shortcut appears here without anyone editing a list. The syntax help's
examples are links that run the query in the Search panel.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.actions import make_action

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

#: The query language, one row per rule: (what to type, what it finds). Examples in the
#: first column run when clicked.
SYNTAX: Final = (
    ("sanctions", "the word and its forms (sanction, sanctioned): words are stemmed"),
    ("\"aggression against Ukraine\"", "the exact phrase"),
    ("speaker:blinken aggression", "words said by a speaker (part of the name or an alias)"),
    ("role:question nato", "words in questions (role:answer for answers)"),
    ("Lavrof~", "fuzzy: words one letter away (Lavrov); word~2 allows two"),
    ("negotiat*", "prefix: every word that starts so"),
    ("nato AND (russia OR ukraine)", "AND, OR, NOT and parentheses combine terms"),
    ("diplomacy NOT sanctions", "turns with the first word but not the second"),
)


@dataclass(frozen=True, slots=True)
class Shortcut:
    """One action with its keys, as the shortcut list shows it."""

    action: str
    keys: str
    where: str


def install(window: MainWindow) -> None:
    """Add Help › Keyboard Shortcuts and Help › Search Syntax (before About)."""
    help_menu = window.menu("Help")
    first = help_menu.actions()[0] if help_menu.actions() else None
    shortcuts = make_action(window, "&Keyboard Shortcuts",
                            lambda: ShortcutsDialog(window).exec(),
                            ["Ctrl+/"], window_wide=True)
    syntax = make_action(window, "&Search Syntax", lambda: SyntaxDialog(window).exec())
    for action in (shortcuts, syntax):
        help_menu.insertAction(first, action) if first else help_menu.addAction(action)
    if first is not None:
        help_menu.insertSeparator(first)


#: Qt's first code of the special keys some keyboards have (Back, Open, Find, Copy, media
#: keys): bound by the platform's standard shortcuts, but not keys a reader would press.
_FIRST_SPECIAL_KEY: Final = 0x01000061


def _special_key(sequence: QKeySequence) -> bool:
    if sequence.count() == 0:
        return False
    first = sequence[0]  # type: ignore[index]  # PySide6's stubs lack QKeySequence.__getitem__
    return bool(first.key().value >= _FIRST_SPECIAL_KEY)


def _plain(text: str) -> str:
    """A menu label without its mnemonic ampersand or trailing dots."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(".…")


def shortcuts_of(window: MainWindow) -> list[Shortcut]:
    """Every action of the window that has a key, with the menu it lives in."""
    found: list[Shortcut] = []
    seen: set[int] = set()

    def add(action: QAction, where: str) -> None:
        if id(action) in seen or action.isSeparator():
            return
        seen.add(id(action))
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()
                if not _special_key(k)]
        keys = list(dict.fromkeys(k for k in keys if k))
        if keys and action.text():
            found.append(Shortcut(_plain(action.text()), ", ".join(keys), where))

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub, f"{path} › {_plain(action.text())}")
            else:
                add(action, path)

    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            walk(menu, _plain(top.text()))
    for action in window.reader.actions():
        add(action, "Reader (right-click)")
    for child in window.findChildren(QAction):
        add(child, _panel_of(child))
    return found


def _panel_of(action: QAction) -> str:
    """The title of the dock an action belongs to ("Quote Board"), else "Window"."""
    owner = action.parent()
    while owner is not None:
        if isinstance(owner, QDockWidget):
            return owner.windowTitle()
        owner = owner.parent()
    return "Window"


class ShortcutsDialog(QDialog):
    """A searchable list of the window's keyboard shortcuts."""

    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard Shortcuts")
        self.resize(560, 520)
        self.filter = QLineEdit()
        self.filter.setObjectName("shortcutsFilter")
        self.filter.setPlaceholderText("Find an action or a key")
        self.filter.setClearButtonEnabled(True)
        self.list = QTreeWidget()
        self.list.setObjectName("shortcutsList")
        self.list.setColumnCount(3)
        self.list.setHeaderLabels(["Action", "Keys", "Menu"])
        self.list.setRootIsDecorated(False)
        self.list.setAlternatingRowColors(True)
        self.list.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.list.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.list.header().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.list.setSortingEnabled(True)
        for item in shortcuts_of(window):
            QTreeWidgetItem(self.list, [item.action, item.keys, item.where])
        self.list.sortByColumn(2, Qt.SortOrder.AscendingOrder)
        self.filter.textChanged.connect(self.apply_filter)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.filter.setFocus()

    def apply_filter(self, text: str) -> None:
        words = text.casefold().split()
        for item in self._items():
            haystack = " ".join(item.text(c) for c in range(3)).casefold()
            item.setHidden(not all(w in haystack for w in words))

    def visible_actions(self) -> list[str]:
        """The action names shown now (tests and accessibility)."""
        return [item.text(0) for item in self._items() if not item.isHidden()]

    def _items(self) -> list[QTreeWidgetItem]:
        found = (self.list.topLevelItem(i) for i in range(self.list.topLevelItemCount()))
        return [item for item in found if item is not None]


def syntax_html(link: bool = True) -> str:
    """The query rules as an HTML table; every piece of text escaped, examples as links."""
    rows = []
    for query, meaning in SYNTAX:
        shown = html.escape(query)
        cell = f'<a href="query:{html.escape(query, quote=True)}">{shown}</a>' if link else shown
        rows.append(f"<tr><td><code>{cell}</code></td><td>{html.escape(meaning)}</td></tr>")
    return (
        "<p>Type in the Search panel (Ctrl+F for this transcript, Ctrl+Shift+F for the "
        "Library). Click an example to run it.</p>"
        '<table cellspacing="6">' + "".join(rows) + "</table>"
        "<p>Enter opens the first hit; F3 and Shift+F3 step through every match.</p>"
    )


class SyntaxDialog(QDialog):
    """Help › Search Syntax: the rules with examples that run when clicked."""

    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setObjectName("syntaxDialog")
        self.setWindowTitle("Search Syntax")
        self.resize(560, 420)
        self._window = window
        self.text = QTextBrowser()
        self.text.setObjectName("syntaxText")
        self.text.setOpenLinks(False)
        self.text.setHtml(syntax_html())
        self.text.anchorClicked.connect(lambda url: self.run(url.toString()[len("query:"):]))
        note = QLabel("Matching ignores case. \"This transcript\" lists hits in reading "
                      "order; the Library lists the best turns first.")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def run(self, query: str) -> None:
        """Run an example in the window's Search panel."""
        search = self._window.findChild(QObject, "searchController")
        if search is not None:
            search.focus_search()  # type: ignore[attr-defined]
            search.search(query)  # type: ignore[attr-defined]
        self.accept()
