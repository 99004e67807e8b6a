"""The Linux desktop metadata validates, and one app id is used everywhere."""

from __future__ import annotations

import ast
import re
import shutil
import struct
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from desktop import appinfo
from tests.packaging.helpers import PACKAGING, REPO, RESOURCES, read_desktop_entry, run

DESKTOP_FILE = RESOURCES / f"{appinfo.APP_ID}.desktop"
METAINFO_FILE = RESOURCES / f"{appinfo.APP_ID}.metainfo.xml"
SPEC = PACKAGING / "verbatim.spec"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _metainfo() -> ET.Element:
    return ET.parse(METAINFO_FILE).getroot()


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk comes first
    return width, height


def _pyproject() -> dict[str, object]:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


# --- validators ---------------------------------------------------------------------------


def test_desktop_file_validates() -> None:
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        pytest.skip("desktop-file-validate is not installed (Debian: desktop-file-utils)")
    result = run([tool, str(DESKTOP_FILE)], cwd=REPO)
    # It prints errors and warnings (and harmless hints); only a clean exit with no
    # error/warning lines counts as valid.
    assert result.returncode == 0, result.stdout + result.stderr
    problems = [
        line for line in (result.stdout + result.stderr).splitlines() if "hint:" not in line
    ]
    assert problems == []


