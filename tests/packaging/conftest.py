"""Fixtures for the packaging tests: distributions built once per session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.packaging.helpers import REPO, run


@pytest.fixture(scope="session")
def built_dists(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(wheel, sdist) built by `python -m build` (the wheel is built from the sdist)."""
    out = tmp_path_factory.mktemp("dists")
    result = run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(REPO)],
        cwd=out,
        timeout=600,
    )
    assert result.returncode == 0, f"python -m build failed:\n{result.stdout}\n{result.stderr}"
    wheels = sorted(out.glob("verbatim-*.whl"))
    sdists = sorted(out.glob("verbatim-*.tar.gz"))
    assert len(wheels) == 1 and len(sdists) == 1, f"unexpected build output: {list(out.iterdir())}"
    return wheels[0], sdists[0]
