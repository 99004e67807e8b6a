"""The quote board in the library database: order, notes, tags, filter, stale flags, citation
details, survival of a restart and of a killed process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core import library
from desktop.core.citations import CitationDetailsError, CitationRecord, Locator, Person
from desktop.core.model import Role, Source, Speaker, Transcript, Turn
from desktop.core.quote_store import BoardQuote, QuoteNotStoredError, QuoteStore
from desktop.core.quotes import (
    Quote,
    QuoteAnchorError,
    Verification,
    find_quote,
    quote_from_span,
    verify,
)

REPO = Path(__file__).resolve().parents[2]


def transcript(
    answer: str = "We will respond. No, not publicly. Diplomacy is the best way.",
) -> Transcript:
    return Transcript(
        Source("/data/blinken.txt", "d" * 64, "labelled", "utf-8"),
        speakers=(
            Speaker("e", "Efi Koutsokosta", Role.INTERVIEWER, "euronews"),
            Speaker("b", "Antony Blinken", Role.INTERVIEWEE, "US Secretary of State"),
        ),
        turns=(Turn("e", "Will you respond?"), Turn("b", answer)),
    )


def quote(words: str, t: Transcript | None = None) -> Quote:
    found = find_quote(t or transcript(), words)
    assert found is not None
    return found


@pytest.fixture
def store() -> Iterator[QuoteStore]:
    with QuoteStore() as board:
        yield board


def ids(items: list[BoardQuote]) -> list[int]:
    return [item.id for item in items]


def test_add_and_read_back_everything(store: QuoteStore) -> None:
    original = quote("No, not publicly.")
    item = store.add(original, note="key line", tags=["sanctions", " sanctions ", "", "nato"])
    assert item.quote == original
    assert (item.note, item.tags, item.stale) == ("key line", ("sanctions", "nato"), False)
    assert store.get(item.id) == item
    assert len(store) == 1


def test_lives_in_the_library_database_file() -> None:
    with QuoteStore() as board:
        board.add(quote("We will respond."))
    conn = library.connect()
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()
    assert {"quotes", "citation_details", "transcripts"} <= tables
    assert library.default_path().name == "library.sqlite3"


def test_order_move_and_reorder(store: QuoteStore) -> None:
    a = store.add(quote("We will respond."))
    b = store.add(quote("No, not publicly."))
    c = store.add(quote("Diplomacy is the best way."))
    assert ids(store.quotes()) == [a.id, b.id, c.id]
    store.move(c.id, 0)
    assert ids(store.quotes()) == [c.id, a.id, b.id]
    store.move(c.id, 99)
    assert ids(store.quotes()) == [a.id, b.id, c.id]
    store.reorder([b.id, a.id])  # unnamed ones keep their relative place after
    assert ids(store.quotes()) == [b.id, a.id, c.id]
    d = store.add(quote("We will"))
    assert ids(store.quotes())[-1] == d.id


def test_update_remove_and_unknown_ids(store: QuoteStore) -> None:
    a = store.add(quote("We will respond."))
    b = store.add(quote("No, not publicly."))
    updated = store.update(a.id, note="opening", tags=["theme: response"])
    assert (updated.note, updated.tags, updated.quote) == ("opening", ("theme: response",), a.quote)
    store.remove(a.id)
    assert ids(store.quotes()) == [b.id]
    with pytest.raises(QuoteNotStoredError):
        store.get(a.id)
    with pytest.raises(QuoteNotStoredError):
        store.update(a.id, note="x")


def test_filter_by_text_tag_source_and_stale(store: QuoteStore) -> None:
    a = store.add(quote("We will respond."), note="Strong warning", tags=["russia"])
    b = store.add(quote("No, not publicly."), tags=["secrecy"])
    other = Transcript(Source("/data/other.txt", "e" * 64, "plain", "utf-8"),
                       turns=(Turn(None, "100% sure_thing"),))  # fmt: skip
    c = store.add(quote("100% sure_thing", other))
    assert ids(store.quotes(text="WARNING")) == [a.id]  # note, any case
    assert ids(store.quotes(text="publicly")) == [b.id]  # words
    assert ids(store.quotes(text="blinken")) == [a.id, b.id]  # speaker
    assert ids(store.quotes(text="100%")) == [c.id]  # LIKE wildcards are escaped
    assert ids(store.quotes(text="0%")) == [c.id]
    assert ids(store.quotes(text="s_r")) == []  # unescaped, "_" would match "Str(ong)"
    assert ids(store.quotes(tag="secrecy")) == [b.id]
    assert ids(store.quotes(source="/data/other.txt")) == [c.id]
    store.mark_stale(b.id)
    assert ids(store.quotes(stale=True)) == [b.id]
    assert store.tags() == ["russia", "secrecy"]


def test_refresh_reanchors_moved_and_flags_changed_quotes(store: QuoteStore) -> None:
    moved = store.add(quote("No, not publicly."))
    changed = store.add(quote("Diplomacy is the best way."))
    new = transcript("Thank you. We will respond. No, not publicly. Talks are the best way.")
    touched = store.refresh(new)
    assert {item.id for item in touched} == {moved.id, changed.id}
    again = store.get(moved.id)
    assert not again.stale and again.quote.start == new.turns[1].text.index("No, not")
    assert store.get(changed.id).stale  # flagged, never dropped
    assert store.get(changed.id).quote.text == "Diplomacy is the best way."


def test_survives_a_restart_with_locator_and_elisions() -> None:
    t = transcript()
    start = t.turns[1].text.index("We will")
    piece = quote_from_span(
        t, 1, start, start + len("We will respond. No"), [(start + 7, start + 16)]
    )
    with QuoteStore() as board:
        item = board.add(piece, tags=["x"])
    with QuoteStore() as board:
        back = board.get(item.id)
    assert back.quote == piece
    assert back.quote.locator == Locator(paragraph=2)
    assert back.quote.words() == "We will … No"


def test_shortening_is_stored_and_never_changes_the_words(store: QuoteStore) -> None:
    t = transcript()
    item = store.add(quote("We will respond. No, not publicly. Diplomacy is the best way.", t))
    q = item.quote

    def at(word: str) -> int:
        return q.start + q.text.index(word)

    shortened = store.set_elisions(item.id, [(at("No,"), at("Diplomacy") - 1)])
    assert shortened.quote.words() == "We will respond. … Diplomacy is the best way."
    assert shortened.quote.text == q.text and verify(shortened.quote, t) is Verification.EXACT
    with QuoteStore() as again:  # committed at once
        assert again.get(item.id).quote.elisions == shortened.quote.elisions
    with pytest.raises(QuoteAnchorError):
        store.set_elisions(item.id, [(q.start, at("will"))])  # the first word stays
    assert store.get(item.id).quote.elisions == shortened.quote.elisions  # nothing stored
    assert store.set_elisions(item.id, ()).quote.words() == q.text  # restore all
    with pytest.raises(QuoteNotStoredError):
        store.set_elisions(item.id + 100, ())


def test_citation_details_round_trip_and_override_the_import(store: QuoteStore) -> None:
    t = transcript()
    inferred = store.record_for(t)
    assert inferred.interviewees == (Person("Antony Blinken", "US Secretary of State"),)
    assert (inferred.interviewer, inferred.outlet) == ("Efi Koutsokosta", "Euronews")
    store.set_details(t.source.path, {"outlet": "Euronews", "byline": "Efi Koutsokosta",
                                      "published": "2021-12-02"})  # fmt: skip
    record = store.record_for(t)
    assert (record.outlet, record.byline, record.published) == (
        "Euronews", "Efi Koutsokosta", "2021-12-02"
    )  # fmt: skip
    assert record.interviewer == "Efi Koutsokosta"  # still from the import
    store.set_details(t.source.path, CitationRecord(title="Edited"))
    assert store.record_for(t).title == "Edited"
    with pytest.raises(CitationDetailsError):
        store.set_details(t.source.path, {"published": "December 2"})
    store.clear_details(t.source.path)
    assert store.details(t.source.path) is None


def test_a_cleared_field_stays_cleared_until_reset(store: QuoteStore) -> None:
    """Regression: an emptied field the import fills (outlet) fell back to the import."""
    t = transcript()
    path = t.source.path
    assert store.record_for(t).outlet == "Euronews"
    store.set_details(path, {"outlet": "", "interviewees": [], "title": "Mine"})
    record = store.record_for(t)
    assert (record.outlet, record.interviewees, record.title) == (None, (), "Mine")
    assert record.interviewer == "Efi Koutsokosta"  # never set by the user: the import's
    stored = store.details(path)
    assert stored is not None and stored["outlet"] == "" and stored["interviewer"] is None
    # a later edit of another field keeps the clearing; None means "not edited"
    store.edit_details(path, {"url": "https://example.org/x", "outlet": None})
    record = store.record_for(t)
    assert (record.outlet, record.url, record.title) == (None, "https://example.org/x", "Mine")
    store.edit_details(path, {"outlet": "Euronews"})
    assert store.record_for(t).outlet == "Euronews"
    store.edit_details(path, {"outlet": "  "})
    assert store.record_for(t).outlet is None
    with pytest.raises(CitationDetailsError):
        store.edit_details(path, {"published": "someday"})
    store.clear_details(path)  # "Reset to Import"
    record = store.record_for(t)
    assert record.outlet == "Euronews" and record.interviewees and record.title != "Mine"


_CHILD = textwrap.dedent(
    """
    import sys
    from desktop.core.quote_store import QuoteStore
    from desktop.core.quotes import Quote
    store = QuoteStore(sys.argv[1])
    i = 0
    while True:
        q = Quote("/data/x.txt", "f" * 64, 0, 0, 5, f"words {i}")
        item = store.add(q, note=f"n{i}")
        print(item.id, i, flush=True)
        i += 1
    """
)


@pytest.mark.timeout(60)
def test_a_killed_process_loses_no_added_quote(tmp_path: Path) -> None:
    db = tmp_path / "library.sqlite3"
    env = dict(os.environ, PYTHONPATH=str(REPO))
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(db)], stdout=subprocess.PIPE, text=True, env=env,
        cwd=REPO,
    )  # fmt: skip
    assert child.stdout is not None
    confirmed: dict[int, int] = {}
    try:
        while len(confirmed) < 40:
            line = child.stdout.readline()
            assert line, "the child died before adding 40 quotes"
            quote_id, index = map(int, line.split())
            confirmed[quote_id] = index
    finally:
        child.send_signal(signal.SIGKILL)  # no clean-up, no close, mid-loop
        child.wait()
    assert child.returncode == -signal.SIGKILL
    with QuoteStore(db) as board:
        stored = {item.id: item for item in board.quotes()}
    for quote_id, index in confirmed.items():
        assert stored[quote_id].quote.text == f"words {index}"
        assert stored[quote_id].note == f"n{index}"
