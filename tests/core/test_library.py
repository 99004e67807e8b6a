"""The library: adding files and folders, refresh by hash, moved/missing files, corrections,
and the index kept in step through the workspace, which drains the library's change outbox
(including recovery from a deleted or truncated index)."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop.core.errors import TranscriptImportError
from desktop.core.library import (
    DB_NAME,
    Library,
    NotInLibraryError,
    SpeakerCorrectionError,
    Status,
    connect,
    transcript_from_json,
    transcript_to_json,
)
from desktop.core.model import (
    Annotation,
    AnnotationKind,
    Metadata,
    Role,
    Section,
    Segment,
    Source,
    Speaker,
    Transcript,
    Turn,
)
from desktop.core.workspace import Workspace

INTERVIEW = """\
HOST: Welcome to the show. Tell us about the harbour project.

MARIA LOPEZ: The harbour project started in 2019 with three volunteers.

HOST: What was the hardest part?

MARIA LOPEZ: Funding. We wrote forty grant applications before the first one came through.
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def bump_mtime(path: Path) -> None:
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


#: The workspace around each library under test: `hits` asks it to bring its index in step with
#: what the library changed, as every workspace operation does.
_WORKSPACES: dict[int, Workspace] = {}


def workspace(data_dir: Path) -> Workspace:
    ws = Workspace.open(data_dir)
    ws.open_index()
    _WORKSPACES[id(ws.library)] = ws
    return ws


@pytest.fixture
def library(tmp_path: Path) -> Library:
    ws = workspace(tmp_path / "data")
    assert isinstance(ws.library, Library)
    yield ws.library
    _WORKSPACES.pop(id(ws.library))
    ws.close()


@pytest.fixture
def file(tmp_path: Path) -> Path:
    return write(tmp_path / "docs" / "harbour.txt", INTERVIEW)


def hits(library: Library, query: str) -> list[tuple[int, int]]:
    ws = _WORKSPACES[id(library)]
    ws._reindex()
    assert ws.engine is not None
    return sorted((h.transcript_id or 0, h.turn) for h in ws.engine.search(query).hits)


def test_connect_uses_wal_and_creates_the_tables(tmp_path: Path) -> None:
    conn = connect(tmp_path / DB_NAME)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"transcripts", "speaker_corrections"} <= tables
    conn.close()


def test_default_location_is_the_user_data_folder(_isolated_data_dir: Path) -> None:
    with Library() as lib:
        assert lib.path == _isolated_data_dir / DB_NAME
        assert lib.path.exists()


def test_add_lists_the_transcript_and_indexes_its_turns(library: Library, file: Path) -> None:
    result = library.add([file])
    assert len(result.added) == 1 and not result.failed
    entry = library.entries()[0]
    assert entry.path == str(file.resolve())
    assert entry.turns == len(library.transcript(entry.id).turns)
    assert entry.status is Status.OK
    assert entry.sha256 == library.transcript(entry.id).source.sha256
    assert hits(library, "grant") == [(entry.id, 3)]
    again = library.add([file])
    assert len(again.unchanged) == 1 and not again.added


def test_add_folder_recursively_reports_failures_without_stopping(
    library: Library, tmp_path: Path
) -> None:
    root = tmp_path / "project"
    write(root / "a.txt", INTERVIEW)
    write(root / "sub" / "b.md", INTERVIEW.replace("harbour", "lighthouse"))
    (root / "sub" / "logo.svg").write_text("<svg/>", encoding="utf-8")  # not claimed: ignored
    (root / "sub" / "empty.txt").write_bytes(b"")
    (root / ".hidden").mkdir()
    write(root / ".hidden" / "c.txt", INTERVIEW)
    missing = tmp_path / "nope.txt"
    progress: list[tuple[int, int]] = []
    result = library.add([root, missing], progress=lambda d, t, _label: progress.append((d, t)))
    assert sorted(Path(e.path).name for e in result.added) == ["a.txt", "b.md"]
    assert [Path(p).name for p, _ in result.failed] == ["nope.txt"]
    assert result.failed[0][1]  # a reason
    assert [Path(p).name for p, _ in result.skipped] == ["empty.txt"]
    assert progress[0] == (0, 4) and progress[-1][0] == progress[-1][1]
    assert len(library.entries()) == 2


def test_add_can_be_cancelled(library: Library, tmp_path: Path) -> None:
    files = [write(tmp_path / f"{i}.txt", INTERVIEW + f"\nHOST: Number {i}.\n") for i in range(3)]
    calls: list[int] = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 1

    result = library.add(files, cancelled=cancelled)
    assert result.cancelled
    assert len(result.added) == 1
    assert len(library) == 1


def test_refresh_reimports_changed_files_and_updates_the_index(
    library: Library, file: Path
) -> None:
    entry = library.add([file]).added[0]
    write(file, INTERVIEW.replace("forty grant applications", "thirty petitions"))
    bump_mtime(file)
    result = library.refresh()
    assert result.updated == [entry.id]
    assert hits(library, "grant") == []
    assert hits(library, "petitions") == [(entry.id, 3)]
    assert library.entry(entry.id).sha256 != entry.sha256
    assert library.refresh().unchanged == 1


