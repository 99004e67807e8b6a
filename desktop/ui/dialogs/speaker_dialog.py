"""Speaker corrections: rename a speaker, merge two speakers, set a speaker's role.

The questions are small standard dialogs (`QInputDialog`); `SpeakerActions` builds the menu
entries for a speaker ("Rename “X”…", "Merge “X” with…", "Set Role ▸") that the reader and
the navigator show on right-click. Storing the correction is the caller's job (the library).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Final

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMenu, QWidget

from desktop.core.model import Role, Speaker, Transcript
from desktop.core.workspace import CorrectionKind

#: Role choices as the menu shows them.
ROLE_LABELS: Final = (
    (Role.INTERVIEWER, "Interviewer (asks questions)"),
    (Role.INTERVIEWEE, "Interviewee"),
    (Role.HOST, "Host (asks questions)"),
    (Role.GUEST, "Guest"),
    (Role.AUDIENCE, "Audience (asks questions)"),
    (Role.UNKNOWN, "Unknown"),
)

#: correct(speaker_id, kind, value): what the actions call once the user has answered.
Correct = Callable[[str, CorrectionKind, str], None]


def ask_new_name(parent: QWidget | None, speaker: Speaker) -> str | None:
    """The new name for a speaker, or None when cancelled or unchanged."""
    name, ok = QInputDialog.getText(
        parent,
        "Rename Speaker",
        _as_text(f"New name for “{speaker.name}” in this transcript:"),
        QLineEdit.EchoMode.Normal,
        speaker.name,
    )
    name = " ".join(name.split())
    if not ok or not name or name == speaker.name:
        return None
    return name


def ask_merge_target(
    parent: QWidget | None, speaker: Speaker, others: list[Speaker]
) -> Speaker | None:
    """The speaker whose turns `speaker`'s turns join, or None when cancelled."""
    if not others:
        return None
    labels = [other.name for other in others]
    choice, ok = QInputDialog.getItem(
        parent,
        "Merge Speakers",
        _as_text(f"“{speaker.name}” is the same person as:"),
        labels,
        0,
        False,
    )
    if not ok or choice not in labels:
        return None
    return others[labels.index(choice)]


class SpeakerActions:
    """Right-click entries for one speaker at a time; `set_speaker` retargets them."""

    def __init__(self, parent: QWidget, correct: Correct) -> None:
        self._parent = parent
        self._correct = correct
        self._transcript: Transcript | None = None
        self._speaker: Speaker | None = None
        self.rename = QAction("Rename Speaker…", parent)
        self.rename.triggered.connect(self._rename)
        self.merge = QAction("Merge Speaker with…", parent)
        self.merge.triggered.connect(self._merge)
        self.role_menu = QMenu("Set Role", parent)
        self._roles = QActionGroup(parent)
        self._roles.setExclusive(True)
        self._role_actions: dict[Role, QAction] = {}
        for role, label in ROLE_LABELS:
            action = QAction(label, parent)
            action.setCheckable(True)
            action.triggered.connect(lambda _=False, r=role: self._set_role(r))
            self._roles.addAction(action)
            self.role_menu.addAction(action)
            self._role_actions[role] = action
        self.set_speaker(None, None)

    def actions(self) -> list[QAction]:
        """The entries in menu order (the last one opens the role submenu)."""
        return [self.rename, self.merge, self.role_menu.menuAction()]

    def speaker(self) -> Speaker | None:
        return self._speaker

    def set_speaker(self, transcript: Transcript | None, speaker_id: str | None) -> None:
        """Aim the entries at a speaker (None: they show disabled)."""
        self._transcript = transcript
        speaker = transcript.speaker(speaker_id) if transcript and speaker_id else None
        self._speaker = speaker
        if speaker is None:
            self.rename.setText("Rename Speaker…")
            self.merge.setText("Merge Speaker with…")
        else:
            self.rename.setText(f"Rename “{_menu_text(_short(speaker.name))}”…")
            self.merge.setText(f"Merge “{_menu_text(_short(speaker.name))}” with…")
            checked = self._role_actions.get(speaker.role)
            if checked is not None:
                checked.setChecked(True)
        others = len(transcript.speakers) > 1 if transcript is not None else False
        self.rename.setEnabled(speaker is not None)
        self.merge.setEnabled(speaker is not None and others)
        self.role_menu.setEnabled(speaker is not None)
        self.role_menu.menuAction().setEnabled(speaker is not None)

    def _rename(self) -> None:
        if self._speaker is None:
            return
        name = ask_new_name(self._parent, self._speaker)
        if name is not None:
            self._correct(self._speaker.id, CorrectionKind.RENAME, name)

    def _merge(self) -> None:
        speaker, transcript = self._speaker, self._transcript
        if speaker is None or transcript is None:
            return
        others = [s for s in transcript.speakers if s.id != speaker.id]
        target = ask_merge_target(self._parent, speaker, others)
        if target is not None:
            self._correct(speaker.id, CorrectionKind.MERGE, target.id)

    def _set_role(self, role: Role) -> None:
        if self._speaker is not None and self._speaker.role is not role:
            self._correct(self._speaker.id, CorrectionKind.ROLE, str(role))


def _as_text(text: str) -> str:
    """A dialog label that shows `text` as written: QInputDialog's label guesses rich text, so
    a speaker called `<b>Bob</b>` or `<img src=…>` would be rendered; escaped rich text is not."""
    return f"<p>{html.escape(text)}</p>"


def _menu_text(text: str) -> str:
    """`&` starts a keyboard shortcut in a menu entry; a name's `&` is shown as written."""
    return text.replace("&", "&&")


def _short(name: str, limit: int = 32) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"
