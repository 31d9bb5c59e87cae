"""Render the program's icon (``calllist_desktop/ui/icons/calllist-desktop.svg``) as PNGs.

Window managers, the freedesktop icon theme and PyInstaller want bitmaps at fixed sizes; drawing
them from the one SVG with Qt's own renderer keeps every size the same picture. The PNGs are
committed (so neither a build nor a start needs this script); run it again after editing the SVG:

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/render_icons.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from calllist_desktop.ui.app import ICON_SIZES, ICONS

SOURCE = ICONS / "calllist-desktop.svg"


def render(renderer: QSvgRenderer, size: int) -> QImage:
    """The icon at ``size`` × ``size`` pixels on a transparent background, antialiased."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"render_icons: cannot read {SOURCE}", file=sys.stderr)
        return 1
    for size in ICON_SIZES:
        target = ICONS / f"calllist-desktop-{size}.png"
        if not render(renderer, size).save(str(target)):  # PNG, from the name
            print(f"render_icons: cannot write {target}", file=sys.stderr)
            return 1
        print(f"wrote {target.relative_to(ICONS.parent.parent.parent)}")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
