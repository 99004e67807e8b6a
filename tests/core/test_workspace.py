"""The workspace: every use case the window and the command line share, without a display.

Opening a file parses it once, stores it (a forced format with it), applies the user's speaker
corrections and keeps the index in step; quotes are tied to their library entry and checked,
copied and exported only when their words are still in the source; a library file made by the
release before the workspace keeps every quote and citation detail when opened.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.core import importers as importers_module
from desktop.core import workspace as workspace_module
from desktop.core.citations import CitationRecord
from desktop.core.library import DB_NAME, CorrectionKind
from desktop.core.model import Role, Transcript
from desktop.core.workspace import (
    QuotesRefusedError,
    QuoteStatus,
    SourceRef,
    SpeakerCorrectionError,
    Workspace,
    same_source,
)
from tests.conftest import DATA

INTERVIEW = """\
HOST: Welcome to the show. Tell us about the harbour project.

MARIA LOPEZ: The harbour project started in 2019 with three volunteers.

HOST: What was the hardest part?

MARIA LOPEZ: Funding. We wrote forty grant applications before the first one came through.
"""
WORDS = "We wrote forty grant applications"


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    with Workspace.open(tmp_path / "data") as workspace:
        workspace.open_index()
        yield workspace


@pytest.fixture
def file(tmp_path: Path) -> Path:
    path = tmp_path / "docs" / "harbour.txt"
    path.parent.mkdir(parents=True)
    path.write_text(INTERVIEW, encoding="utf-8")
    return path


@pytest.fixture
def imports(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every file the importers parse from now on (wherever in the core it is asked)."""
    seen: list[str] = []

    def counting(real: Callable[..., Transcript]) -> Callable[..., Transcript]:
        def wrapper(path: Any, *args: Any, **kwargs: Any) -> Transcript:
            seen.append(str(path))
            return real(path, *args, **kwargs)

        return wrapper

    # The package's `import_file` is what the library's default importer
    # (`isolated_import.in_process`) and the workspace call.
    monkeypatch.setattr(importers_module, "import_file", counting(importers_module.import_file))
    return seen


def words_span(transcript: Transcript, words: str = WORDS) -> tuple[int, int, int]:
    for index, turn in enumerate(transcript.turns):
        at = turn.text.find(words)
        if at >= 0:
            return index, at, at + len(words)
    raise AssertionError(f"{words!r} not in the transcript")


def hits(ws: Workspace, query: str) -> list[int]:
    return sorted(hit.turn for hit in ws.search(query).hits)


# -- opening a file -------------------------------------------------------------------------


def test_opening_a_file_parses_it_once_and_stores_it(
    ws: Workspace, file: Path, imports: list[str]
) -> None:
    opened = ws.open_file(file)
    assert imports == [str(file)]  # one import: the library stores this parse
    assert opened.outcome == "added" and opened.entry_id is not None
    assert ws.entries()[0].id == opened.entry_id
    assert opened.transcript.source.path == str(file.resolve())
    assert hits(ws, "grant") == [3]  # indexed without another parse
    assert ws.transcript(opened.entry_id).turns == opened.transcript.turns
    assert imports == [str(file)]  # served from the stored copy

    again = ws.open_file(file)
    assert again.outcome == "unchanged" and again.entry_id == opened.entry_id
    assert imports == [str(file)]  # the same bytes again: the stored parse, no import
    assert again.transcript == opened.transcript
    assert again.changes.entries == ()


def test_reopening_serves_the_stored_parse_only_while_the_bytes_are_the_same(
    ws: Workspace, file: Path, imports: list[str]
) -> None:
    import os

    opened = ws.open_file(file)
    stat = file.stat()
    # Same size, same modification time, different words: only the bytes can tell.
    file.write_text(INTERVIEW.replace("forty", "fifty"), encoding="utf-8")
    os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert file.stat().st_size == stat.st_size and file.stat().st_mtime == stat.st_mtime
    reopened = ws.open_file(file)
    assert imports == [str(file), str(file)]  # parsed again: never the stale copy
    assert reopened.outcome == "updated"
    assert "fifty grant" in reopened.transcript.turns[3].text
    assert "forty" not in " ".join(t.text for t in reopened.transcript.turns)
    assert opened.entry_id == reopened.entry_id

    os.utime(file, (stat.st_atime + 60, stat.st_mtime + 60))  # touched, bytes unchanged
    touched = ws.open_file(file)
    assert len(imports) == 2 and touched.outcome == "unchanged"
    assert touched.transcript == reopened.transcript
    assert ws.library.entry(touched.entry_id or 0).mtime == file.stat().st_mtime


