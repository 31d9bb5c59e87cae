"""The files of the commands that import and export: reading the file given to import, and
writing what is exported to standard output (``-``) or to a file.

A problem with either is one line (:class:`~calllist_desktop.cli.common.CliError`); a file is
never one of the store's own and is written whole or not at all (``store.output``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from calllist_desktop.cli.common import CliError
from calllist_desktop.core.i18n import in_language
from calllist_desktop.core.import_file import ImportFileRefused, read_import_file
from calllist_desktop.store import output
from calllist_desktop.store.store import Store


def read_input(name: str) -> bytes:
    """The bytes of the file named to import (refused by ``core.import_file`` when it is no
    regular file or too large)."""
    path = Path(name)
    try:
        return read_import_file(path)
    except ImportFileRefused as exc:
        raise CliError(exc.message) from None
    except OSError as exc:
        raise CliError(
            in_language(
                f"ファイルを読めません: {path}: {exc.strerror}", f"cannot read {path}: {exc.strerror}"
            )
        ) from None


def write_output(name: str | None, data: bytes, store: Store) -> Path | None:
    """``data`` to standard output (``name`` ``-`` or none) or to the file ``name``; the path
    written, ``None`` for standard output."""
    if name in (None, "-"):
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return None
    path = Path(name)
    try:
        output.write_bytes(path, data, store.files())
    except OSError as exc:
        raise CliError(
            in_language(f"書き込めません: {path}: {exc.strerror}", f"cannot write {path}: {exc.strerror}")
        ) from None
    return path
