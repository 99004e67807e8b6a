#!/usr/bin/env bash
# Build the standalone Verbatim app with PyInstaller (packaging/verbatim.spec).
#
#   packaging/build.sh [--dist DIR] [--work DIR] [--archive]
#
# --dist DIR   where the app goes (default: packaging/dist); the app is DIR/verbatim/
#              (and DIR/Verbatim.app on macOS)
# --work DIR   PyInstaller's scratch folder (default: packaging/build)
# --archive    also pack DIR/verbatim/ into DIR/verbatim-VERSION-OS-ARCH.tar.gz
#
# The Python used is $PYTHON, else the active virtualenv, else the repository's .venv, else
# python3. It must have Verbatim's dependencies installed (`pip install -e '.[test]'`);
# PyInstaller is installed into it if missing.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
dist="$here/dist"
work="$here/build"
archive=0

while [ $# -gt 0 ]; do
  case "$1" in
    --dist) dist="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --archive) archive=1; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "build.sh: unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done

if [ -n "${PYTHON:-}" ]; then
  python="$PYTHON"
elif [ -n "${VIRTUAL_ENV:-}" ]; then
  python="$VIRTUAL_ENV/bin/python"
elif [ -x "$repo/.venv/bin/python" ]; then
  python="$repo/.venv/bin/python"
else
  python="python3"
fi

if ! "$python" -c "import PyInstaller" 2>/dev/null; then
  echo "build.sh: installing PyInstaller into $("$python" -c 'import sys; print(sys.prefix)')"
  "$python" -m pip install --quiet "pyinstaller>=6.10"
fi

start=$(date +%s)
"$python" -m PyInstaller --noconfirm --log-level WARN \
  --distpath "$dist" --workpath "$work" "$here/verbatim.spec"
seconds=$(( $(date +%s) - start ))

app="$dist/verbatim"
if [ "$(uname -s)" = "Linux" ]; then
  # An unpacked release installs its menu entry and icon with ./install-linux.sh --user.
  cp "$here/install-linux.sh" "$app/install-linux.sh"
fi
echo "build.sh: built $app in ${seconds} s ($(du -sh "$app" | cut -f1) on disk)"

if [ "$archive" -eq 1 ]; then
  version=$("$python" -c "import runpy; print(runpy.run_path('$repo/desktop/appinfo.py')['VERSION'])")
  os_name=$(uname -s | tr '[:upper:]' '[:lower:]')
  tarball="$dist/verbatim-$version-$os_name-$(uname -m).tar.gz"
  tar -C "$dist" -czf "$tarball" verbatim
  echo "build.sh: packed $tarball ($(du -h "$tarball" | cut -f1))"
fi
