"""The PyInstaller bundle starts and renders the sample with no Python and no source tree.

Builds with packaging/build.sh into a temporary folder, copies the app elsewhere and runs it
from a directory outside the repository with a bare environment (no PYTHONPATH, fresh HOME).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop import appinfo
from tests.packaging.helpers import (
    PACKAGING,
    REPO,
    RESOURCES,
    assert_screenshot,
    clean_env,
    read_desktop_entry,
    run,
)

DESKTOP_FILE = RESOURCES / f"{appinfo.APP_ID}.desktop"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="builds the Linux bundle"),
]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built app folder, moved away from the build tree (and from the repository)."""
    work = tmp_path_factory.mktemp("pyinstaller")
    env = {**os.environ, "PYTHON": sys.executable}
    env.pop("PYTHONPATH", None)
    result = run(
        [
            "bash",
            str(PACKAGING / "build.sh"),
            "--dist",
            str(work / "dist"),
            "--work",
            str(work / "build"),
        ],
        cwd=work,
        env=env,
        timeout=900,
    )
    assert result.returncode == 0, f"build.sh failed:\n{result.stdout}\n{result.stderr}"
    elsewhere = tmp_path_factory.mktemp("installed") / "verbatim"
    shutil.copytree(work / "dist" / "verbatim", elsewhere, symlinks=True)
    shutil.rmtree(work)  # nothing may point back into the build tree
    return elsewhere


def _run_app(app: Path, *args: str, home: Path) -> tuple[int, str, str]:
    cwd = home / "cwd"
    cwd.mkdir(parents=True, exist_ok=True)
    result = run([str(app), *args], cwd=cwd, env=clean_env(home), timeout=120)
    return result.returncode, result.stdout, result.stderr


def test_bundle_holds_no_python_source_tree(bundle: Path) -> None:
    assert (bundle / "verbatim").is_file() and os.access(bundle / "verbatim", os.X_OK)
    internal = bundle / "_internal"
    assert (internal / "resources" / "sample-interview.txt").is_file()
    assert (internal / "resources" / "icons" / f"{appinfo.APP_ID}.svg").is_file()
    assert not list(bundle.rglob("*.py")), "source files were bundled next to the bytecode"
    assert not (bundle / "desktop").exists() and not (internal / "desktop").exists()


def test_bundle_leaves_out_unused_qt_and_python_modules(bundle: Path) -> None:
    qt = bundle / "_internal" / "PySide6"
    present = {p.name.split(".")[0] for p in qt.glob("Qt*.so")}
    assert {"QtCore", "QtGui", "QtWidgets", "QtSvg"} <= present
    for unused in ("QtNetwork", "QtQml", "QtQuick", "QtPdf", "QtMultimedia"):
        assert unused not in present
        assert not list(bundle.rglob(f"libQt6{unused[2:]}.so*")), f"{unused} library bundled"
    # The C++ libQt6OpenGL stays (the xcb GLX integration links it); its Python module goes.
    assert "QtOpenGL" not in present
    plugins = qt / "Qt" / "plugins"
    assert (plugins / "platforms" / "libqxcb.so").is_file()
    assert (plugins / "platforms" / "libqoffscreen.so").is_file()
    assert not (plugins / "platforms" / "libqvnc.so").exists()
    assert not (plugins / "platformthemes" / "libqgtk3.so").exists()
    assert not list(bundle.rglob("libcairo*.so*")), "the GTK theme's libraries were bundled"
    assert not list(bundle.rglob("_tkinter*.so"))


def test_version(bundle: Path, tmp_path: Path) -> None:
    code, out, err = _run_app(bundle / "verbatim", "--version", home=tmp_path)
    assert code == 0, err
    assert out.strip() == f"{appinfo.APP_NAME} {appinfo.VERSION}"


def test_screenshot_of_the_bundled_sample(bundle: Path, tmp_path: Path) -> None:
    shot = tmp_path / "out.png"
    code, out, err = _run_app(bundle / "verbatim", "--screenshot", str(shot), home=tmp_path)
    assert code == 0, out + err
    assert_screenshot(shot)


def test_parse_command_uses_the_bundled_importers(bundle: Path, tmp_path: Path) -> None:
    sample = bundle / "_internal" / "resources" / "sample-interview.txt"
    code, out, err = _run_app(bundle / "verbatim", "parse", str(sample), "--json", home=tmp_path)
    assert code == 0, err
    assert '"turns"' in out


def test_cite_uses_the_bundled_word_lists(bundle: Path, tmp_path: Path) -> None:
    """Sentence case needs english-words' lists, which are package data the spec adds."""
    sample = (
        Path(__file__).resolve().parents[1]
        / "data"
        / ("state-dept_blinken-mitchell-msnbc_2021-02-01_excerpt.txt")
    )
    code, out, err = _run_app(
        bundle / "verbatim",
        "cite",
        str(sample),
        "--style",
        "apa",
        "--quote",
        "the Russian Government makes a big mistake",
        home=tmp_path,
    )
    assert code == 0, err
    assert "Interview: Secretary Antony J. Blinken with Andrea Mitchell of MSNBC." in out


def test_runs_through_the_installed_symlink(bundle: Path, tmp_path: Path) -> None:
    prefix = tmp_path / "prefix"
    result = run(
        [
            "bash",
            str(PACKAGING / "install-linux.sh"),
            "--prefix",
            str(prefix),
            "--bundle",
            str(bundle),
        ],
        cwd=tmp_path,
        env=clean_env(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    code, out, err = _run_app(prefix / "bin" / "verbatim", "--version", home=tmp_path)
    assert code == 0, err
    assert out.strip() == f"{appinfo.APP_NAME} {appinfo.VERSION}"
    assert not str(prefix).startswith(str(REPO))


def _start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    """Xvfb on a free display number, which it reports through -displayfd."""
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()
    if not number:
        server.kill()
        pytest.fail("Xvfb did not report a display number")
    return server, f":{number}"


@pytest.mark.xvfb
def test_bundle_opens_a_real_x11_window(bundle: Path, tmp_path: Path) -> None:
    """The trimmed bundle still loads Qt's xcb plugin, and the window's WM_CLASS is the
    StartupWMClass the desktop file promises (so docks group it with its launcher)."""
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (Debian: xvfb)")
    from tests.packaging.x11 import list_windows

    server, display = _start_xvfb()
    app: subprocess.Popen[bytes] | None = None
    try:
        env = clean_env(tmp_path, DISPLAY=display, QT_QPA_PLATFORM="xcb")
        app = subprocess.Popen(
            [str(bundle / "verbatim")],
            cwd=tmp_path,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=(tmp_path / "app.log").open("wb"),
        )
        wanted = read_desktop_entry(DESKTOP_FILE)["StartupWMClass"]
        deadline = time.monotonic() + 60  # a generous bound for a slow CI machine
        windows = []
        while time.monotonic() < deadline and app.poll() is None:
            windows = list_windows(display)
            if any(w.res_class == wanted for w in windows):
                break
            time.sleep(0.2)
        log = (tmp_path / "app.log").read_text(errors="replace")
        assert app.poll() is None, f"the app exited with {app.returncode}:\n{log}"
        assert any(w.res_class == wanted and w.res_name == "verbatim" for w in windows), (
            f"no window with WM_CLASS ('verbatim', {wanted!r}); saw {windows}\n{log}"
        )
    finally:
        if app is not None:
            app.terminate()
            try:
                app.wait(timeout=10)
            except subprocess.TimeoutExpired:
                app.kill()
        server.terminate()
        server.wait(timeout=10)