def test_metainfo_validates() -> None:
    tool = shutil.which("appstreamcli")
    if tool is None:
        pytest.skip("appstreamcli is not installed (Debian: appstream)")
    result = run([tool, "validate", "--no-net", str(METAINFO_FILE)], cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr


# --- one app id everywhere ----------------------------------------------------------------


def test_desktop_file_is_named_for_the_app_id_and_names_its_icon() -> None:
    entry = read_desktop_entry(DESKTOP_FILE)
    assert DESKTOP_FILE.is_file()
    assert entry["Icon"] == appinfo.APP_ID
    assert entry["Name"] == appinfo.APP_NAME
    # Qt sets the X11 WM_CLASS class to the application name, which app.py takes from appinfo.
    assert entry["StartupWMClass"] == appinfo.APP_NAME
    assert entry["Type"] == "Application"
    assert entry["Terminal"] == "false"


def test_desktop_file_runs_the_installed_command_with_files() -> None:
    entry = read_desktop_entry(DESKTOP_FILE)
    command, *args = entry["Exec"].split()
    scripts = _pyproject()["project"]["scripts"]  # type: ignore[index]
    assert command in scripts, f"Exec runs {command!r}, which pyproject.toml does not install"
    assert args == ["%F"], "Exec must pass the opened files (%F) and nothing else"


def test_desktop_file_declares_the_transcript_types_it_opens() -> None:
    mime_types = set(read_desktop_entry(DESKTOP_FILE)["MimeType"].rstrip(";").split(";"))
    expected = {
        "text/plain",
        "application/x-subrip",
        "text/vtt",
        "text/markdown",
        "application/json",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }
    assert expected <= mime_types


def test_metainfo_uses_the_app_id_version_and_binary() -> None:
    root = _metainfo()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == appinfo.APP_ID
    assert root.findtext("name") == appinfo.APP_NAME
    assert root.findtext("summary") == appinfo.SUMMARY
    launchable = root.find("launchable")
    assert launchable is not None and launchable.get("type") == "desktop-id"
    assert launchable.text == DESKTOP_FILE.name
    assert root.findtext("provides/binary") == read_desktop_entry(DESKTOP_FILE)["Exec"].split()[0]
    releases = root.findall("releases/release")
    assert releases, "metainfo has no release entry"
    assert releases[0].get("version") == appinfo.VERSION, "newest release must be VERSION"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", releases[0].get("date") or "")


def test_metainfo_has_a_default_screenshot_with_caption() -> None:
    screenshot = _metainfo().find("screenshots/screenshot[@type='default']")
    assert screenshot is not None
    assert (screenshot.findtext("image") or "").startswith("https://")
    assert screenshot.findtext("caption")


def test_metainfo_and_desktop_file_share_categories() -> None:
    desktop = read_desktop_entry(DESKTOP_FILE)["Categories"].rstrip(";").split(";")
    metainfo = [c.text for c in _metainfo().findall("categories/category")]
    assert metainfo == desktop


def test_spec_reads_identity_from_appinfo() -> None:
    text = SPEC.read_text(encoding="utf-8")
    assert 'runpy.run_path(str(REPO / "desktop" / "appinfo.py"))' in text
    assert "bundle_identifier=APP_ID" in text
    # No hard-coded copy of the id or the version in the spec.
    assert appinfo.APP_ID not in text
    assert f'"{appinfo.VERSION}"' not in text


def test_install_script_uses_the_app_id() -> None:
    text = (PACKAGING / "install-linux.sh").read_text(encoding="utf-8")
    match = re.search(r'^APP_ID="([^"]+)"', text, re.MULTILINE)
    assert match is not None and match.group(1) == appinfo.APP_ID


# --- icons ----------------------------------------------------------------------------------


def test_svg_icon_is_named_for_the_app_id() -> None:
    svg = RESOURCES / "icons" / f"{appinfo.APP_ID}.svg"
    root = ET.parse(svg).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox") == "0 0 128 128"


@pytest.mark.parametrize("size", ICON_SIZES)
def test_hicolor_png_has_its_size(size: int) -> None:
    png = RESOURCES / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{appinfo.APP_ID}.png"
    assert _png_size(png) == (size, size)


def test_platform_icons_exist_for_windows_and_macos() -> None:
    ico = (PACKAGING / "icons" / f"{appinfo.APP_ID}.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1) and count >= 5, "not a multi-size .ico"
    assert (PACKAGING / "icons" / f"{appinfo.APP_ID}.icns").read_bytes()[:4] == b"icns"


# --- the spec's exclusions stay honest ------------------------------------------------------


def _spec_list(name: str) -> set[str]:
    """A list of strings assigned to `name` at the top of verbatim.spec."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            return {ast.literal_eval(e) for e in node.value.elts}  # type: ignore[attr-defined]
    raise AssertionError(f"{name} not found in verbatim.spec")


def _imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_app_imports_no_module_the_spec_excludes() -> None:
    excluded = _spec_list("QT_EXCLUDES") | _spec_list("PY_EXCLUDES")
    assert {"PySide6.QtNetwork", "tkinter"} <= excluded  # the lists were parsed
    offenders = {
        f"{path.relative_to(REPO)}: {module}"
        for path in (REPO / "desktop").rglob("*.py")
        for module in _imported_modules(path)
        if any(module == ex or module.startswith(ex + ".") for ex in excluded)
    }
    assert offenders == set(), "the bundle would lack these modules; update verbatim.spec"


def test_media_modules_are_imported_only_when_a_recording_opens() -> None:
    """The default bundle leaves Qt Multimedia out (MEDIA_QT): the app may import it only
    inside functions, never when a module loads, so the window starts without it."""
    media = _spec_list("MEDIA_QT")
    assert "PySide6.QtMultimedia" in media
    offenders = set()
    for path in (REPO / "desktop").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in tree.body:  # module level only: what runs on import
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders.update(f"{path.relative_to(REPO)}: {n}" for n in names
                             if any(n == m or n.startswith(m + ".") for m in media))
    assert offenders == set()


def test_app_loads_no_qt_translations_the_spec_drops() -> None:
    assert "PySide6/Qt/translations/" in SPEC.read_text(encoding="utf-8")
    users = [
        str(path.relative_to(REPO))
        for path in (REPO / "desktop").rglob("*.py")
        if "QTranslator" in path.read_text(encoding="utf-8")
    ]
    assert users == [], "the app now translates Qt; keep Qt's translations in verbatim.spec"
