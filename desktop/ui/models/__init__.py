"""Qt item models that adapt core objects for views, and the pieces every one of them shares."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import IntEnum

from PySide6.QtCore import QByteArray, Qt

#: Flags of a row the user can select but not edit, in a flat list or table.
READ_ONLY_ROW = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)


def role_names(
    base: Mapping[int, QByteArray], roles: Iterable[IntEnum]
) -> dict[int, QByteArray]:
    """Qt's role names plus a model's own, camelCased from the enum (`SpeakerName` ->
    `speakerName`), so views, tests and `qtmodeltester` can name every role."""
    names = dict(base)
    for role in roles:
        names[int(role)] = QByteArray((role.name[0].lower() + role.name[1:]).encode())
    return names
