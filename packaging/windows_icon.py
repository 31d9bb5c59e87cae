"""The Windows icon (``.ico``) of the program, made from the PNG icons ``make icons`` renders.

An ICO file is a directory of images; since Windows Vista each may be a whole PNG file, so the
icon is the PNGs as they are, no image library needed. PyInstaller puts it into both ``.exe``
files (packaging/calllist-desktop.spec) when it builds on Windows.

    python packaging/windows_icon.py build/calllist-desktop.ico
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "calllist_desktop" / "ui" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)  # what Explorer, the task bar and Alt+Tab ask for


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise ValueError("not a PNG file")
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def ico_bytes(pngs: list[bytes]) -> bytes:
    """An ICO file holding each PNG as one image (sizes up to 256 pixels)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    directory = b""
    offset = len(header) + 16 * len(pngs)
    for data in pngs:
        width, height = png_size(data)
        if width > 256 or height > 256:
            raise ValueError(f"an icon image is at most 256×256 pixels, not {width}×{height}")
        # 0 in the one-byte width/height means 256; 32 bits per pixel, no palette.
        directory += struct.pack("<BBBBHHII", width % 256, height % 256, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return header + directory + b"".join(pngs)


def write_icon(target: Path, icons: Path = ICONS, sizes: tuple[int, ...] = SIZES) -> Path:
    """Write the program's ``.ico`` to ``target`` from ``calllist-desktop-<size>.png``."""
    pngs = [(icons / f"calllist-desktop-{size}.png").read_bytes() for size in sizes]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(ico_bytes(pngs))
    return target


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        sys.exit(2)
    print(write_icon(Path(sys.argv[1])))
