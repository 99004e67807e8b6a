"""Export dialog: which quotes, which format and style, and where (a native save dialog).

It only collects the choice (`ExportChoice`); the controller runs the export in the worker
helper, where every quote is verified against its source before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.citations import style_labels


@dataclass(frozen=True, slots=True)
class ExportChoice:
    """What the user asked for."""

    selected_only: bool
    format: str
    style: str
    path: Path


class ExportDialog(QDialog):
    """Selected or all quotes → format, style, file."""

    def __init__(
        self,
        *,
        selected: int,
        total: int,
        style_id: str,
        format_id: str = "md",
        folder: str | Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        from desktop.core.export import format_labels  # the exporters: not at launch

        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export Quotes")
        self._folder = Path(folder) if folder else Path.home()
        self._extensions = {fid: ext for fid, _label, ext in format_labels()}
        self._labels = {fid: label for fid, label, _ext in format_labels()}

        self.selected_radio = QRadioButton(f"&Selected quotes ({selected})")
        self.all_radio = QRadioButton(f"&All quotes on the board ({total})")
        group = QButtonGroup(self)
        group.addButton(self.selected_radio)
        group.addButton(self.all_radio)
        self.selected_radio.setEnabled(selected > 0)
        (self.selected_radio if selected > 0 else self.all_radio).setChecked(True)

        self.format_combo = QComboBox()
        for fid, label, ext in format_labels():
            self.format_combo.addItem(f"{label} ({ext})", fid)
        self.format_combo.setCurrentIndex(max(0, self.format_combo.findData(format_id)))
        self.style_combo = QComboBox()
        for sid, label in style_labels():
            self.style_combo.addItem(label, sid)
        self.style_combo.setCurrentIndex(max(0, self.style_combo.findData(style_id)))

        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("exportPath")
        self.path_edit.setPlaceholderText("Choose where to save…")
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self.browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)

        note = QLabel(
            "Every quote is checked against its source file first; if one no longer matches, "
            "nothing is written."
        )
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        note.setEnabled(False)

        form = QFormLayout()
        form.addRow("Quotes:", self.selected_radio)
        form.addRow("", self.all_radio)
        form.addRow("&Format:", self.format_combo)
        form.addRow("Citation st&yle:", self.style_combo)
        save_label = QLabel("Save &to:")
        save_label.setBuddy(self.path_edit)
        form.addRow(save_label, path_row)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Cancel
        )
        self.export_button = self.buttons.addButton(
            "Export", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)

        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self.path_edit.textChanged.connect(self._update)
        self._suggest_path()
        self._update()
        self.resize(520, self.sizeHint().height())

    # -- API ----------------------------------------------------------------------------------

    def format_id(self) -> str:
        return str(self.format_combo.currentData())

    def set_format(self, format_id: str) -> None:
        self.format_combo.setCurrentIndex(self.format_combo.findData(format_id))

    def set_style(self, style_id: str) -> None:
        self.style_combo.setCurrentIndex(self.style_combo.findData(style_id))

    def set_path(self, path: str | Path) -> None:
        self.path_edit.setText(str(path))

    def choice(self) -> ExportChoice:
        return ExportChoice(
            selected_only=self.selected_radio.isChecked(),
            format=self.format_id(),
            style=str(self.style_combo.currentData()),
            path=self._path(),
        )

    def browse(self) -> None:
        """The platform's save dialog, filtered to the chosen format."""
        fid = self.format_id()
        ext = self._extensions[fid]
        name, _ = QFileDialog.getSaveFileName(
            self,
            "Export Quotes",
            str(self._path()),
            f"{self._labels[fid]} (*{ext});;All files (*)",
        )
        if name:
            self.path_edit.setText(name)

    # -- internals ----------------------------------------------------------------------------

    def _path(self) -> Path:
        """The path typed or chosen, with the format's extension when it has none."""
        text = self.path_edit.text().strip()
        path = Path(text).expanduser() if text else self._folder / "quotes"
        if not path.suffix:
            path = path.with_suffix(self._extensions[self.format_id()])
        return path

    def _suggest_path(self) -> None:
        self.path_edit.setText(str(self._folder / f"quotes{self._extensions[self.format_id()]}"))

    def _format_changed(self) -> None:
        """Keep the file name, change its extension to the new format's."""
        text = self.path_edit.text().strip()
        ext = self._extensions[self.format_id()]
        if not text:
            self._suggest_path()
            return
        path = Path(text)
        if path.suffix.lower() in {e.lower() for e in self._extensions.values()} or not path.suffix:
            self.path_edit.setText(str(path.with_suffix(ext)))

    def _update(self, *_: object) -> None:
        self.export_button.setEnabled(bool(self.path_edit.text().strip()))