def test_touched_but_identical_file_is_not_reimported(library: Library, file: Path) -> None:
    entry = library.add([file]).added[0]
    bump_mtime(file)
    result = library.refresh()
    assert result.updated == [] and result.unchanged == 1
    assert library.entry(entry.id).mtime == file.stat().st_mtime


def test_missing_file_is_flagged_kept_and_still_searchable(
    library: Library, file: Path, tmp_path: Path
) -> None:
    entry = library.add([file]).added[0]
    moved = tmp_path / "elsewhere" / "renamed.txt"
    moved.parent.mkdir()
    shutil.move(file, moved)
    result = library.refresh()
    assert result.missing == [entry.id]
    assert library.entry(entry.id).status is Status.MISSING
    assert library.transcript(entry.id).turns  # served from the stored copy
    assert hits(library, "grant") == [(entry.id, 3)]
    again = library.add([moved])  # found again at its new path: same entry, moved
    assert [e.id for e in again.moved] == [entry.id]
    assert library.entry(entry.id).path == str(moved.resolve())
    assert library.entry(entry.id).status is Status.OK
    assert len(library) == 1


def test_file_that_becomes_unreadable_is_flagged_changed(library: Library, file: Path) -> None:
    entry = library.add([file]).added[0]
    file.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    result = library.refresh()
    assert [i for i, _ in result.changed] == [entry.id]
    assert library.entry(entry.id).status is Status.CHANGED


def test_moved_file_added_again_keeps_its_entry_even_without_refresh(
    library: Library, file: Path, tmp_path: Path
) -> None:
    entry = library.add([file]).added[0]
    library.rename_speaker(entry.id, library.transcript(entry.id).speakers[0].id, "Ana")
    moved = file.rename(tmp_path / "moved.txt")
    result = library.add([moved])
    assert [e.id for e in result.moved] == [entry.id]
    assert library.transcript(entry.id).speakers[0].name == "Ana"  # corrections follow it


def test_remove_forgets_the_transcript_and_its_turns(library: Library, file: Path) -> None:
    entry = library.add([file]).added[0]
    library.rename_speaker(entry.id, library.transcript(entry.id).speakers[0].id, "Ana")
    library.remove(entry.id)
    assert library.entries() == []
    assert hits(library, "grant") == []
    assert file.exists()
    with pytest.raises(NotInLibraryError):
        library.transcript(entry.id)


# -- speaker corrections ------------------------------------------------------------------


def speaker_named(t: Transcript, fragment: str) -> Speaker:
    return next(s for s in t.speakers if fragment.lower() in s.name.lower())


def test_corrections_are_stored_and_reapplied_after_reimport(
    library: Library, file: Path
) -> None:
    entry = library.add([file]).added[0]
    original = library.transcript(entry.id)
    maria = speaker_named(original, "maria")
    host = speaker_named(original, "host")
    library.rename_speaker(entry.id, maria.id, "María López Ortega")
    library.set_speaker_role(entry.id, host.id, Role.INTERVIEWER)
    corrected = library.transcript(entry.id)
    renamed = corrected.speaker(maria.id)
    assert renamed is not None and renamed.name == "María López Ortega"
    assert maria.name in renamed.aliases
    assert corrected.is_question(0)
    assert hits(library, "speaker:ortega funding") == [(entry.id, 3)]
    assert hits(library, "role:question hardest") == [(entry.id, 2)]
    assert entry.id in [e.id for e in library.entries()]
    assert "María López Ortega" in library.entry(entry.id).speakers

    write(file, INTERVIEW + "\nHOST: Anything else?\n\nMARIA LOPEZ: We never gave up.\n")
    bump_mtime(file)
    assert library.refresh().updated == [entry.id]
    after = library.transcript(entry.id)
    assert after.speaker(maria.id).name == "María López Ortega"  # type: ignore[union-attr]
    assert len(after.turns) == len(original.turns) + 2
    assert hits(library, "speaker:ortega gave") == [(entry.id, len(original.turns) + 1)]

    second = Library(library.path)
    assert second.transcript(entry.id).speaker(maria.id).name == "María López Ortega"  # type: ignore[union-attr]
    second.close()


def test_merge_reattributes_turns_without_moving_them(library: Library, tmp_path: Path) -> None:
    file = write(tmp_path / "m.txt", INTERVIEW.replace(
        "MARIA LOPEZ: Funding.", "MARIA: Funding."))
    entry = library.add([file]).added[0]
    t = library.transcript(entry.id)
    short = next(s for s in t.speakers if s.name.lower() == "maria")
    full = speaker_named(t, "lopez")
    merged = library.merge_speakers(entry.id, short.id, full.id)
    assert [turn.text for turn in merged.turns] == [turn.text for turn in t.turns]
    assert short.id not in {s.id for s in merged.speakers}
    assert {merged.turns[1].speaker, merged.turns[3].speaker} == {full.id}
    assert short.name in merged.speaker(full.id).aliases  # type: ignore[union-attr]
    assert hits(library, "speaker:lopez funding") == [(entry.id, 3)]
    cleared = library.clear_corrections(entry.id)
    assert short.id in {s.id for s in cleared.speakers}


