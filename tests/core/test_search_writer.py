"""The index's own segment writer (`_TurnWriter`) writes what Whoosh's stock writer writes,
and the queries that once needed word positions (`exact` no longer has them) still answer
as Whoosh's positional phrase query did."""

from __future__ import annotations

import pickle
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import query as wq
from whoosh.filedb.filestore import FileStorage
from whoosh.writing import OPTIMIZE

from desktop.core.model import Metadata, Role, Section, Source, Speaker, Transcript, Turn
from desktop.core.search import search_transcript, whoosh_engine
from desktop.core.search.whoosh_engine import (
    _EXACT_ANALYZER,
    SCHEMA_VERSION,
    WhooshEngine,
    _documents,
    _MappedFile,
    _merge_tiers,
    _near_spans,
    _schema,
    _turn_docs,
    _TurnWriter,
    _ViewReader,
    exact_words,
)

WORDS = ("the", "of", "and", "Ukraine", "aggression", "sanctions", "Genève", "naïve", "x1.5",
         "e-mail", "d'Alembert", "İstanbul", "ÉCOLE", "straße", "3.14", "u.s.a", "talked",
         "about", "nothing")


def transcript(seed: int, turns: int = 30) -> Transcript:
    rng = random.Random(seed)
    efi = Speaker("efi", "Efi Koutsokosta", Role.INTERVIEWER, "euronews", ("Efi K, radio",))
    ab = Speaker("ab", "Antony Blinken", Role.INTERVIEWEE)
    body = []
    for _ in range(turns):
        n = rng.choice((0, 1, 3, 12, 40))
        text = " ".join(rng.choice(WORDS) for _ in range(n)) + rng.choice(("", ".", "?"))
        body.append(Turn(rng.choice(("efi", "ab", None)), text))
    return Transcript(
        source=Source(f"/data/t{seed}.txt", f"{seed:064x}", "test", "utf-8"),
        metadata=Metadata(title=f"Interview {seed}"),
        speakers=(efi, ab),
        sections=(Section("The opening remarks", 0), Section("Sanctions", turns // 2)),
        turns=tuple(body),
    )


def contents(directory: Path) -> dict[str, Any]:
    """Everything a search reads from an index, segment by segment: each word's postings
    (turn, weight, value), its term statistics, per-turn field lengths, stored fields,
    the codes column and the field totals."""
    ix = FileStorage(str(directory)).open_index()
    found: dict[str, Any] = {}
    with ix.reader() as top:
        readers = [r for r, _ in top.leaf_readers()]
        for k, reader in enumerate(readers):
            seg: dict[str, Any] = {"docs": reader.doc_count_all(), "deleted": [
                d for d in range(reader.doc_count_all()) if reader.is_deleted(d)]}
            for field in sorted(reader.indexed_field_names()):
                for btext in reader.lexicon(field):
                    m = reader.postings(field, btext)
                    postings = []
                    while m.is_active():
                        postings.append((m.id(), m.weight(), m.value()))
                        m.next()
                    info = reader.term_info(field, btext)
                    seg[f"{field}:{btext!r}"] = (
                        postings, info.weight(), info.doc_frequency(), info.min_length(),
                        info.max_length(), info.max_weight(), info.min_id(), info.max_id())
                seg[f"length:{field}"] = [reader.doc_field_length(d, field)
                                          for d in range(reader.doc_count_all())]
                seg[f"total:{field}"] = reader.field_length(field)
            seg["stored"] = [reader.stored_fields(d) for d in range(reader.doc_count_all())]
            codes = reader.column_reader("codes")
            seg["codes"] = [codes[d] for d in range(reader.doc_count_all())]
            found[str(k)] = seg
    ix.close()
    return found


def stock_build(directory: Path, steps: list[tuple[int, Transcript]], optimize: bool) -> None:
    """The same writes through Whoosh's own writer and `add_document`."""
    ix = FileStorage(str(directory)).create().create_index(_schema())
    for tid, t in steps:
        writer = ix.writer()
        writer.delete_by_term("tid", str(tid))
        for doc in _documents(tid, t):
            writer.add_document(**doc)
        writer.commit(mergetype=_merge_tiers)
    if optimize:
        ix.writer().commit(mergetype=OPTIMIZE)
    ix.close()


def own_build(directory: Path, steps: list[tuple[int, Transcript]], optimize: bool) -> None:
    ix = FileStorage(str(directory)).create().create_index(_schema())
    for tid, t in steps:
        writer = _TurnWriter(ix)
        writer.delete_by_term("tid", str(tid))
        for doc in _turn_docs(tid, t, writer.schema):
            writer.add_turn(doc)
        writer.commit(mergetype=_merge_tiers)
    if optimize:
        _TurnWriter(ix).commit(mergetype=OPTIMIZE)
    ix.close()


@pytest.mark.parametrize("optimize", [False, True])
def test_own_writer_writes_what_whoosh_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, optimize: bool
) -> None:
    # Small tiers, so that commits merge segments (some with deleted turns) on the way.
    monkeypatch.setattr(whoosh_engine, "_TIER_BASE", 2)
    steps = [(1, transcript(1, 600)), (2, transcript(2)), (1, transcript(3)),
             (3, transcript(4, 3)), (2, transcript(5)), (4, transcript(6))]
    stock_build(tmp_path / "stock", steps, optimize)
    own_build(tmp_path / "own", steps, optimize)
    stock, own = contents(tmp_path / "stock"), contents(tmp_path / "own")
    assert stock.keys() == own.keys()
    for segment in stock:
        assert stock[segment].keys() == own[segment].keys()
        for key in stock[segment]:
            assert own[segment][key] == stock[segment][key], (segment, key)


def test_a_word_in_many_blocks_keeps_every_posting(tmp_path: Path) -> None:
    """A word said in more turns than one postings block holds (128)."""
    engine, _ = WhooshEngine.open(tmp_path / "index")
    many = Transcript(Source("/m.txt", "c" * 64, "test", "utf-8"), Metadata(title="M"),
                      (), (), tuple(Turn(None, f"word{i % 3} common") for i in range(1000)))
    engine.update(1, many)
    assert engine.search("common", limit=None).total == 1000
    assert engine.search('"word1 common"', limit=None).total == 333
    engine.close()


# -- phrases without positions ------------------------------------------------------------


def whoosh_spans(words: list[str], phrase: list[str], slop: int) -> int:
    """How many spans Whoosh's own positional phrase query finds (an index with positions)."""
    from whoosh.fields import TEXT, Schema
    from whoosh.filedb.filestore import RamStorage

    ix = RamStorage().create_index(Schema(t=TEXT(analyzer=_EXACT_ANALYZER, phrase=True)))
    with ix.writer() as w:
        w.add_document(t=" ".join(words))
    with ix.searcher() as s:
        m = wq.Phrase("t", phrase, slop=slop).matcher(s)
        return len(m.spans()) if m.is_active() else 0


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from("abcd"), max_size=14),
       st.lists(st.sampled_from("abc"), min_size=2, max_size=3), st.integers(0, 4))
