"""`python -m build` gives a wheel and an sdist; the wheel installs in a fresh venv and runs."""

from __future__ import annotations

import site
import tarfile
import venv
from pathlib import Path

import pytest

from desktop import appinfo
from tests.packaging.helpers import assert_screenshot, clean_env, run

pytestmark = pytest.mark.slow


def test_sdist_carries_what_a_rebuild_needs(built_dists: tuple[Path, Path]) -> None:
    _wheel, sdist = built_dists
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    for name in (
        "pyproject.toml",
        "desktop/appinfo.py",
        "resources/sample-interview.txt",
        f"resources/icons/{appinfo.APP_ID}.svg",
        "packaging/verbatim.spec",
        "packaging/install-linux.sh",
    ):
        assert name in names, f"{name} missing from {sdist.name}"


def _fresh_venv(root: Path) -> Path:
    """A new venv whose own site-packages come first, seeing this interpreter's dependencies.

    `python -m venv --system-site-packages` would expose the *base* interpreter's packages,
    not the ones of the (virtual) environment running the tests, so those are added with a
    .pth file instead: they come after the venv's own site-packages, where the wheel goes.
    """
    venv.EnvBuilder(with_pip=True, clear=True).create(root)
    python = root / "bin" / "python"
    purelib = run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        cwd=root,
    ).stdout.strip()
    parents = [*site.getsitepackages(), site.getusersitepackages()]
    lines = [f"import site; site.addsitedir({p!r})" for p in parents if Path(p).is_dir()]
    (Path(purelib) / "_verbatim_test_deps.pth").write_text("\n".join(lines) + "\n")
    return root


def test_wheel_installs_in_a_fresh_venv_and_renders_the_sample(
    built_dists: tuple[Path, Path], tmp_path: Path
) -> None:
    wheel, _sdist = built_dists
    env_dir = _fresh_venv(tmp_path / "venv")
    python = env_dir / "bin" / "python"
    result = run(
        [str(python), "-m", "pip", "install", "--no-deps", "--quiet", str(wheel)], cwd=tmp_path
    )
    assert result.returncode == 0, result.stdout + result.stderr

    cwd = tmp_path / "elsewhere"
    cwd.mkdir()
    env = clean_env(tmp_path / "home")
    where = run([str(python), "-c", "import desktop; print(desktop.__file__)"], cwd=cwd, env=env)
    assert Path(where.stdout.strip()).is_relative_to(env_dir), "did not import the installed wheel"

    verbatim = env_dir / "bin" / "verbatim"
    version = run([str(verbatim), "--version"], cwd=cwd, env=env)
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"{appinfo.APP_NAME} {appinfo.VERSION}"

    shot = cwd / "out.png"
    result = run([str(verbatim), "--screenshot", str(shot)], cwd=cwd, env=env, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert_screenshot(shot)
