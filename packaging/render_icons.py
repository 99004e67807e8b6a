"""Render the SVG app icon into the PNG sizes desktops and installers want.

Run after editing `resources/icons/org.verbatimapp.Verbatim.svg`, then commit the results:

    python packaging/render_icons.py

Writes `resources/icons/hicolor/<N>x<N>/apps/<APP_ID>.png` (the freedesktop hicolor layout,
so `install-linux.sh` copies the tree as is), and the Windows `.ico` and macOS `.icns` that
`verbatim.spec` uses into `packaging/icons/`. Uses only Qt (QtSvg), which the app already ships.
"""

from __future__ import annotations

import io
import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

from desktop.appinfo import APP_ID  # noqa: E402

ICONS = REPO / "resources" / "icons"
SVG = ICONS / f"{APP_ID}.svg"
HICOLOR_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
PLATFORM_ICONS = REPO / "packaging" / "icons"


def render(renderer: QSvgRenderer, size: int) -> QImage:
    """The icon at `size` x `size` pixels on a transparent background."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # The stubs say bytes for the format, but PySide6 6.12 accepts only str here.
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]
        raise RuntimeError("Qt could not encode a PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A multi-size .ico with PNG-compressed entries (valid since Windows Vista).

    Written by hand because Qt's ICO writer stores a single size per file.
    """
    header = struct.pack("<HHH", 0, 1, len(pngs))
    directory = io.BytesIO()
    images = io.BytesIO()
    offset = 6 + 16 * len(pngs)
    for size, data in sorted(pngs.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        directory.write(struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset))
        images.write(data)
        offset += len(data)
    return header + directory.getvalue() + images.getvalue()


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"render_icons: cannot read {SVG}", file=sys.stderr)
        return 1
    pngs: dict[int, bytes] = {}
    for size in sorted(set(HICOLOR_SIZES) | set(ICO_SIZES) | {1024}):
        pngs[size] = png_bytes(render(renderer, size))
    for size in HICOLOR_SIZES:
        target = ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pngs[size])
        print(target.relative_to(REPO))
    PLATFORM_ICONS.mkdir(parents=True, exist_ok=True)
    ico = PLATFORM_ICONS / f"{APP_ID}.ico"
    ico.write_bytes(ico_bytes({size: pngs[size] for size in ICO_SIZES}))
    print(ico.relative_to(REPO))
    icns = PLATFORM_ICONS / f"{APP_ID}.icns"
    # Qt's icns plugin (in PySide6-Essentials) writes the 1024 px image as an ic10 entry.
    if not render(renderer, 1024).save(str(icns), "ICNS"):  # type: ignore[call-overload]
        print("render_icons: this Qt has no ICNS writer; skipped the macOS icon", file=sys.stderr)
    else:
        print(icns.relative_to(REPO))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
