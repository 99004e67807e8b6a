"""Hostile inputs through the command line: each ends within 10 s, with exit 0 or one line.

Every case runs `python -m desktop parse|index|search` in a subprocess with a timeout, as a
user would meet it: a named pipe, a device, links to a device and to themselves, a zip bomb,
JSON nested a hundred thousand levels deep, 10^4 to 10^6 speaker labels, random bytes, a
truncated or garbled library database, a read-only data folder, a full disk, two processes
indexing at once. The contract (from the README): exit 0, or exit 1 with exactly one line on
stderr that names the file and the reason; never a traceback, a hang, or lost data.
"""

from __future__ import annotations

import io
import os
import shutil
import sqlite3
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from desktop.core.errors import shown
from desktop.core.importers import import_file
from desktop.core.library import Library

REPO = Path(__file__).resolve().parent.parent.parent
TIMEOUT = 10.0
GOOD = (
    "INTERVIEWER: What happened at the harbour that night?\n\n"
    "JANE ROE: The lanterns went out one by one, and nobody saw the boats leave.\n\n"
    "INTERVIEWER: Did anyone call the police?\n\n"
    "JANE ROE: Nobody did. We were all too frightened to say a word.\n"
)


def cli(
    *args: str, data: Path, prefix: tuple[str, ...] = (), timeout: float = TIMEOUT
) -> subprocess.CompletedProcess[str]:
    """Run the `verbatim` command with its own data folder; fail the test if it hangs."""
    env = {**os.environ, "VERBATIM_DATA_DIR": str(data), "PYTHONPATH": str(REPO)}
    command = [*prefix, sys.executable, "-m", "desktop", *args]
    try:
        return subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, env=env, cwd=REPO
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"`verbatim {' '.join(args)}` did not end within {timeout:.0f} s")


