#!/usr/bin/env bash
# Install Verbatim's desktop integration on Linux: the .desktop file (menu entry and "Open
# with"), the app icon in the hicolor theme (PNG sizes + scalable SVG) and the AppStream
# metainfo (software centres), into the XDG data folders.
#
#   packaging/install-linux.sh --user   [--bundle DIR | --exec CMD] [--uninstall]
#   packaging/install-linux.sh --prefix DIR [--bundle DIR | --exec CMD] [--uninstall]
#
# --user        install for the current user, into ${XDG_DATA_HOME:-~/.local/share}
# --prefix DIR  install system-wide under DIR/share, e.g. --prefix /usr/local (run as root)
# --bundle DIR  also install the standalone app built by build.sh (DIR is .../dist/verbatim):
#               copied to ~/.local/lib/verbatim or DIR/lib/verbatim, with a `verbatim` link in
#               ~/.local/bin or DIR/bin; the menu entry runs that link
# --exec CMD    the command the menu entry runs (default: `verbatim`, as a pip install provides)
# --uninstall   remove what an install with the same options put in place
#
# Run from an unpacked release (next to the `verbatim` executable) the bundle is found by
# itself. Afterwards update-desktop-database and gtk-update-icon-cache run if present.
set -euo pipefail

APP_ID="org.verbatimapp.Verbatim"  # desktop/appinfo.py APP_ID (a test keeps them equal)

here="$(cd "$(dirname "$0")" && pwd)"
mode=""
prefix=""
bundle=""
exec_cmd=""
uninstall=0

# The header comment above is the help text.
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }
die() { echo "install-linux.sh: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --user) mode="user"; shift ;;
    --prefix) [ $# -ge 2 ] || die "--prefix needs a folder"; mode="prefix"; prefix="$2"; shift 2 ;;
    --bundle) [ $# -ge 2 ] || die "--bundle needs a folder"; bundle="$2"; shift 2 ;;
    --exec) [ $# -ge 2 ] || die "--exec needs a command"; exec_cmd="$2"; shift 2 ;;
    --uninstall) uninstall=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown option: $1 (see --help)" ;;
  esac
done
[ -n "$mode" ] || { usage >&2; die "choose --user or --prefix DIR"; }
[ -z "$bundle" ] || [ -z "$exec_cmd" ] || die "--bundle and --exec exclude each other"

# The Desktop Entry spec: an Exec path with spaces is double-quoted. Paths with characters
# that would need escaping as well (" ` $ \) are refused rather than half-escaped.
exec_field_for() {
  case "$1" in
    *[\"\`\$\\]*) die "the command path may not contain \" \` \$ or \\: $1" ;;
    *[[:space:]]*) printf '"%s"' "$1" ;;
    *) printf '%s' "$1" ;;
  esac
}
[ -z "$exec_cmd" ] || exec_field_for "$exec_cmd" >/dev/null

# An unpacked release has this script next to the executable and its _internal/ folder.
if [ -z "$bundle" ] && [ -z "$exec_cmd" ] && [ -x "$here/verbatim" ] && [ -d "$here/_internal" ]; then
  bundle="$here"
fi

if [ "$mode" = "user" ]; then
  datadir="${XDG_DATA_HOME:-$HOME/.local/share}"
  libdir="$HOME/.local/lib"
  bindir="$HOME/.local/bin"
else
  prefix="$(mkdir -p "$prefix" && cd "$prefix" && pwd)"
  datadir="$prefix/share"
  libdir="$prefix/lib"
  bindir="$prefix/bin"
fi

# Resources: a source checkout's resources/, else the bundle's own copy.
resources="$here/../resources"
if [ ! -f "$resources/$APP_ID.desktop" ] && [ -n "$bundle" ]; then
  resources="$bundle/_internal/resources"
fi
[ -f "$resources/$APP_ID.desktop" ] || die "cannot find $APP_ID.desktop (looked in $resources)"

desktop_file="$datadir/applications/$APP_ID.desktop"
metainfo_file="$datadir/metainfo/$APP_ID.metainfo.xml"
icon_files=()
for png in "$resources"/icons/hicolor/*/apps/"$APP_ID".png; do
  size="$(basename "$(dirname "$(dirname "$png")")")"
  icon_files+=("$size/apps/$APP_ID.png")
done
icon_files+=("scalable/apps/$APP_ID.svg")

refresh_caches() {
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$datadir/applications" || true
  fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -d "$datadir/icons/hicolor" ]; then
    gtk-update-icon-cache -q -t -f "$datadir/icons/hicolor" || true
  fi
}

if [ "$uninstall" -eq 1 ]; then
  rm -f "$desktop_file" "$metainfo_file"
  for icon in "${icon_files[@]}"; do rm -f "$datadir/icons/hicolor/$icon"; done
  if [ -n "$bundle" ]; then
    if [ -L "$bindir/verbatim" ]; then rm -f "$bindir/verbatim"; fi
    rm -rf "$libdir/verbatim"
  fi
  refresh_caches
  echo "install-linux.sh: removed Verbatim from $datadir"
  exit 0
fi

if [ -n "$bundle" ]; then
  [ -x "$bundle/verbatim" ] || die "no verbatim executable in $bundle (build it with packaging/build.sh)"
  bundle="$(cd "$bundle" && pwd)"
  if [ "$bundle" != "$libdir/verbatim" ]; then
    rm -rf "$libdir/verbatim"
    mkdir -p "$libdir"
    cp -a "$bundle" "$libdir/verbatim"
  fi
  mkdir -p "$bindir"
  ln -sfn "$libdir/verbatim/verbatim" "$bindir/verbatim"
  exec_cmd="$bindir/verbatim"
fi
exec_cmd="${exec_cmd:-verbatim}"
exec_field="$(exec_field_for "$exec_cmd")"

install -d "$datadir/applications" "$datadir/metainfo"
# Keep `%F` (the files to open) after whichever command runs the app.
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in
    Exec=*) printf 'Exec=%s %%F\n' "$exec_field" ;;
    *) printf '%s\n' "$line" ;;
  esac
done < "$resources/$APP_ID.desktop" > "$desktop_file.tmp"
chmod 644 "$desktop_file.tmp"
mv "$desktop_file.tmp" "$desktop_file"
install -m 644 "$resources/$APP_ID.metainfo.xml" "$metainfo_file"
for icon in "${icon_files[@]}"; do
  case "$icon" in
    scalable/*) source_icon="$resources/icons/$APP_ID.svg" ;;
    *) source_icon="$resources/icons/hicolor/$icon" ;;
  esac
  install -D -m 644 "$source_icon" "$datadir/icons/hicolor/$icon"
done
refresh_caches
echo "install-linux.sh: installed Verbatim into $datadir (menu entry runs: $exec_cmd)"