def test_near_spans_agree_with_whoosh(words: list[str], phrase: list[str], slop: int) -> None:
    assert _near_spans(words, phrase, slop) == whoosh_spans(words, phrase, slop)


def test_phrases_with_slop(tmp_path: Path) -> None:
    t = Transcript(
        Source("/s.txt", "d" * 64, "test", "utf-8"), Metadata(title="S"), (), (),
        (Turn(None, "sanctions would be a mistake"), Turn(None, "a mistake, sanctions"),
         Turn(None, "sanctions are never ever ever a mistake")))
    engine = WhooshEngine.in_memory()
    engine.update(1, t)
    assert sorted(h.turn for h in engine.search('"sanctions mistake"~4').hits) == [0]
    assert sorted(h.turn for h in engine.search('"sanctions mistake"~6').hits) == [0, 2]
    assert engine.search('"sanctions mistake"~0').total == 0
    assert engine.search('"mistake"~3').total == 3
    hit = engine.search('"sanctions mistake"~4').hits[0]
    assert [t.turns[0].text[s:e] for s, e in hit.matches] == ["sanctions", "mistake"]


def test_an_index_of_the_previous_schema_is_rebuilt(tmp_path: Path) -> None:
    """An index whose `exact` field had positions (schema 9) is rebuilt, never misread."""
    directory = tmp_path / "index"
    engine, reason = WhooshEngine.open(directory)
    engine.update(1, transcript(1))
    engine.close()
    (directory / "verbatim-schema.txt").write_text("9", encoding="utf-8")
    engine, reason = WhooshEngine.open(directory)
    assert reason == "outdated" and engine.doc_count() == 0
    engine.close()
    assert (directory / "verbatim-schema.txt").read_text(encoding="utf-8") == SCHEMA_VERSION


