"""The team library answers like the laptop library: the same queries over the same
transcripts give the same turns, except the differences the README lists."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from desktop.core.importers import import_file
from desktop.core.search import search_transcript
from desktop.core.team.connection import connect
from desktop.core.team.pg_search import PgSearchEngine
from desktop.core.team.schema import migrate

from .pgserver import PgServer

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"
FILES = [
    REPO / "resources" / "sample-interview.txt",
    DATA / "state-dept_blinken-mitchell-msnbc_2021-02-01_excerpt.txt",
    DATA / "teams-export_voice-tags.vtt",
    DATA / "whisper-timestamped_apollo11.words.json",
]
QUERIES = [
    "NATO", "sanctions", "sanction", "Russia Ukraine", "Russia OR China", "NATO NOT Russia",
    '"aggression against Ukraine"', '"very direct"', "negotiat*", "Lavrof~", "Putn~",
    "speaker:blinken", "speaker:kouts sanctions", "role:question", "role:answer Russia",
    "(Russia OR NATO) AND role:question", "helmet", '"sleep restraint"', "meeting",
    "secretary", "Mitchell", "understood", "we*",
]


def _entry(conn: Any, transcript: Any) -> int:
    with conn.cursor() as cur:
        cur.execute(
            "INSERT INTO transcripts (path_key, path, sha256, title, data)"
            " VALUES (%s, %s, %s, %s, %s) RETURNING id",
            (transcript.source.path, transcript.source.path, transcript.source.sha256,
             transcript.title, json.dumps({})),
        )
        row = cur.fetchone()
    conn.commit()
    return int(row[0])


@pytest.fixture(scope="module")
def engines(pg_server: PgServer) -> Any:
    pg_server.admin_sql("DROP DATABASE IF EXISTS same_answers WITH (FORCE)",
                        "CREATE DATABASE same_answers OWNER owner")
    conn = connect(pg_server.url("owner", database="same_answers"))
    migrate(conn, "test")
    engine = PgSearchEngine(conn)
    transcripts = {}
    for path in FILES:
        transcript = import_file(path)
        tid = _entry(conn, transcript)
        engine.update(tid, transcript)
        transcripts[tid] = transcript
    yield engine, transcripts
    conn.close()


@pytest.mark.parametrize("query", QUERIES)
def test_same_turns_as_the_laptop_engine(engines: Any, query: str) -> None:
    engine, transcripts = engines
    for tid, transcript in transcripts.items():
        laptop = {h.turn for h in search_transcript(transcript, query).hits}
        team = {h.turn for h in engine.search(query, transcript_ids=[tid], limit=None).hits}
        assert team == laptop, (transcript.title, query)
