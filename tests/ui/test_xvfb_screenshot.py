"""The real xcb platform under Xvfb: the window maps, paints the sample, and is grabbed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.conftest import REPO

pytestmark = [pytest.mark.xvfb, pytest.mark.timeout(120)]


@pytest.fixture
def xvfb_display() -> Iterator[str]:
    """Start Xvfb on a free display (it picks one and tells us through -displayfd)."""
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (apt-get install xvfb; CI installs it)")
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1600x1000x24", "-nolisten",
         "tcp"],
        pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        if not number:
            pytest.fail("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)


def test_real_window_under_xvfb(xvfb_display: str, tmp_path: Path) -> None:
    out = tmp_path / "xvfb-window.png"
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", DISPLAY=xvfb_display,
               VERBATIM_DATA_DIR=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    result = subprocess.run(
        [sys.executable, "-m", "tests.ui.xvfb_snapshot", str(out)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=100, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "platform=xcb" in result.stdout
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 800)
    colours = {image.pixel(x, y) for y in range(0, 800, 9) for x in range(0, 1280, 9)}
    assert len(colours) > 20
    print(f"xvfb screenshot: {out}")
