"""The team library answers like the laptop library: the same queries over the same
transcripts give the same turns, except the differences the README lists."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop.core.importers import import_file
from desktop.core.search import search_transcript
from desktop.core.team.workspace import open_team_workspace

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


@pytest.fixture(scope="module")
def engines(pg_server: PgServer) -> Any:
    pg_server.admin_sql("DROP DATABASE IF EXISTS same_answers WITH (FORCE)",
                        "CREATE DATABASE same_answers OWNER owner")
    workspace = open_team_workspace(pg_server.url("owner", database="same_answers"))
    opened = workspace.open_index()
    transcripts = {}
    for path in FILES:
        shown = workspace.open_file(path)
        assert shown.entry_id is not None
        transcripts[shown.entry_id] = import_file(path)
    yield opened.engine, transcripts
    workspace.close()


@pytest.mark.parametrize("query", QUERIES)
def test_same_turns_as_the_laptop_engine(engines: Any, query: str) -> None:
    engine, transcripts = engines
    for tid, transcript in transcripts.items():
        laptop = {h.turn for h in search_transcript(transcript, query).hits}
        team = {h.turn for h in engine.search(query, transcript_ids=[tid], limit=None).hits}
        assert team == laptop, (transcript.title, query)
