"""The redaction list editor: names, phrases and the e-mail / phone patterns, each with an
optional pseudonym. The list belongs to the library (kept through the workspace); the dialog only
edits a copy and hands back a `Redaction` when accepted."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.redaction import Redaction, Rule, RuleKind

_KINDS: Final = (
    ("Name", RuleKind.NAME), ("Phrase", RuleKind.PHRASE),
    ("E-mail addresses", RuleKind.EMAIL), ("Phone numbers", RuleKind.PHONE),
)  # fmt: skip
KIND, TEXT, PSEUDONYM = range(3)


class RedactionDialog(QDialog):
    """Edit the library's redaction list (rows of kind | name or phrase | pseudonym)."""

    def __init__(self, redaction: Redaction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("redactionDialog")
        self.setWindowTitle("Redaction List")
        self.resize(620, 380)
        intro = QLabel(
            "These are taken out of everything Verbatim copies or exports (quotes, citations, "
            "every export format, keyword-in-context and statistics exports). Transcripts and "
            "saved quotes never change. A name also takes out each of its parts; inside a "
            "quote the stand-in is shown in [square brackets]."
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("redactionTable")
        self.table.setHorizontalHeaderLabels(["Kind", "Name or phrase", "Pseudonym (optional)"])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(KIND, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(PSEUDONYM, QHeaderView.ResizeMode.Stretch)
        add = QPushButton("Add")
        add.clicked.connect(lambda _=False: self.add_rule(Rule(RuleKind.NAME)))
        remove = QPushButton("Remove")
        remove.clicked.connect(lambda _=False: self.remove_selected())
        self.problem = QLabel("")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        row.addWidget(self.problem)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        for rule in redaction.rules:
            self.add_rule(rule)

    def add_rule(self, rule: Rule) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        kind = QComboBox()
        for label, value in _KINDS:
            kind.addItem(label, value)
        kind.setCurrentIndex(max(0, kind.findData(rule.kind)))
        kind.currentIndexChanged.connect(lambda _i, k=kind: self._kind_changed(k))
        self.table.setCellWidget(row, KIND, kind)
        self.table.setItem(row, TEXT, QTableWidgetItem(rule.text))
        self.table.setItem(row, PSEUDONYM, QTableWidgetItem(rule.pseudonym))
        self._kind_changed(kind)
        if not rule.text and rule.kind in (RuleKind.NAME, RuleKind.PHRASE):
            self.table.setCurrentCell(row, TEXT)
            item = self.table.item(row, TEXT)
            if item is not None:
                self.table.editItem(item)

    def remove_selected(self) -> None:
        chosen = self.table.selectionModel().selectedIndexes()
        rows = sorted({index.row() for index in chosen}, reverse=True)
        for row in rows:
            self.table.removeRow(row)

    def _kind_changed(self, combo: QComboBox) -> None:
        for row in range(self.table.rowCount()):
            if self.table.cellWidget(row, KIND) is combo:
                item = self.table.item(row, TEXT)
                if item is None:
                    return
                pattern = combo.currentData() in (RuleKind.EMAIL, RuleKind.PHONE)
                flags = item.flags()
                if pattern:
                    item.setText("")
                    item.setFlags(flags & ~Qt.ItemFlag.ItemIsEditable)
                    item.setToolTip("A pattern: every address or number is taken out")
                else:
                    item.setFlags(flags | Qt.ItemFlag.ItemIsEditable)
                    item.setToolTip("")
                return

    def redaction(self) -> Redaction:
        """The rules as edited (rows without a name or phrase are left out)."""
        rules = []
        for row in range(self.table.rowCount()):
            combo = self.table.cellWidget(row, KIND)
            kind = RuleKind(combo.currentData()) if isinstance(combo, QComboBox) else RuleKind.NAME
            text_item = self.table.item(row, TEXT)
            pseudonym_item = self.table.item(row, PSEUDONYM)
            text = text_item.text().strip() if text_item else ""
            pseudonym = pseudonym_item.text().strip() if pseudonym_item else ""
            if kind in (RuleKind.NAME, RuleKind.PHRASE) and not text:
                continue
            rules.append(Rule(kind, text, pseudonym))
        return Redaction(tuple(rules))

    def _accept(self) -> None:
        self.table.setCurrentCell(-1, -1)  # commit an open editor
        self.accept()
