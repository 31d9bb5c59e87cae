"""What the Windows build relies on, checked here on any system (no Windows machine is at hand):
its icon file, the tests its workflow leaves out, and a product code free of one system's files."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImageReader

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "windows.yml"
sys.path.insert(0, str(ROOT / "packaging"))
import windows_icon  # noqa: E402


def test_the_icon_holds_every_size_and_qt_reads_each_image(tmp_path: Path, qapp: object) -> None:
    icon = windows_icon.write_icon(tmp_path / "calllist-desktop.ico")
    reader = QImageReader(str(icon))
    assert reader.format() == b"ico", reader.errorString()
    sizes = []
    for index in range(reader.imageCount()):
        reader.jumpToImage(index)
        image = reader.read()
        assert not image.isNull(), reader.errorString()
        sizes.append(image.width())
    assert sorted(sizes) == sorted(windows_icon.SIZES)


def test_an_icon_image_too_large_or_not_a_png_is_refused() -> None:
    big = (windows_icon.ICONS / "calllist-desktop-512.png").read_bytes()
    with pytest.raises(ValueError, match="256"):
        windows_icon.ico_bytes([big])
    with pytest.raises(ValueError, match="PNG"):
        windows_icon.ico_bytes([b"GIF89a" + bytes(40)])


def test_every_test_the_windows_workflow_leaves_out_exists() -> None:
    """A renamed test must not slip out of the list silently, nor the list cover a whole file."""
    deselected = re.findall(r"--deselect (\S+)", WORKFLOW.read_text(encoding="utf-8"))
    assert deselected
    for node in deselected:
        path, _, name = node.partition("::")
        assert name, f"{node}: leave out single tests, not whole files"
        tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
        names = {item.name for item in ast.walk(tree) if isinstance(item, ast.FunctionDef)}
        assert name in names, f"{node} is no longer a test: update {WORKFLOW.name}"


SYSTEM_SPECIFIC = re.compile(r"/proc/|/sys/class|/dev/snd|\basound\b|\balsa,|hw:\d|plughw|/usr/share/sounds")


def test_the_product_code_names_no_system_files_or_alsa_devices() -> None:
    """SPEC §6: nothing in the code needs one system's files or device names (issue 18 item 5)."""
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted((ROOT / "calllist_desktop").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if SYSTEM_SPECIFIC.search(line)
    ]
    assert not found, "\n".join(found)
