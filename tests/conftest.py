"""Shared fixtures: every test gets its own user data folder and Qt runs offscreen."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SAMPLE = REPO / "resources" / "sample-interview.txt"


@pytest.fixture(autouse=True)
def _isolated_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Never touch the developer's real library: each test gets a fresh data folder."""
    data_dir = tmp_path_factory.mktemp("verbatim-data")
    monkeypatch.setenv("VERBATIM_DATA_DIR", str(data_dir))
    return data_dir


@pytest.fixture
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture
def data_dir() -> Path:
    return DATA
