"""Killed at random points while writing, the library file keeps every committed write.

A child process adds transcripts to the library, renames speakers and puts quotes on the board
in a loop, and reports each write on a pipe only after it returned (was committed). The parent
kills it with SIGKILL after a random delay (so the kill lands anywhere: opening the file, mid-
transaction, between two writes), then checks that `PRAGMA integrity_check` passes and that
every reported write is there. 100 kills in a row on the same file; the children are forked
from the test process (already warm), so each costs milliseconds, not a Python start-up.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import sys
import time
from pathlib import Path
from typing import NoReturn

import pytest

from desktop.core.importers import import_file
from desktop.core.library import Library
from desktop.core.quote_store import QuoteStore
from desktop.core.quotes import quote_from_span

KILLS = 100
TRANSCRIPT = (
    "INTERVIEWER: What happened at the harbour that night, number {n}?\n\n"
    "JANE ROE: The lanterns went out one by one, and nobody saw the boats leave.\n"
)

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork") or sys.platform == "darwin",
    reason="forks the test process (Linux)",
)


def _writer(db: Path, folder: Path, out: int, seed: int) -> NoReturn:
    """The child: write forever, reporting each committed write as one line."""
    try:
        rng = random.Random(seed)
        library = Library(db)
        board = QuoteStore(db)
        n = 0
        while True:
            choice = rng.random()
            entries = library.entries()
            if choice < 0.4 or not entries:
                path = folder / f"t-{seed}-{n}.txt"
                n += 1
                path.write_text(TRANSCRIPT.format(n=n), encoding="utf-8")
                entry = library.add([path]).added[0]
                os.write(out, f"T {entry.path}\n".encode())
            elif choice < 0.8:
                entry = rng.choice(entries)
                transcript = library.transcript(entry.id)
                quote = quote_from_span(transcript, 1, 4, 11)
                stored = board.add(quote, note=f"note {seed}-{n}")
                n += 1
                os.write(out, f"Q {stored.id}\n".encode())
            else:
                entry = rng.choice(entries)
                name = f"Jane {seed}-{n}"
                n += 1
                library.rename_speaker(entry.id, "jane-roe", name)
                os.write(out, f"R {entry.id} {name}\n".encode())
    finally:
        os._exit(0)


def _committed(lines: list[str]) -> tuple[set[str], set[int], dict[int, str]]:
    paths, quotes, names = set(), set(), {}
    for line in lines:
        kind, _, rest = line.partition(" ")
        if kind == "T":
            paths.add(rest)
        elif kind == "Q":
            quotes.add(int(rest))
        elif kind == "R":
            tid, _, name = rest.partition(" ")
            names[int(tid)] = name
    return paths, quotes, names


def _read_all(fd: int) -> str:
    chunks = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    return b"".join(chunks).decode()


def test_random_kills_lose_nothing_committed(tmp_path: Path) -> None:
    db = tmp_path / "library.sqlite3"
    folder = tmp_path / "files"
    folder.mkdir()
    warm = tmp_path / "warm.txt"  # load the importers here once, not in every child
    warm.write_text(TRANSCRIPT.format(n=0), encoding="utf-8")
    import_file(warm)
    rng = random.Random(20261206)
    all_paths: set[str] = set()
    all_quotes: set[int] = set()
    last_names: dict[int, str] = {}
    for kill in range(KILLS):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child never returns
            os.close(read_end)
            _writer(db, folder, write_end, kill)
        os.close(write_end)
        time.sleep(rng.uniform(0.0, 0.06))  # anywhere from opening to dozens of writes in
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        text = _read_all(read_end)
        os.close(read_end)
        complete = text.split("\n")[:-1]  # a line cut by the kill was not reported
        paths, quotes, names = _committed(complete)
        all_paths |= paths
        all_quotes |= quotes
        last_names.update(names)
        if not db.exists():
            assert not complete
            continue
        conn = sqlite3.connect(db)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
            # Killed while the first child created the file: no tables yet, nothing reported.
            stored_paths = ({row[0] for row in conn.execute("SELECT path FROM transcripts")}
                            if "transcripts" in tables else set())
            assert all_paths <= stored_paths, f"kill {kill}: lost {all_paths - stored_paths}"
            stored_quotes = ({row[0] for row in conn.execute("SELECT id FROM quotes")}
                             if "quotes" in tables else set())
            assert all_quotes <= stored_quotes, f"kill {kill}: lost {all_quotes - stored_quotes}"
            for tid, name in names.items():  # the child's last reported rename, or a later one
                value = conn.execute(
                    "SELECT value FROM speaker_corrections WHERE transcript_id = ?"
                    " AND kind = 'rename'", (tid,)
                ).fetchone()
                assert value is not None, f"kill {kill}: lost the rename of {tid}"
                reported = int(name.rpartition("-")[2])
                prefix, _, number = value[0].rpartition("-")
                assert prefix == f"Jane {kill}" and int(number) >= reported, (value[0], name)
        finally:
            conn.close()
    assert len(all_paths) > 10 and len(all_quotes) > 10  # the kills did land mid-work
    with Library(db) as library:  # and the library opens and reads after all of them
        assert len(library) >= len(all_paths)
