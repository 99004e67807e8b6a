"""The user's fixes to the import (Not a speaker, Split, Join, Not speech): what each does to
the turns, and that the library keeps them and re-applies them after a re-import."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.import_fixes import FixKind, apply_fixes, make_fix
from desktop.core.importers import import_bytes
from desktop.core.library import DB_NAME, Library
from desktop.core.model import AnnotationKind, Transcript

TEXT = (
    "John Kirby: Thanks, everybody.\n\n"
    "Ana Ruiz: On behalf of colleagues in\n\n"
    "Argentina: There are reports.\n\n"
    "John Kirby: No comment on that. Next question?\n\nWhat about the budget?\n\n"
    "Ana Ruiz: Thanks.\n\n(Air Force One lands.)\n\nJohn Kirby: Sure.\n"
)


def _parse(text: str = TEXT) -> Transcript:
    return import_bytes(text.encode("utf-8"), "gaggle.txt")


def _names(transcript: Transcript) -> list[str | None]:
    by_id = {s.id: s.name for s in transcript.speakers}
    return [None if t.speaker is None else by_id[t.speaker] for t in transcript.turns]


def test_not_a_speaker_puts_the_label_back_into_the_words_before_it() -> None:
    transcript = _parse()
    index = _names(transcript).index("Argentina")
    fixed = apply_fixes(transcript, [make_fix(transcript, FixKind.NOT_A_SPEAKER, index)])
    assert "Argentina" not in [s.name for s in fixed.speakers]
    assert fixed.turns[index - 1].text == (
        "On behalf of colleagues in\n\nArgentina: There are reports."
    )
    assert len(fixed.turns) == len(transcript.turns) - 1


def test_split_turn_here_starts_a_turn_with_nobody_named() -> None:
    transcript = _parse()
    index = next(i for i, t in enumerate(transcript.turns) if "What about" in t.text)
    at = transcript.turns[index].text.index("What about")
    fixed = apply_fixes(transcript, [make_fix(transcript, FixKind.SPLIT, index, at)])
    assert fixed.turns[index].text == "No comment on that. Next question?"
    assert (fixed.turns[index + 1].speaker, fixed.turns[index + 1].text) == (
        None, "What about the budget?"
    )


def test_join_with_previous_turn() -> None:
    transcript = _parse()
    index = _names(transcript).index("Argentina")
    fixed = apply_fixes(transcript, [make_fix(transcript, FixKind.JOIN, index)])
    assert fixed.turns[index - 1].text.endswith("colleagues in\n\nThere are reports.")
    assert fixed.turns[index - 1].speaker == transcript.turns[index - 1].speaker
    assert "Argentina" not in [s.name for s in fixed.speakers]  # no turn of theirs is left


def test_not_speech_marks_the_paragraph_as_a_note() -> None:
    transcript = _parse()
    index = next(i for i, t in enumerate(transcript.turns) if "What about" in t.text)
    at = transcript.turns[index].text.index("budget")
    fixed = apply_fixes(transcript, [make_fix(transcript, FixKind.NOT_SPEECH, index, at)])
    turn = fixed.turns[index]
    start = turn.text.index("What about")
    assert any(
        (a.start, a.end, a.kind) == (start, len(turn.text), AnnotationKind.EDITORIAL)
        for a in turn.annotations
    )
    assert turn.text == transcript.turns[index].text  # the words themselves stay


def test_a_fix_finds_its_turn_by_its_words_when_indices_moved() -> None:
    transcript = _parse()
    index = _names(transcript).index("Argentina")
    fix = make_fix(transcript, FixKind.NOT_A_SPEAKER, index)
    longer = _parse("John Kirby: Before we begin.\n\nAna Ruiz: Fine.\n\n" + TEXT)
    fixed = apply_fixes(longer, [fix])
    assert "Argentina" not in [s.name for s in fixed.speakers]


def test_impossible_fixes_are_refused_with_a_sentence() -> None:
    transcript = _parse()
    with pytest.raises(ValueError, match="first turn"):
        make_fix(transcript, FixKind.JOIN, 0)
    with pytest.raises(ValueError, match="inside its words"):
        make_fix(transcript, FixKind.SPLIT, 0, 0)


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    lib = Library(tmp_path / "data" / DB_NAME)
    yield lib
    lib.close()


def test_the_library_keeps_fixes_and_reapplies_them_after_a_reimport(
    library: Library, tmp_path: Path
) -> None:
    path = tmp_path / "gaggle.txt"
    path.write_text(TEXT, encoding="utf-8")
    entry = library.add([path]).added[0]
    shown = library.transcript(entry.id)
    index = _names(shown).index("Argentina")
    fixed = library.fix_import(entry.id, make_fix(shown, FixKind.NOT_A_SPEAKER, index))
    assert "Argentina" not in [s.name for s in fixed.speakers]
    kirby = next(s for s in fixed.speakers if s.name == "John Kirby")
    library.rename_speaker(entry.id, kirby.id, "Adm. John Kirby")  # applied after the fixes

    path.write_text(TEXT + "\nAna Ruiz: One more?\n\nJohn Kirby: No.\n", encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
    assert library.refresh().updated == [entry.id]
    again = Library(library.path)
    try:
        after = again.transcript(entry.id)
    finally:
        again.close()
    assert "Argentina" not in [s.name for s in after.speakers]
    assert "Adm. John Kirby" in [s.name for s in after.speakers]
    assert after.turns[-1].text == "No."
    cleared = library.clear_fixes(entry.id)  # forgetting them brings the label back
    assert "Argentina" in [s.name for s in cleared.speakers]
    assert "Argentina" in [s.name for s in library.transcript(entry.id).speakers]


def test_a_page_saved_as_a_python_bytes_literal_is_read_as_its_text() -> None:
    """`b'<p>MR. GIBBS:\\xc2\\xa0 Hi.</p>\\n…'` (a scraper's `str(response.content)`): the
    escapes are the page's newlines and UTF-8 bytes; anything else that is not a valid
    literal stays as written."""
    from desktop.core.importers.decoding import decode

    page = (
        "<h1>Gaggle</h1>\n"
        "b'<p>MR. GIBBS:\\xc2\\xa0 Hi there.</p>\\n<p>Q\\xc2\\xa0\\xc2\\xa0 It\\xe2\\x80\\x99s "
        "late?</p>\\n<p>MR. GIBBS:\\xc2\\xa0 Yes.</p>'\n"
    )
    decoded = decode(page.encode("utf-8"))
    assert "<p>MR. GIBBS:\u00a0 Hi there.</p>\n<p>Q\u00a0\u00a0 It\u2019s late?</p>" in decoded.text
    assert any("bytes literal" in r for r in decoded.repairs)
    kept = "He said b'\\x41' is bytes.\nb'not closed \\n here\n"
    assert decode(kept.encode("utf-8")).text == kept
