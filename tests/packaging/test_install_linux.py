"""packaging/install-linux.sh puts the desktop integration into the XDG folders, and removes it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop import appinfo
from tests.packaging.helpers import PACKAGING, REPO, read_desktop_entry, run

SCRIPT = PACKAGING / "install-linux.sh"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _installed_files(share: Path) -> list[Path]:
    app_id = appinfo.APP_ID
    files = [
        share / "applications" / f"{app_id}.desktop",
        share / "metainfo" / f"{app_id}.metainfo.xml",
        share / "icons" / "hicolor" / "scalable" / "apps" / f"{app_id}.svg",
    ]
    files += [
        share / "icons" / "hicolor" / f"{n}x{n}" / "apps" / f"{app_id}.png" for n in ICON_SIZES
    ]
    return files


def _install(*args: str, home: Path) -> str:
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(home)}
    result = run(["bash", str(SCRIPT), *args], cwd=home, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_prefix_install_places_every_file_and_uninstall_removes_them(tmp_path: Path) -> None:
    prefix = tmp_path / "usr-local"
    _install("--prefix", str(prefix), home=tmp_path)
    share = prefix / "share"
    missing = [str(p) for p in _installed_files(share) if not p.is_file()]
    assert missing == []
    entry = read_desktop_entry(share / "applications" / f"{appinfo.APP_ID}.desktop")
    assert entry["Exec"] == "verbatim %F"
    assert (share / "metainfo" / f"{appinfo.APP_ID}.metainfo.xml").read_bytes() == (
        REPO / "resources" / f"{appinfo.APP_ID}.metainfo.xml"
    ).read_bytes()

    _install("--prefix", str(prefix), "--uninstall", home=tmp_path)
    left = [str(p) for p in _installed_files(share) if p.exists()]
    assert left == []


def test_user_install_goes_to_xdg_data_home(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    _install("--user", home=home)
    assert all(p.is_file() for p in _installed_files(home / ".local" / "share"))


def test_installed_tree_validates(tmp_path: Path) -> None:
    prefix = tmp_path / "prefix"
    _install("--prefix", str(prefix), "--exec", "/opt/Verbatim App/verbatim", home=tmp_path)
    desktop = prefix / "share" / "applications" / f"{appinfo.APP_ID}.desktop"
    # A path with a space is quoted as the Desktop Entry spec requires.
    assert read_desktop_entry(desktop)["Exec"] == '"/opt/Verbatim App/verbatim" %F'
    validator = shutil.which("desktop-file-validate")
    appstream = shutil.which("appstreamcli")
    if validator is None or appstream is None:
        pytest.skip("desktop-file-validate or appstreamcli is not installed")
    result = run([validator, str(desktop)], cwd=tmp_path)
    assert result.returncode == 0 and "error" not in result.stdout, result.stdout
    # validate-tree checks the metainfo together with the desktop file it launches.
    result = run([appstream, "validate-tree", "--no-net", str(prefix)], cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_bundle_install_links_the_executable(tmp_path: Path) -> None:
    bundle = tmp_path / "dist" / "verbatim"
    (bundle / "_internal").mkdir(parents=True)
    fake = bundle / "verbatim"
    fake.write_text("#!/bin/sh\necho fake verbatim\n")
    fake.chmod(0o755)
    prefix = tmp_path / "prefix"
    _install("--prefix", str(prefix), "--bundle", str(bundle), home=tmp_path)
    link = prefix / "bin" / "verbatim"
    assert link.is_symlink()
    assert link.resolve() == (prefix / "lib" / "verbatim" / "verbatim").resolve()
    assert run([str(link)], cwd=tmp_path).stdout == "fake verbatim\n"
    entry = read_desktop_entry(prefix / "share" / "applications" / f"{appinfo.APP_ID}.desktop")
    assert entry["Exec"] == f"{link} %F"

    _install("--prefix", str(prefix), "--bundle", str(bundle), "--uninstall", home=tmp_path)
    assert not link.exists() and not link.is_symlink()
    assert not (prefix / "lib" / "verbatim").exists()
    assert bundle.is_dir(), "uninstall must not touch the bundle it was given"


@pytest.mark.parametrize(
    "args",
    [
        [],  # neither --user nor --prefix
        ["--user", "--frobnicate"],
        ["--prefix"],
        ["--user", "--exec", "/opt/a$b/verbatim"],  # would need escaping in Exec
    ],
)
def test_bad_arguments_are_refused(tmp_path: Path, args: list[str]) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    result = run(["bash", str(SCRIPT), *args], cwd=tmp_path, env=env)
    assert result.returncode == 2
    assert "install-linux.sh:" in result.stderr
    assert not (tmp_path / ".local").exists(), "nothing may be installed on a usage error"
