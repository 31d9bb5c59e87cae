"""Reading the file a user names for an import, refusing what no call list can be (SPEC §2).

``/dev/zero`` would fill the memory and a FIFO would block the reader for ever, so only a regular
file is read, and only up to :data:`MAX_IMPORT_BYTES` (5,000 targets never need this much). The
checks are made on the opened file itself (``fstat``), so a path swapped after a first look
cannot slip past them; the file is opened without blocking, so opening a FIFO returns at once.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Final, Literal

from calllist_desktop.core.i18n import Language, LocalizedError

MAX_IMPORT_BYTES: Final = 50 * 1024 * 1024
"""Larger files are refused before reading."""

Reason = Literal["not_a_file", "too_large"]


class ImportFileRefused(LocalizedError):
    """The path is not a regular file, or is larger than :data:`MAX_IMPORT_BYTES`; nothing was read.

    ``reason`` says which (``size`` is the file's size in bytes for ``too_large``).
    """

    def __init__(self, path: str | Path, reason: Reason, size: int = 0) -> None:
        super().__init__(str(path), reason, size)  # picklable: the import dialog reads in a child process
        self.path = Path(path)
        self.reason: Reason = reason
        self.size = size

    def message_in(self, language: Language) -> str:
        """One line naming the file and why it is not read."""
        limit = MAX_IMPORT_BYTES // (1024 * 1024)
        if self.reason == "too_large":
            size = f"{self.size / (1024 * 1024):,.1f}"
            if language == "ja":
                return f"ファイル「{self.path}」は大きすぎます（{size} MB、{limit} MB まで）。取り込むのは CSV ファイルです"
            return f"the file {self.path} is too large ({size} MB; at most {limit} MB): choose a CSV file"
        if language == "ja":
            return f"「{self.path}」は通常のファイルではありません（デバイス、パイプ、フォルダーなど）。CSV ファイルを選んでください"
        return f"{self.path} is not a regular file (a device, pipe or folder): choose a CSV file"


def read_import_file(path: str | Path) -> bytes:
    """The bytes of the file at ``path`` (a symbolic link is followed to its file).

    Raises :class:`ImportFileRefused` for anything but a regular file and for a file over
    :data:`MAX_IMPORT_BYTES`, before reading any of it; ``OSError`` when it cannot be opened.
    A file that grows while it is read is refused too: at most one byte past the limit is read.
    """
    path = Path(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except IsADirectoryError:
        raise ImportFileRefused(path, "not_a_file") from None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise ImportFileRefused(path, "not_a_file")
        if status.st_size > MAX_IMPORT_BYTES:
            raise ImportFileRefused(path, "too_large", status.st_size)
    except BaseException:
        os.close(descriptor)
        raise
    with os.fdopen(descriptor, "rb") as file:
        data = file.read(MAX_IMPORT_BYTES + 1)
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFileRefused(path, "too_large", len(data))
    return data
