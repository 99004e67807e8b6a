"""The library file: read-only mode, damage, backups before migrations, the index lock."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.core import storage
from desktop.core.library import SCHEMA_VERSION, Library
from desktop.core.quote_store import QuoteStore
from desktop.core.search import open_index
from desktop.core.search.whoosh_engine import WhooshEngine, instance_lock_path

GOOD = "HOST: Where were you that night?\n\nGUEST: At the harbour, with the lanterns.\n"


@pytest.fixture
def library_file(tmp_path: Path) -> tuple[Path, Path]:
    source = tmp_path / "harbour.txt"
    source.write_text(GOOD, encoding="utf-8")
    db = tmp_path / "data" / "library.sqlite3"
    with Library(db) as library:
        open_index(library, db.parent / "index")
        library.add([source])
    return db, source


def test_read_only_mode_reads_and_refuses_writes_in_one_sentence(
    library_file: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, source = library_file
    monkeypatch.setattr(storage, "_writable", lambda path: False)  # as on a read-only mount
    with Library(db) as library:
        assert library.read_only
        entry = library.entries()[0]
        assert "lanterns" in library.transcript(entry.id).turns[1].text
        opened = open_index(library, db.parent / "index")
        assert opened.engine.search("lanterns").total == 1
        for write in (lambda: library.add([source]), lambda: library.remove(entry.id),
                      lambda: library.rename_speaker(entry.id, "guest", "Jane")):
            with pytest.raises(storage.ReadOnlyLibraryError, match="read-only"):
                write()
    with QuoteStore(db) as board:  # the board reads too
        assert len(board) == 0


def test_a_garbled_file_is_damaged_with_a_way_out(tmp_path: Path) -> None:
    db = tmp_path / "library.sqlite3"
    db.write_bytes(b"\x00garbage" * 1000)
    with pytest.raises(storage.LibraryDamagedError, match="move it aside"):
        Library(db)


def test_a_backup_is_made_before_a_migration_and_only_three_are_kept(
    library_file: tuple[Path, Path],
) -> None:
    db, _ = library_file
    folder = storage.backup_dir(db)
    assert not folder.exists()  # a new library is not backed up: nothing to lose
    for _ in range(5):
        with sqlite3.connect(db) as conn:
            conn.execute("PRAGMA user_version = 0")  # an older file
        Library(db).close()
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    backups = sorted(folder.glob("library-*-v0.sqlite3"))
    assert len(backups) == storage.KEEP_BACKUPS
    with sqlite3.connect(backups[-1]) as copy:
        assert copy.execute("SELECT count(*) FROM transcripts").fetchone()[0] == 1
    with Library(db) as library:
        assert len(library) == 1  # the migration lost nothing


def test_the_instance_lock_is_beside_the_folder_a_rebuild_wipes(tmp_path: Path) -> None:
    folder = tmp_path / "index"
    first, reason = WhooshEngine.open(folder)
    assert reason == "missing" and not first.read_only
    assert instance_lock_path(folder).parent == tmp_path
    first.rebuild()  # wipes the folder's files
    second, _ = WhooshEngine.open(folder)
    assert second.read_only  # the lock survived the wipe: one owner only
    second.close()
    first.close()
    third, _ = WhooshEngine.open(folder)
    assert not third.read_only
    third.close()