def test_the_stored_parse_is_not_used_when_read_another_way_or_by_other_importers(
    ws: Workspace, file: Path, imports: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.core import library as library_module

    ws.open_file(file)
    plain = ws.open_file(file, format="plain")  # "Reopen As" another format: parsed so
    assert len(imports) == 2 and plain.transcript.source.format == "plain"
    assert ws.open_file(file, format="plain").outcome == "unchanged" and len(imports) == 2
    # A copy made by another version of the importers is never shown as this one's parse.
    monkeypatch.setattr(library_module, "parser_version", lambda: "0.1.0/changed-rules")
    again = ws.open_file(file, format="plain")
    assert len(imports) == 3 and again.transcript.turns == plain.transcript.turns


def test_the_parser_version_follows_the_importer_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rules changed in a source checkout (same version number) still re-import."""
    from desktop.core import parser_version as pv

    importers = tmp_path / "importers"
    importers.mkdir()
    (importers / "rules.py").write_text("LABEL = 'Q:'\n", encoding="utf-8")
    monkeypatch.setattr(pv, "_SOURCES", (importers,))
    pv.parser_version.cache_clear()
    before = pv.parser_version()
    (importers / "rules.py").write_text("LABEL = 'Q -'\n", encoding="utf-8")
    pv.parser_version.cache_clear()
    after = pv.parser_version()
    assert before != after and before.startswith(pv.appinfo.VERSION + "/")
    monkeypatch.setattr(pv, "_SOURCES", (tmp_path / "frozen-bundle-has-no-sources",))
    pv.parser_version.cache_clear()
    assert pv.parser_version() == pv.appinfo.VERSION
    pv.parser_version.cache_clear()


def test_a_window_can_show_first_and_index_next(ws: Workspace, file: Path) -> None:
    opened = ws.open_file(file, defer_index=True)
    assert opened.outcome == "added" and hits(ws, "grant") == []  # stored, not yet indexed
    assert ws.reindex()
    assert hits(ws, "grant") == [3]
    assert ws.reindex()  # nothing left to do


def test_opening_shows_the_users_corrections_and_a_changed_file_is_one_parse(
    ws: Workspace, file: Path, imports: list[str]
) -> None:
    opened = ws.open_file(file)
    assert opened.entry_id is not None
    maria = next(s for s in opened.transcript.speakers if "MARIA" in s.name.upper())
    corrected = ws.correct_speaker(opened.entry_id, maria.id, CorrectionKind.RENAME, "María")
    assert corrected.changes.entries == (opened.entry_id,)
    assert hits(ws, "speaker:maría funding") == [3]

    file.write_text(INTERVIEW + "\nHOST: And the petitions?\n", encoding="utf-8")
    imports.clear()
    reopened = ws.open_file(file)
    assert imports == [str(file)]
    assert reopened.outcome == "updated" and reopened.corrected
    assert reopened.transcript.speaker_of(3) is not None
    assert reopened.transcript.speaker_of(3).name == "María"  # type: ignore[union-attr]
    assert hits(ws, "petitions") == [4]


def test_a_file_opens_even_when_the_library_cannot_store_it(
    ws: Workspace, file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def locked(*_: object, **__: object) -> None:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(ws.library, "add_parsed", locked)
    opened = ws.open_file(file)
    assert opened.outcome == "not-stored" and opened.entry_id is None
    assert opened.transcript.turns[3].text.startswith("Funding.")
    (item,) = ws.add_quotes(opened.transcript, [words_span(opened.transcript)])
    assert ws.check_quotes().statuses == {item.id: QuoteStatus.EXACT}  # kept by path


def test_a_forced_format_is_stored_and_used_when_the_file_is_read_again(
    ws: Workspace, file: Path
) -> None:
    opened = ws.open_file(file, format="plain")
    assert opened.transcript.source.format == "plain"
    assert opened.entry_id is not None
    assert ws.library.forced(opened.entry_id) == ("plain", None)
    file.write_text(INTERVIEW.replace("forty", "fifty"), encoding="utf-8")
    assert ws.transcript(opened.entry_id).source.format == "plain"  # re-imported as asked
    assert ws.refresh().updated == []  # already up to date with the changed bytes
    detected = ws.open_file(file)  # opened plainly again: detected, and stored so
    assert detected.transcript.source.format != "plain"
    assert ws.library.forced(opened.entry_id) == (None, None)


def test_clearing_corrections_shows_and_indexes_the_imported_names_again(
    ws: Workspace, file: Path
) -> None:
    opened = ws.open_file(file)
    assert opened.entry_id is not None
    host = opened.transcript.speakers[0]
    ws.correct_speaker(opened.entry_id, host.id, CorrectionKind.RENAME, "Nadia")
    assert hits(ws, "speaker:nadia hardest") == [2]
    cleared = ws.clear_corrections(opened.entry_id)
    assert cleared.transcript.speakers[0].name == host.name
    assert hits(ws, "speaker:nadia hardest") == []
    assert not ws.open_file(file).corrected


def test_speaker_corrections_are_refused_with_a_reason(ws: Workspace, file: Path) -> None:
    opened = ws.open_file(file)
    assert opened.entry_id is not None
    sid = opened.transcript.speakers[0].id
    with pytest.raises(SpeakerCorrectionError) as caught:
        ws.correct_speaker(opened.entry_id, sid, CorrectionKind.ROLE, "emperor")
    assert caught.value.problem == "no-role"
    role = ws.correct_speaker(opened.entry_id, sid, CorrectionKind.ROLE, str(Role.INTERVIEWER))
    assert role.transcript.speakers[0].role is Role.INTERVIEWER


def test_removing_an_entry_drops_its_turns_from_the_index_but_keeps_its_quotes(
    ws: Workspace, file: Path
) -> None:
    opened = ws.open_file(file)
    items = ws.add_quotes(opened.transcript, [words_span(opened.transcript)])
    assert items[0].entry_id == opened.entry_id
    assert opened.entry_id is not None
    changes = ws.remove([opened.entry_id])
    assert changes.entries == (opened.entry_id,)
    assert hits(ws, "grant") == []
    kept = ws.board()
    assert [i.quote.text for i in kept] == [WORDS] and kept[0].entry_id is None
    assert ws.check_quotes().statuses == {kept[0].id: QuoteStatus.EXACT}  # found by path


def test_one_identity_rule_for_a_source(tmp_path: Path, file: Path) -> None:
    relative = Path("docs") / "harbour.txt"
    import os

    here = Path.cwd()
    os.chdir(tmp_path)
    try:
        assert same_source(relative, file)
        assert workspace_module.source_key(relative) == str(file.resolve())
    finally:
        os.chdir(here)
    assert not same_source(file, file.with_name("other.txt"))


# -- quotes ---------------------------------------------------------------------------------


def test_quotes_are_tied_to_their_entry_and_checked_against_the_file_now(
    ws: Workspace, file: Path
) -> None:
    opened = ws.open_file(file)
    (item,) = ws.add_quotes(opened.transcript, [words_span(opened.transcript)])
    assert item.entry_id == opened.entry_id and item.quote.text == WORDS
    assert ws.check_quotes().statuses == {item.id: QuoteStatus.EXACT}

    file.write_text("MARIA LOPEZ: Hello.\n\n" + INTERVIEW, encoding="utf-8")
    checked = ws.check_quotes()
    assert checked.statuses == {item.id: QuoteStatus.MOVED}
    assert checked.changes.quotes == (item.id,)
    assert ws.quotes.get(item.id).stale
    fresh = ws.reanchor(item.id)
    assert fresh is not None and fresh.quote.turn == item.quote.turn + 1
    assert fresh.quote.text == WORDS and not fresh.stale
    assert ws.check_quotes().statuses == {item.id: QuoteStatus.EXACT}

    now = "MARIA LOPEZ: Hello.\n\n" + INTERVIEW
    file.write_text(now.replace("forty grant", "forty-one grant"), encoding="utf-8")
    assert ws.check_quotes().statuses == {item.id: QuoteStatus.CHANGED}
    file.write_text(now.replace(WORDS, "No money came."), encoding="utf-8")
    assert ws.check_quotes().statuses == {item.id: QuoteStatus.MISSING}
    assert ws.reanchor(item.id) is None
    file.unlink()
    assert ws.check_quotes().statuses == {item.id: QuoteStatus.NO_SOURCE}
    assert ws.quotes.get(item.id).stale  # flagged, never dropped


def test_a_moved_file_keeps_its_quotes_and_citation_details(
    ws: Workspace, file: Path, tmp_path: Path
) -> None:
    opened = ws.open_file(file)
    (item,) = ws.add_quotes(opened.transcript, [words_span(opened.transcript)])
    ws.quotes.edit_details(ws.source_ref(opened.transcript), {"outlet": "Harbour Radio"})
    moved = tmp_path / "elsewhere" / "harbour-interview.txt"
    moved.parent.mkdir()
    shutil.move(file, moved)
    reopened = ws.open_file(moved)
    assert reopened.outcome == "moved" and reopened.entry_id == opened.entry_id
    assert ws.record_for(reopened.transcript).outlet == "Harbour Radio"
    assert ws.check_quotes().statuses == {item.id: QuoteStatus.EXACT}  # found by entry
    cited = ws.copy([item.id], "apa")
    assert WORDS in cited.plain and "Harbour Radio" in cited.plain


def test_a_quote_is_located_in_the_transcript_on_screen(
    ws: Workspace, file: Path, tmp_path: Path
) -> None:
    opened = ws.open_file(file)
    (item,) = ws.add_quotes(opened.transcript, [words_span(opened.transcript)])
    assert ws.quotes_of(opened.transcript) == [item]
    assert ws.locate(item, opened.transcript) == (QuoteStatus.EXACT, item.quote)
    file.write_text("MARIA LOPEZ: Hello.\n\n" + INTERVIEW, encoding="utf-8")
    shown = ws.open_file(file).transcript
    status, found = ws.locate(item, shown)
    assert status is QuoteStatus.MOVED and found is not None
    assert shown.turns[found.turn].text[found.start : found.end] == WORDS
    assert ws.quotes.get(item.id).stale  # flagged until re-anchored
    moved = tmp_path / "moved.txt"
    shutil.move(file, moved)
    ws.open_file(moved)
    assert ws.source_path(ws.quotes.get(item.id)) == str(moved.resolve())  # follows the entry


def test_copy_verifies_first_and_refuses_changed_words(ws: Workspace, file: Path) -> None:
    opened = ws.open_file(file)
    span = words_span(opened.transcript)
    selection = ws.quotes_from_spans(opened.transcript, [span])
    cited = ws.copy(selection, "apa")
    assert cited.count == 1 and WORDS in cited.plain and WORDS in cited.html
    assert len(ws.board()) == 0  # copying does not add to the board

    (item,) = ws.add_quotes(opened.transcript, [span])
    file.write_text(INTERVIEW.replace("forty", "fifty"), encoding="utf-8")
    with pytest.raises(QuotesRefusedError) as refused:
        ws.copy(selection, "apa")  # the selection's words, on the board too
    assert refused.value.statuses == {item.id: QuoteStatus.CHANGED}
    assert ws.quotes.get(item.id).stale
    with pytest.raises(QuotesRefusedError):
        ws.copy([item.id], "mla")


def test_export_verifies_then_writes_atomically(
    ws: Workspace, file: Path, tmp_path: Path
) -> None:
    opened = ws.open_file(file)
    ws.add_quotes(opened.transcript, [words_span(opened.transcript)], note="lead")
    out = tmp_path / "out" / "quotes.md"
    out.parent.mkdir()
    assert ws.export(None, "md", out, style="apa") == out
    text = out.read_text(encoding="utf-8")
    assert WORDS in text and "lead" in text
    out.unlink()
    file.unlink()
    with pytest.raises(QuotesRefusedError) as refused:
        ws.export(None, "md", out, style="apa")
    assert list(refused.value.statuses.values()) == [QuoteStatus.NO_SOURCE]
    assert not out.exists() and list(out.parent.iterdir()) == []  # nothing written


def test_quotes_from_a_file_outside_the_library_are_kept_by_path(
    tmp_path: Path, file: Path
) -> None:
    with Workspace.open(tmp_path / "data") as ws:  # no index: nothing to keep in step
        transcript = workspace_module.read_transcript(file)
        (item,) = ws.add_quotes(transcript, [words_span(transcript)])
        assert item.entry_id is None and item.quote.source_path == str(file.resolve())
        assert ws.check_quotes().statuses == {item.id: QuoteStatus.EXACT}
        ws.add([file])  # later added to the library: the quote joins its entry
        entry = ws.entry_for(file)
        assert entry is not None and ws.quotes.get(item.id).entry_id == entry.id


def test_citation_details_follow_the_entry_and_reset(ws: Workspace, file: Path) -> None:
    opened = ws.open_file(file)
    ref = ws.source_ref(opened.transcript)
    assert ref == SourceRef(str(file.resolve()), opened.entry_id)
    ws.quotes.set_details(ref, CitationRecord(title="The Harbour", outlet="Radio"))
    assert ws.record_for(opened.transcript).title == "The Harbour"
    ws.quotes.clear_details(ref)
    assert ws.record_for(opened.transcript).title != "The Harbour"


# -- the migration of a library made by the previous release -----------------------------------

FIXTURE = DATA / "library" / "release-72145ae.sqlite3"
FIXTURE_ROOT = "/tmp/verbatim-fixture"
FIXTURE_FILES = {
    "sample-interview.txt": Path(__file__).resolve().parents[2] / "resources",
    "state-dept_blinken-mitchell-msnbc_2021-02-01_excerpt.txt": DATA,
    "whisper_smartphone_fr.srt": DATA,
}


def test_a_library_made_by_the_previous_release_keeps_every_quote(tmp_path: Path) -> None:
    """`release-72145ae.sqlite3` was written by Verbatim at commit 72145ae (quotes keyed by
    path; see `tests/data/library/make_release_fixture.py`): two transcripts in the library,
    six quotes (two from a file never added), citation details for two sources."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(FIXTURE, data / DB_NAME)
    root = tmp_path / "files"
    root.mkdir()
    for name, folder in FIXTURE_FILES.items():
        shutil.copy(folder / name, root / name)
    old = sqlite3.connect(data / DB_NAME)  # the files now live under tmp_path
    with old:
        old.execute("UPDATE transcripts SET path = replace(path, ?, ?)", (FIXTURE_ROOT, str(root)))
        for table in ("quotes", "citation_details"):
            old.execute(
                f"UPDATE {table} SET source_path = replace(source_path, ?, ?)",
                (FIXTURE_ROOT, str(root)),
            )
        before = old.execute(
            "SELECT id, source_path, turn, start, \"end\", text, note, tags FROM quotes"
            " ORDER BY id"
        ).fetchall()
        assert "entry_id" not in {row[1] for row in old.execute("PRAGMA table_info(quotes)")}
    old.close()
    assert len(before) == 6

    with Workspace.open(data) as ws:
        board = ws.board()
        after = [
            (i.id, i.quote.source_path, i.quote.turn, i.quote.start, i.quote.end, i.quote.text,
             i.note, i.tags)
            for i in board
        ]
        assert [row[:6] for row in after] == [tuple(row[:6]) for row in before]
        assert [i.note for i in board] == [row[6] for row in before]
        entries = {e.path: e.id for e in ws.entries()}
        for item in board:
            assert item.entry_id == entries.get(item.quote.source_path)
        assert sum(item.entry_id is not None for item in board) == 4
        statuses = ws.check_quotes().statuses
        assert set(statuses.values()) == {QuoteStatus.EXACT}
        sample = ws.open_file(root / "sample-interview.txt")
        assert sample.outcome == "unchanged"
        assert ws.record_for(sample.transcript).outlet == "Fixture Weekly"
        srt = workspace_module.read_transcript(root / "whisper_smartphone_fr.srt")
        assert ws.record_for(srt).title == "Un entretien"
    with Workspace.open(data) as again:  # opening twice migrates nothing twice
        assert [i.entry_id for i in again.board()] == [i.entry_id for i in board]


# -- the command line uses the same workspace ------------------------------------------------


def test_the_cli_exports_the_board_and_cites_with_the_stored_details(
    _isolated_data_dir: Path, file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from desktop.cli import main

    with Workspace.open(_isolated_data_dir) as ws:
        opened = ws.open_file(file)
        ws.add_quotes(opened.transcript, [words_span(opened.transcript)], note="lead quote")
        ws.quotes.edit_details(ws.source_ref(opened.transcript), {"outlet": "Harbour Radio"})
    out = tmp_path / "board.md"
    assert main(["export", "--board", "--format", "md", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert WORDS in text and "lead quote" in text and "Harbour Radio" in text

    capsys.readouterr()
    assert main(["cite", str(file), "--quote", WORDS, "--json"]) == 0
    cited = json.loads(capsys.readouterr().out)
    assert "Harbour Radio" in cited["reference"]  # the details stored in the window

    file.write_text(INTERVIEW.replace("forty", "fifty"), encoding="utf-8")
    refused = tmp_path / "refused.md"
    assert main(["export", "--board", "--format", "md", "-o", str(refused)]) == 1
    assert "no longer match" in capsys.readouterr().err
    assert not refused.exists()
    assert main(["export", "--format", "md", "-o", str(refused)]) == 2  # neither FILE nor --board


def test_the_cli_creates_no_library_to_cite_or_export_a_board(
    _isolated_data_dir: Path, file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.cli import main

    assert main(["cite", str(file), "--quote", WORDS]) == 0
    assert main(["export", "--board", "--format", "md", "-o", str(tmp_path / "x.md")]) == 1
    assert "board is empty" in capsys.readouterr().err
    assert not (_isolated_data_dir / DB_NAME).exists()
