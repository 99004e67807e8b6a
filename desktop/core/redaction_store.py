"""The library's redaction list, kept in the library database (table `redaction_rules`).

One list per library, as the quote board is: it travels with the library file and is read
by every output the window makes (copy with citation, exports, KWIC and statistics exports).
Saving replaces the whole list in one transaction, so a crash leaves the old list or the new.
"""

from __future__ import annotations

from pathlib import Path

from desktop.core import library
from desktop.core.redaction import Redaction, Rule, RuleKind

_SCHEMA = """
CREATE TABLE IF NOT EXISTS redaction_rules (
    position   INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL,
    text       TEXT NOT NULL DEFAULT '',
    pseudonym  TEXT NOT NULL DEFAULT ''
);
"""


def load(path: str | Path | None = None) -> Redaction:
    """The library's list (empty when none was saved, or there is no library file yet: none is
    created just to read). Rules of a kind this version does not know are skipped rather than
    failing every export."""
    if not Path(path if path is not None else library.default_path()).exists():
        return Redaction()
    conn = library.connect(path)
    try:
        with conn:
            conn.executescript(_SCHEMA)
        rows = conn.execute(
            "SELECT kind, text, pseudonym FROM redaction_rules ORDER BY position"
        ).fetchall()
    finally:
        conn.close()
    known = {kind.value for kind in RuleKind}
    return Redaction(
        tuple(Rule(RuleKind(r["kind"]), r["text"], r["pseudonym"]) for r in rows
              if r["kind"] in known)
    )  # fmt: skip


def save(redaction: Redaction, path: str | Path | None = None) -> None:
    """Replace the library's list with `redaction` (one transaction)."""
    conn = library.connect(path)
    try:
        with conn:
            conn.executescript(_SCHEMA)
            conn.execute("DELETE FROM redaction_rules")
            conn.executemany(
                "INSERT INTO redaction_rules (position, kind, text, pseudonym) VALUES (?,?,?,?)",
                [(i, str(r.kind), r.text, r.pseudonym) for i, r in enumerate(redaction.rules)],
            )
    finally:
        conn.close()
