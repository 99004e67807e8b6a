"""Citation details of one transcript: pre-filled from the import, saved in the library.

The dialog edits a `CitationRecord` (core) and shows, live, which fields the chosen style
still needs ("APA 7 still needs: URL, publication date"), using the style's own list
(`desktop.core.citations.missing_fields`). Dates may be partial (`2021`, `Dec 2021`, or
`2 December` when the source gives no year), which a date picker cannot express, so they are
text fields that take dates as people write them (`2 Dec 2021`, `December 2, 2021`,
`2021-12-02`) and store ISO 8601. People show the name the import resolved from a label and
where it was found ("from the title"), so a wrong guess is seen and corrected here.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Final

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.citations import (
    MEDIA,
    CitationDetailsError,
    CitationRecord,
    QuotationStyle,
    get_style,
    missing_fields,
    record_from_mapping,
    style_labels,
)
from desktop.core.citations.dates import natural, to_iso
from desktop.core.citations.people import resolves_to_nobody
from desktop.core.citations.typography import nest

#: How the fields are named to the user (missing-field lists use these words too).
FIELD_LABELS: Final = {
    "title": "title",
    "interviewees": "interviewee",
    "interviewer": "interviewer",
    "byline": "byline author",
    "outlet": "outlet",
    "published": "publication date",
    "recorded": "recording date",
    "place": "recording place",
    "url": "URL",
    "medium": "medium",
    "duration": "duration",
    "accessed": "accessed date",
    "language": "language",
}
_DATES: Final = ("published", "recorded", "accessed")
_PLACEHOLDERS: Final = {
    "title": "Headline or title of the interview",
    "interviewer": "Efi Koutsokosta",
    "byline": "Author named in the byline, if published as an article",
    "outlet": "Euronews",
    "published": "e.g. 2 Dec 2021, Dec 2021, 2021",
    "recorded": "e.g. 2 Dec 2021",
    "place": "Where it was recorded",
    "url": "https://…",
    "duration": "e.g. 12:30",
    "accessed": "e.g. 15 Jan 2025",
    "language": "en",
}


def _buddy(text: str, widget: QWidget) -> QLabel:
    """A form label whose mnemonic focuses `widget` (rows holding a layout need one)."""
    label = QLabel(text)
    label.setBuddy(widget)
    return label


def missing_sentence(style_id: str, record: CitationRecord) -> str:
    """"APA 7 still needs: URL, publication date." or "… has every detail it uses." """
    label = get_style(style_id).label
    missing = missing_fields(style_id, record)
    if not missing:
        return f"{label} has every detail it uses."
    names = []
    for name in missing:
        words = FIELD_LABELS.get(name, name)
        if getattr(record, name, None):  # filled, but a date without its year
            words += " (its year)"
        names.append(words)
    return f"{label} still needs: " + ", ".join(names) + "."


class CitationDialog(QDialog):
    """Edit a transcript's citation details. `record()` gives the result after `exec()`."""

    def __init__(
        self,
        record: CitationRecord,
        style_id: str,
        *,
        source_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("citationDialog")
        self.setWindowTitle("Citation Details")
        #: True when the user asked to go back to what the import found.
        self.reset_requested = False
        #: The form as filled from the record (what counts as "not edited" on save).
        self._opened: dict[str, Any] = {}
        self._edits: dict[str, QLineEdit] = {}
        shown_name = nest(source_name, QuotationStyle.US)  # its own quotes become ‘…’
        intro = QLabel(
            f"How “{shown_name}” is cited. Filled in from the import; your changes are saved "
            "in your library." if source_name else "How this transcript is cited."
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)

        self.style_combo = QComboBox()
        for sid, label in style_labels():
            self.style_combo.addItem(label, sid)
        self.style_combo.setCurrentIndex(max(0, self.style_combo.findData(style_id)))
        self.missing_label = QLabel()
        self.missing_label.setObjectName("missingFields")
        self.missing_label.setTextFormat(Qt.TextFormat.PlainText)
        self.missing_label.setWordWrap(True)
        self.error_label = QLabel()
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c62828;")
        # the line is always there (empty when all is well), so rows never jump under the mouse
        self.error_label.setMinimumHeight(self.error_label.fontMetrics().lineSpacing() * 2)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow("Check for &style:", self.style_combo)
        form.addRow("&Title:", self._edit("title"))
        self.people = QTableWidget(0, 3)
        self.people.setObjectName("interviewees")
        self.people.setHorizontalHeaderLabels(["Name", "Role or title", "Name found"])
        self.people.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.people.verticalHeader().hide()
        self.people.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.people.setMaximumHeight(110)
        add = QPushButton("Add")
        add.clicked.connect(lambda: self.add_interviewee("", ""))
        remove = QPushButton("Remove")
        remove.clicked.connect(self._remove_interviewee)
        people_buttons = QVBoxLayout()
        people_buttons.addWidget(add)
        people_buttons.addWidget(remove)
        people_buttons.addStretch(1)
        people_row = QHBoxLayout()
        people_row.addWidget(self.people, 1)
        people_row.addLayout(people_buttons)
        form.addRow(_buddy("Inter&viewees:", self.people), people_row)
        form.addRow("&Interviewer:", self._edit("interviewer"))
        self.interviewer_source = QLabel()
        self.interviewer_source.setObjectName("interviewerSource")
        self.interviewer_source.setTextFormat(Qt.TextFormat.PlainText)
        self.interviewer_source.setEnabled(False)  # a muted hint under the field
        form.addRow("", self.interviewer_source)
        form.addRow("&Byline author:", self._edit("byline"))
        form.addRow("&Outlet:", self._edit("outlet"))
        form.addRow("&Publication date:", self._edit("published"))
        form.addRow("&Recording date:", self._edit("recorded"))
        form.addRow("Recording p&lace:", self._edit("place"))
        form.addRow("&URL:", self._edit("url"))
        self.medium = QComboBox()
        self.medium.addItem("(not given)", "")
        for medium in MEDIA:
            self.medium.addItem(medium, medium)
        form.addRow("&Medium:", self.medium)
        form.addRow("&Duration:", self._edit("duration"))
        accessed_row = QHBoxLayout()
        accessed_row.addWidget(self._edit("accessed"), 1)
        today = QPushButton("Today")
        today.clicked.connect(
            lambda: self._edits["accessed"].setText(_dt.date.today().isoformat())
        )
        accessed_row.addWidget(today)
        form.addRow(_buddy("&Accessed:", self._edits["accessed"]), accessed_row)
        form.addRow("Lan&guage:", self._edit("language"))

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        reset = self.buttons.addButton("Reset to Import",
                                       QDialogButtonBox.ButtonRole.ResetRole)
        reset.clicked.connect(self._reset)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.missing_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self.set_record(record)
        self.style_combo.currentIndexChanged.connect(self._update)
        self.medium.currentIndexChanged.connect(self._update)
        self.people.itemChanged.connect(self._update)
        self.people.itemChanged.connect(self._person_edited)
        for edit in self._edits.values():
            edit.textChanged.connect(self._update)
        self._update()
        self.resize(560, self.sizeHint().height())

    # -- API ----------------------------------------------------------------------------------

    def style_id(self) -> str:
        return str(self.style_combo.currentData())

    def set_record(self, record: CitationRecord) -> None:
        for name, edit in self._edits.items():
            value = getattr(record, name) or ""
            edit.setText(natural(value) if name in _DATES else value)
            edit.setCursorPosition(0)  # long titles show their beginning
        self.interviewer_source.setText(
            f"Name {record.interviewer_source}." if record.interviewer and
            record.interviewer_source else
            "" if record.interviewer else
            "The transcript names no interviewer: citations leave the interviewer out."
        )
        medium = (record.medium or "").lower()
        index = self.medium.findData(medium)
        if index < 0 and medium:
            self.medium.addItem(medium, medium)
            index = self.medium.count() - 1
        self.medium.setCurrentIndex(max(0, index))
        self.people.setRowCount(0)
        for person in record.interviewees:
            self.add_interviewee(person.name, person.role or "", person.source or "")
        self._opened = self.values()

    def field(self, name: str) -> QLineEdit:
        """The text field of a record field (tests fill the form through this)."""
        return self._edits[name]

    def add_interviewee(self, name: str, role: str, source: str = "") -> None:
        """A row of the people table; `source` says where the import found the name."""
        row = self.people.rowCount()
        self.people.insertRow(row)
        self.people.setItem(row, 0, QTableWidgetItem(name))
        self.people.setItem(row, 1, QTableWidgetItem(role))
        found = QTableWidgetItem(source or "typed by you")
        found.setFlags(found.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.people.setItem(row, 2, found)
        self._update()

    def values(self) -> dict[str, Any]:
        """The form as citation details (the META.json form)."""
        data: dict[str, Any] = {name: edit.text().strip() or None
                                for name, edit in self._edits.items()}
        for name in _DATES:  # as typed ("2 Dec 2021") -> ISO; what is no date stays as typed
            if data[name]:
                data[name] = to_iso(data[name]) or data[name]
        data["medium"] = str(self.medium.currentData() or "") or None
        people = []
        for row in range(self.people.rowCount()):
            name_item, role_item = self.people.item(row, 0), self.people.item(row, 1)
            name = name_item.text().strip() if name_item else ""
            role = role_item.text().strip() if role_item else ""
            if name:
                people.append({"name": name, "role": role or None})
        data["interviewees"] = people
        return data

    def changes(self) -> dict[str, Any]:
        """The fields the user changed since the form was filled, a cleared one as "" (no
        interviewees: []), so the store keeps it empty instead of falling back to the import;
        untouched fields are left out (they keep what was stored)."""
        now = self.values()
        out: dict[str, Any] = {}
        for name, value in now.items():
            if value != self._opened.get(name):
                out[name] = value if value else ([] if name == "interviewees" else "")
        return out

    def invalid_fields(self) -> list[str]:
        """Date fields whose text is no date."""
        return [
            name for name in _DATES
            if self._edits[name].text().strip() and to_iso(self._edits[name].text()) is None
        ]

    def record(self) -> CitationRecord:
        """The edited record; raises CitationDetailsError while a date is not valid."""
        return record_from_mapping(self.values(), "citation details")

    def missing_text(self) -> str:
        return self.missing_label.text()

    # -- internals ----------------------------------------------------------------------------

    def _edit(self, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(f"field_{name}")
        edit.setPlaceholderText(_PLACEHOLDERS.get(name, ""))
        edit.setClearButtonEnabled(True)
        self._edits[name] = edit
        return edit

    def _person_edited(self, item: QTableWidgetItem) -> None:
        """A name the user corrects is no longer the import's guess."""
        if item.column() == 0:
            found = self.people.item(item.row(), 2)
            if found is not None and found.text() != "typed by you":
                found.setText("edited by you")

    def _remove_interviewee(self) -> None:
        rows = sorted({i.row() for i in self.people.selectedIndexes()}, reverse=True)
        if not rows and self.people.rowCount():
            rows = [self.people.rowCount() - 1]
        for row in rows:
            self.people.removeRow(row)
        self._update()

    def _current(self) -> CitationRecord:
        """The form as a record, with invalid dates left out (for the live missing list)."""
        data = self.values()
        for name in self.invalid_fields():
            data[name] = None
        try:
            return record_from_mapping(data, "citation details")
        except CitationDetailsError:
            return CitationRecord()

    def _update(self, *_: object) -> None:
        style_id = self.style_id()
        record = self._current()
        labels = [p.name for p in record.interviewees if resolves_to_nobody(p.name)]
        if record.interviewer and resolves_to_nobody(record.interviewer):
            labels.append(record.interviewer)
        warning = (
            " " + ", ".join(f"“{n}”" for n in labels)
            + (" is a role, not a person: write the name, or leave it empty."
               if len(labels) == 1 else " are roles, not people: write the names.")
            if labels else ""
        )
        self.missing_label.setText(missing_sentence(style_id, record) + warning)
        label = get_style(style_id).label
        missing = set(missing_fields(style_id, record))
        for name, edit in self._edits.items():
            edit.setPlaceholderText(
                f"needed by {label}" if name in missing else _PLACEHOLDERS.get(name, "")
            )
        invalid = self.invalid_fields()
        names = ", ".join(FIELD_LABELS[n] for n in invalid)
        self.error_label.setText(
            f"Not a date (write it like 2 Dec 2021, Dec 2021 or 2021): {names}." if invalid
            else ""
        )
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        if save is not None:
            save.setEnabled(not invalid)

    def _reset(self) -> None:
        self.reset_requested = True
        self.accept()


__all__ = ["FIELD_LABELS", "CitationDialog", "missing_sentence"]