def one_line(result: subprocess.CompletedProcess[str], *names: str) -> str:
    """The run failed cleanly: exit 1, one stderr line naming every one of `names`."""
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1, (result.returncode, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    for name in names:
        assert name in lines[0], lines[0]
    return lines[0]


def ok_or_one_line(result: subprocess.CompletedProcess[str], name: str) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    if result.returncode != 0:
        one_line(result, name)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


# -- files that are not files ------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_at_once(tmp_path: Path, data: Path) -> None:
    fifo = tmp_path / "transcript.txt"
    os.mkfifo(fifo)
    one_line(cli("parse", str(fifo), data=data), str(fifo), "named pipe")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_character_device_and_a_link_to_it_are_refused(tmp_path: Path, data: Path) -> None:
    one_line(cli("parse", "/dev/zero", data=data), "/dev/zero", "character device")
    link = tmp_path / "notes.txt"
    link.symlink_to("/dev/zero")
    one_line(cli("parse", str(link), data=data), str(link), "character device")


def test_a_symbolic_link_loop_is_refused(tmp_path: Path, data: Path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(tmp_path / "loop2.txt")
    (tmp_path / "loop2.txt").symlink_to(loop)
    one_line(cli("parse", str(loop), data=data), str(loop), "symbolic link loop")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_folder_with_pipes_devices_and_loops_imports_the_rest(
    tmp_path: Path, data: Path
) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.srt").symlink_to("/dev/zero")
    (folder / "a.txt").symlink_to(folder / "b.txt")
    (folder / "b.txt").symlink_to(folder / "a.txt")
    result = cli("index", str(folder), "--quiet", data=data)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "added 1," in result.stdout
    for name, reason in (("pipe.txt", "named pipe"), ("zero.srt", "character device"),
                         ("a.txt", "symbolic link loop")):
        line = next(x for x in result.stderr.splitlines() if name in x)
        assert reason in line and "skipped" in line


def test_control_and_bidi_characters_in_a_file_name_are_escaped(
    tmp_path: Path, data: Path
) -> None:
    path = tmp_path / "evil\nverbatim: forged line \u202etxt.srt"
    path.write_bytes(b"")
    line = one_line(cli("parse", str(path), data=data), shown(path), "is empty")
    assert "\u202e" not in line and "\\u202e" in line and "\\x0a" in line


# -- what is inflated, nested or repeated -------------------------------------------------------


def _docx_bytes(document_xml: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document_xml)
    return out.getvalue()


def test_a_docx_zip_bomb_is_refused_before_it_inflates(tmp_path: Path, data: Path) -> None:
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(_docx_bytes(b"<w:document>" + b" " * 300_000_000 + b"</w:document>"))
    assert bomb.stat().st_size < 1_000_000
    one_line(cli("parse", str(bomb), data=data), str(bomb), "inflate")


def test_a_docx_that_lies_about_its_size_is_refused_by_its_ratio(
    tmp_path: Path, data: Path
) -> None:
    """Declared sizes under the limit but a part that inflates 1000 times: a bomb."""
    bomb = tmp_path / "ratio.docx"
    bomb.write_bytes(_docx_bytes(b"<w:document>" + b"a" * 50_000_000 + b"</w:document>"))
    one_line(cli("parse", str(bomb), data=data), str(bomb), "inflates")


def test_a_docx_with_an_unusual_zip_version_is_one_sentence(tmp_path: Path, data: Path) -> None:
    raw = bytearray(_docx_bytes(b"<w:document/>"))
    central = raw.find(b"PK\x01\x02")
    while central != -1:  # "version needed to extract" of every central directory entry
        raw[central + 6 : central + 8] = struct.pack("<H", 99)
        central = raw.find(b"PK\x01\x02", central + 4)
    path = tmp_path / "odd.docx"
    path.write_bytes(bytes(raw))
    one_line(cli("parse", str(path), data=data), str(path))


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_json_nested_deeply(tmp_path: Path, data: Path, depth: int) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"segments": ' + "[" * depth + "]" * depth + "}", encoding="utf-8")
    ok_or_one_line(cli("parse", str(path), data=data), str(path))
    folder = tmp_path / "folder"
    folder.mkdir()
    shutil.move(path, folder / "deep.json")
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    result = cli("index", str(folder), "--quiet", data=data)
    assert "Traceback" not in result.stderr
    assert "added 1," in result.stdout  # the deep file does not stop the folder


@pytest.mark.parametrize("count", [10_000, 100_000, 1_000_000])
def test_many_distinct_speaker_labels(tmp_path: Path, data: Path, count: int) -> None:
    path = tmp_path / f"labels-{count}.txt"
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            out.write(f"Person{i} Name{i}: Hello there, number {i}.\n\n")
    ok_or_one_line(cli("parse", str(path), data=data), str(path))


def test_random_bytes_are_refused_fast(tmp_path: Path, data: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(os.urandom(10_000_000))
    one_line(cli("parse", str(path), data=data), str(path), "binary")


# -- the library and its index -----------------------------------------------------------------


def _library_with_one(tmp_path: Path, data: Path) -> Path:
    source = tmp_path / "harbour.txt"
    source.write_text(GOOD, encoding="utf-8")
    result = cli("index", str(source), "--quiet", data=data)
    assert result.returncode == 0, result.stderr
    return source


@pytest.mark.parametrize("damage", ["truncated", "garbled"])
def test_a_damaged_library_is_one_sentence_with_a_way_out(
    tmp_path: Path, data: Path, damage: str
) -> None:
    source = _library_with_one(tmp_path, data)
    db = data / "library.sqlite3"
    with sqlite3.connect(db) as conn:  # fold the WAL in, so the file alone is the library
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = db.read_bytes()
    if damage == "truncated":
        db.write_bytes(raw[: len(raw) // 3])
    else:
        db.write_bytes(b"This is not a database at all. " * 4 + raw[128:])
    for args in (("search", "lanterns"), ("index", str(source), "--quiet")):
        line = one_line(cli(*args, data=data), str(db), "damaged")
        assert "move it aside" in line


def _unshare_available() -> bool:
    if not sys.platform.startswith("linux") or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True, timeout=10)
    return probe.returncode == 0


NEEDS_UNSHARE = pytest.mark.skipif(
    not _unshare_available(), reason="needs user namespaces (unshare -rm) for a read-only mount"
)


@NEEDS_UNSHARE
def test_a_read_only_data_folder_searches_and_refuses_writes(tmp_path: Path, data: Path) -> None:
    source = _library_with_one(tmp_path, data)
    shutil.rmtree(data / "index")  # not even an index to read: search builds one in memory
    mount = f"mount --bind {data} {data} && mount -o remount,bind,ro {data} && exec \"$@\""
    prefix = ("unshare", "-rm", "sh", "-c", mount, "sh")
    found = cli("search", "lanterns", data=data, prefix=prefix)
    assert found.returncode == 0, found.stderr
    assert "harbour" in found.stdout.lower() or "lantern" in found.stdout.lower()
    one_line(cli("index", str(source), "--quiet", data=data, prefix=prefix), "read-only")
    with Library(data / "library.sqlite3") as library:  # nothing was lost
        assert len(library) == 1


@NEEDS_UNSHARE
def test_a_full_disk_is_one_sentence(tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    source = tmp_path / "harbour.txt"
    source.write_text(GOOD, encoding="utf-8")
    folder = REPO / "tests" / "data"
    script = f"mount -t tmpfs -o size=256k tmpfs {disk} && exec \"$@\""
    prefix = ("unshare", "-rm", "sh", "-c", script, "sh")
    result = cli("index", str(folder), str(source), "--quiet", data=disk / "data", prefix=prefix,
                 timeout=30)
    one_line(result, "disk is full")


def test_an_injected_enospc_while_indexing_is_one_sentence(tmp_path: Path, data: Path) -> None:
    """Where no small disk can be mounted: the index's file writes fail with ENOSPC."""
    source = tmp_path / "harbour.txt"
    source.write_text(GOOD, encoding="utf-8")
    code = (
        "import errno, sys\n"
        "from whoosh.filedb.filestore import FileStorage\n"
        "def full(self, *a, **k):\n"
        "    raise OSError(errno.ENOSPC, 'No space left on device')\n"
        "FileStorage.create_file = full\n"
        "from desktop.cli import main\n"
        f"sys.exit(main(['index', {str(source)!r}, '--quiet']))\n"
    )
    env = {**os.environ, "VERBATIM_DATA_DIR": str(data), "PYTHONPATH": str(REPO)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=TIMEOUT, env=env, cwd=REPO)
    one_line(result, "disk is full")


def test_an_index_path_that_is_a_file_is_one_sentence(tmp_path: Path, data: Path) -> None:
    (data / "index").write_text("not a folder", encoding="utf-8")
    source = tmp_path / "harbour.txt"
    source.write_text(GOOD, encoding="utf-8")
    one_line(cli("index", str(source), "--quiet", data=data), str(data / "index"), "folder")


def test_two_processes_indexing_a_new_library_at_once(tmp_path: Path, data: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    for i in range(12):
        (folder / f"interview-{i}.txt").write_text(GOOD.replace("harbour", f"harbour {i}"),
                                                   encoding="utf-8")
    env = {**os.environ, "VERBATIM_DATA_DIR": str(data), "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "desktop", "index", str(folder), "--quiet"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, env=env, cwd=REPO) for _ in range(2)]
    for run in runs:
        _out, err = run.communicate(timeout=2 * TIMEOUT)
        assert run.returncode == 0, err
        assert "Traceback" not in err and "UNIQUE" not in err and "LockError" not in err
    with Library(data / "library.sqlite3") as library:
        assert len(library) == 12
    found = cli("search", "lanterns", "--limit", "50", data=data)
    assert found.returncode == 0 and found.stdout.startswith("12 of 12"), found.stdout


def test_a_file_rewritten_during_import_is_noticed(tmp_path: Path) -> None:
    """The stored hash is of the bytes parsed and the time is taken before reading, so a
    file saved again while it was read is re-imported, even at the same size."""
    source = tmp_path / "harbour.txt"
    source.write_text(GOOD, encoding="utf-8")
    later = GOOD.replace("lanterns", "torches!")
    assert len(later) == len(GOOD)

    def import_then_rewrite(path: Path, **options: object) -> object:
        options.pop("cancelled", None)
        transcript = import_file(path, **options)  # type: ignore[arg-type]
        mtime = path.stat().st_mtime
        path.write_text(later, encoding="utf-8")
        os.utime(path, (mtime, mtime))  # a sync client that keeps the time
        return transcript

    with Library(tmp_path / "library.sqlite3", importer=import_then_rewrite) as library:  # type: ignore[arg-type]
        entry = library.add([source]).added[0]
        assert "lanterns" in library.transcript(entry.id).turns[1].text  # what was parsed
        result = library.refresh()
        assert result.updated == [entry.id]
        assert "torches!" in library.transcript(entry.id).turns[1].text


def test_index_starts_again_when_another_writer_made_the_library_busy(
    tmp_path: Path, data: Path
) -> None:
    """SQLite refuses a write at once (SQLITE_BUSY_SNAPSHOT) when another process committed
    while this one was reading; its documented remedy is to try again. Here the first
    attempt's add meets that refusal, as a second `verbatim index` can make it."""
    source = tmp_path / "harbour.txt"
    source.write_text(GOOD, encoding="utf-8")
    code = (
        "import sqlite3, sys\n"
        "from desktop.core import workspace\n"
        "from desktop.core.storage import translate\n"
        "real = workspace.Workspace.add\n"
        "calls = []\n"
        "def add(self, *a, **k):\n"
        "    calls.append(1)\n"
        "    if len(calls) == 1:\n"
        "        busy = sqlite3.OperationalError('database is locked')\n"
        "        busy.sqlite_errorcode = 517\n"
        "        raise translate(busy, self.library.path)\n"
        "    return real(self, *a, **k)\n"
        "workspace.Workspace.add = add\n"
        "from desktop.cli import main\n"
        f"code = main(['index', {str(source)!r}, '--quiet'])\n"
        "print('attempts', len(calls))\n"
        "sys.exit(code)\n"
    )
    env = {**os.environ, "VERBATIM_DATA_DIR": str(data), "PYTHONPATH": str(REPO)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=TIMEOUT, env=env, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert "attempts 2" in result.stdout
    assert "added 1" in result.stdout
    with Library(data / "library.sqlite3") as library:
        assert len(library) == 1
