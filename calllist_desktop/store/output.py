"""Writing a file the user named (an export, a backup) without destroying anything on the way.

A path typed on a command line or chosen in a dialog can name anything: the store's own SQLite
file (an export there replaced the database with a CSV), a device (``-o /dev/full`` as root
replaced the real ``/dev/full`` with a regular file), a symbolic link, a folder. The rules, one
place for every writer:

- never the store itself: its file and the ``-wal``/``-shm``/``-journal`` files beside it,
  whatever the spelling (a symbolic link, ``..``, a hard link);
- only a regular file or a path where nothing is yet; a symbolic link is followed to its file,
  which is then replaced (the link stays a link);
- whole or not at all: the data go to a temporary file in the same folder, which takes the
  file's place in one step (``os.replace``) and is removed on every failure.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from calllist_desktop.store.errors import StoreError

SQLITE_COMPANIONS = ("", "-wal", "-shm", "-journal")
"""Suffixes of the files SQLite keeps for a database, the database itself first."""


def sqlite_files(database: Path) -> list[Path]:
    """The files that make up the SQLite database at ``database`` (some may not exist)."""
    return [database.with_name(database.name + suffix) for suffix in SQLITE_COMPANIONS]


def _is_protected(target: Path, found: os.stat_result | None, protected: Sequence[Path]) -> bool:
    for path in protected:
        if Path(os.path.realpath(path)) == target:
            return True
        if found is not None:
            try:
                if os.path.samefile(path, target):  # a hard link to the store is the store too
                    return True
            except OSError:  # the protected file does not exist: only its name could match
                pass
    return False


def checked_target(path: Path, protected: Sequence[Path] = ()) -> Path:
    """The file to write for ``path``: its symbolic links followed, checked against the rules above.

    Raises :class:`StoreError` for a path that must not be written (``protected`` lists the
    store's files), ``OSError`` when the path cannot be examined.
    """
    shown = str(path)
    target = Path(os.path.realpath(path.expanduser()))
    try:
        found: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        found = None
    except OSError as exc:  # a loop of symbolic links, no permission to look
        raise StoreError(
            f"cannot write {shown}: {exc.strerror}", f"{shown} に書き込めません: {exc.strerror}"
        ) from None
    if found is not None and stat.S_ISDIR(found.st_mode):
        raise StoreError(
            f"{shown} is a folder: give the name of a file", f"{shown} はフォルダです。ファイル名を指定してください"
        )
    if found is not None and not stat.S_ISREG(found.st_mode):
        raise StoreError(
            f"{shown} is not a regular file (a device, pipe or socket): give the name of a file",
            f"{shown} は通常のファイルではありません (デバイス・パイプなど)。ファイル名を指定してください",
        )
    if _is_protected(target, found, protected):
        raise StoreError(
            f"{shown} is the store itself: choose another file",
            f"{shown} はデータベースそのものです。別のファイルを指定してください",
        )
    if not target.parent.is_dir():
        raise StoreError(f"the folder does not exist: {target.parent}", f"フォルダがありません: {target.parent}")
    return target


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask  # as any new file (mkstemp alone would leave it 0600)


def replace_file(target: Path, write: Callable[[Path], Any]) -> None:
    """Let ``write`` fill a temporary file beside ``target``, then put it in ``target``'s place.

    Overwriting keeps the file's permissions. On any failure (``OSError`` from the disk, an
    interrupt) the temporary file is removed and ``target`` is as it was.
    """
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = _new_file_mode()
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    temporary = Path(name)
    try:
        os.close(handle)
        write(temporary)
        with open(temporary, "rb+") as written:  # on the disk before it takes the file's place
            os.fsync(written.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_bytes(path: Path, data: bytes, protected: Sequence[Path] = ()) -> Path:
    """Write ``data`` to ``path`` under the rules above; returns the file written."""
    target = checked_target(path, protected)
    replace_file(target, lambda temporary: temporary.write_bytes(data))
    return target