def test_bad_corrections_are_refused(library: Library, file: Path) -> None:
    entry = library.add([file]).added[0]
    sid = library.transcript(entry.id).speakers[0].id
    with pytest.raises(SpeakerCorrectionError) as nobody:
        library.rename_speaker(entry.id, "nobody", "X")
    assert nobody.value.problem == "no-speaker"
    with pytest.raises(SpeakerCorrectionError) as empty:
        library.rename_speaker(entry.id, sid, "  ")
    assert empty.value.problem == "empty-name"
    with pytest.raises(SpeakerCorrectionError) as itself:
        library.merge_speakers(entry.id, sid, sid)
    assert itself.value.problem == "self-merge"
    with pytest.raises(NotInLibraryError):
        library.rename_speaker(999, sid, "X")


# -- index upkeep and recovery ------------------------------------------------------------


def test_index_catches_up_with_changes_made_while_it_was_closed(
    tmp_path: Path, file: Path
) -> None:
    db = tmp_path / "d" / DB_NAME
    with Library(db) as lib:
        entry = lib.add([file]).added[0]  # no index open
        sid = lib.transcript(entry.id).speakers[0].id
        lib.rename_speaker(entry.id, sid, "Zelda")
    with Workspace.open(tmp_path / "d") as ws:
        opened = ws.open_index()
        assert opened.rebuilt and opened.reason == "missing"
        assert opened.synced == 1
        assert ws.search("speaker:zelda").hits != ()
    with Workspace.open(tmp_path / "d") as ws:
        opened = ws.open_index()
        assert not opened.rebuilt and opened.synced == 0


@pytest.mark.parametrize("damage", ["delete", "truncate"])
def test_damaged_index_is_rebuilt_from_the_library(
    tmp_path: Path, file: Path, damage: str
) -> None:
    ix = tmp_path / "d" / "index"
    ws = workspace(tmp_path / "d")
    with ws:
        entry = ws.add([file]).added[0]
        expected = hits(ws.library, "grant")  # type: ignore[arg-type]
    if damage == "delete":
        shutil.rmtree(ix)
    else:
        for f in ix.iterdir():
            if f.suffix in (".seg", ".toc"):
                f.write_bytes(f.read_bytes()[: f.stat().st_size // 2])
    with Workspace.open(tmp_path / "d") as again:
        opened = again.open_index()
        assert opened.rebuilt
        assert opened.reason == ("missing" if damage == "delete" else "damaged")
        found = sorted((h.transcript_id or 0, h.turn) for h in again.search("grant").hits)
        assert found == expected == [(entry.id, 3)]


def test_stored_copy_round_trips_every_field() -> None:
    t = Transcript(
        source=Source("/x.srt", "ef" * 32, "srt", "cp1252", 123),
        metadata=Metadata(title="T", date="2021-12-02", lede="Lede"),
        speakers=(Speaker("a", "A", Role.HOST, "Org", ("A.", "Mr A")),),
        sections=(Section("S", 0),),
        turns=(Turn("a", "Hi [laughs] there", 1.5, 3.0, (Segment(1.5, 3.0, "Hi there"),),
                    (Annotation(3, 11, AnnotationKind.STAGE),)),),
    )
    assert transcript_from_json(transcript_to_json(t)) == t


def test_unusable_stored_copy_falls_back_to_the_file(library: Library, file: Path) -> None:
    entry = library.add([file]).added[0]
    expected = library.transcript(entry.id)
    conn = sqlite3.connect(library.path)
    with conn:
        conn.execute("UPDATE transcripts SET parsed = '{\"nonsense\": 1}'")
    conn.close()
    assert library.transcript(entry.id) == expected  # re-imported, and the copy repaired
    file.unlink()
    assert library.transcript(entry.id) == expected
    conn = sqlite3.connect(library.path)
    with conn:
        conn.execute("UPDATE transcripts SET parsed = NULL")
    conn.close()
    with pytest.raises(TranscriptImportError):
        library.transcript(entry.id)


def test_copy_made_by_another_app_version_is_reparsed(library: Library, file: Path) -> None:
    entry = library.add([file]).added[0]
    conn = sqlite3.connect(library.path)
    with conn:
        conn.execute("UPDATE transcripts SET cache_version = '1/0.0.1', parsed = "
                     "replace(parsed, 'grant applications', 'stale words')")
    conn.close()
    assert "grant applications" in library.transcript(entry.id).turns[3].text
    assert hits(library, "grant") == [(entry.id, 3)]