def test_a_quoted_section_title_is_all_its_words() -> None:
    """Section titles have no word positions: a quoted title finds the turns under a title
    with all its words (it used to raise Whoosh's "no positions" error)."""
    t = transcript(7, 10)
    engine = WhooshEngine.in_memory()
    engine.update(1, t)
    assert engine.search('section:"opening remarks"', limit=None).total == 5
    assert engine.search('section:"remarks opening"', limit=None).total == 5
    assert engine.search('section:"opening sanctions"', limit=None).total == 0
    assert search_transcript(t, 'section:"opening remarks"').total == 5


def test_a_write_bigger_than_its_memory_goes_to_several_segments(tmp_path: Path) -> None:
    engine, _ = WhooshEngine.open(tmp_path / "index")
    engine.limitmb = 0  # every transcript fills the writer's memory
    assert engine.update_many([(k, transcript(k)) for k in (1, 2, 3)]) == 3
    assert engine.segment_count() == 3
    assert sorted(engine.indexed()) == [1, 2, 3]
    assert engine.search("nothing", limit=None).total == \
        sum(1 for k in (1, 2, 3) for turn in transcript(k).turns
            if "nothing" in exact_words(turn.text))
    engine.close()


# -- reading segments in place ------------------------------------------------------------


_OPS = st.lists(st.tuples(st.sampled_from(["read", "seek", "seek1", "seek2", "readline",
                                           "readinto", "peek"]), st.integers(-3, 40)),
                max_size=25)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=60), _OPS)
def test_view_reader_reads_as_bytesio(data: bytes, ops: list[tuple[str, int]]) -> None:
    """The in-place reader of a memory-mapped segment's files answers as the `BytesIO`
    copy Whoosh would have made."""
    import io

    mine, stock = _ViewReader(memoryview(data)), io.BytesIO(data)
    for op, n in ops:
        if op == "read":
            assert mine.read(n) == stock.read(n)
        elif op.startswith("seek"):
            whence = int(op[4:] or 0)
            if whence == 0 and n < 0:
                continue  # BytesIO refuses a negative absolute position
            assert mine.seek(n, whence) == stock.seek(n, whence)
        elif op == "readline":
            assert mine.readline(n) == stock.readline(n)
        elif op == "readinto":
            a, b = bytearray(max(0, n)), bytearray(max(0, n))
            assert mine.readinto(a) == stock.readinto(b) and a == b
        else:
            assert stock.getvalue()[stock.tell():].startswith(mine.peek(n))
        assert mine.tell() == stock.tell()


def test_a_searcher_reads_the_index_in_place(tmp_path: Path) -> None:
    engine, _ = WhooshEngine.open(tmp_path / "index")
    engine.update(1, transcript(1, 50))
    engine.close()
    engine, _ = WhooshEngine.open(tmp_path / "index")
    before = engine.search("sanctions", limit=None).total
    assert before > 0
    reader = engine._current_searcher().reader()
    files = [reader._terms._tindex.dbfile, reader._terms._postfile]
    assert all(isinstance(f, _MappedFile) for f in files)
    short, long = (1, 2, 3.5, 0, 7, 9), {"a": [1, 2, 3], "b": "x" * 600}
    data = pickle.dumps(long, 2)
    assert pickle.load(_ViewReader(memoryview(data))) == long
    mapped = _MappedFile(memoryview(pickle.dumps(short, 2) + data + b"tail"))
    assert (mapped.read_pickle(), mapped.read_pickle(), mapped.read(4)) == (short, long, b"tail")
    engine.close()
