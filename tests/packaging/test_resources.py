"""desktop.paths finds the bundled resources in a source checkout, an installed wheel and a
frozen app (the real frozen app is exercised in test_bundle.py)."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest

from desktop import appinfo, paths
from tests.packaging.helpers import REPO, RESOURCES, run

ICON = f"icons/{appinfo.APP_ID}.svg"


def _fake_resources(root: Path) -> Path:
    folder = root / "resources"
    (folder / "icons").mkdir(parents=True)
    (folder / paths.SAMPLE_NAME).write_text("Q: frozen?\nA: yes.\n", encoding="utf-8")
    (folder / ICON).write_text("<svg/>", encoding="utf-8")
    return folder


def test_source_checkout_uses_the_top_level_resources_folder() -> None:
    assert paths.resources_dir() == RESOURCES
    assert paths.sample_interview() == RESOURCES / "sample-interview.txt"
    assert paths.resource(ICON) == RESOURCES / ICON


def test_missing_resource_is_a_clear_error() -> None:
    with pytest.raises(paths.ResourceNotFoundError, match=r"no-such-file\.txt"):
        paths.resource("no-such-file.txt")


def test_frozen_app_prefers_the_unpacked_resources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _fake_resources(tmp_path)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resources_dir() == folder
    assert paths.sample_interview().read_text(encoding="utf-8").startswith("Q: frozen?")
    assert paths.resource(ICON) == folder / ICON


def test_frozen_app_without_resources_falls_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)  # no resources/ inside
    assert paths.resources_dir() == RESOURCES


def test_wheel_contains_the_resources_and_finds_them(
    built_dists: tuple[Path, Path], tmp_path: Path
) -> None:
    wheel, _sdist = built_dists
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path / "site")
    for name in (
        "desktop/resources/sample-interview.txt",
        f"desktop/resources/{ICON}",
        f"desktop/resources/icons/hicolor/48x48/apps/{appinfo.APP_ID}.png",
        f"desktop/resources/{appinfo.APP_ID}.desktop",
        f"desktop/resources/{appinfo.APP_ID}.metainfo.xml",
    ):
        assert name in names, f"{name} missing from {wheel.name}"
    assert not any(n.startswith(("tests/", "packaging/")) for n in names)

    # Run from outside the repository, with only the unpacked wheel on the path.
    site = tmp_path / "site"
    cwd = tmp_path / "elsewhere"
    cwd.mkdir()
    code = (
        "import desktop; from desktop import paths; "
        f"print(desktop.__file__); print(paths.sample_interview()); print(paths.resource({ICON!r}))"
    )
    result = run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(site)!r}); {code}"],
        cwd=cwd,
    )
    assert result.returncode == 0, result.stderr
    module_file, sample, icon = (Path(line) for line in result.stdout.splitlines())
    assert module_file.is_relative_to(site), "imported the checkout instead of the wheel"
    assert sample == site / "desktop" / "resources" / "sample-interview.txt"
    assert sample.read_bytes() == (RESOURCES / "sample-interview.txt").read_bytes()
    assert icon == site / "desktop" / "resources" / ICON
    assert not sample.is_relative_to(REPO)
