"""Log files a user can hand to support, with the customers' numbers and every secret masked.

Both programs (the desktop client and the ``calllist`` command line) write a rotating log file
of their own in the user's log folder (platformdirs: ``~/.local/state/CallList Desktop/log`` on
Linux): 1 MB per file, five old files kept, so a log never fills a disk and a week of work fits.
Each program has its own file because two processes rotating one file would lose lines.

A call centre's log is full of its customers' phone numbers, and a store URL may carry a
password; support needs neither. :class:`MaskingFilter` rewrites every record before any handler
writes it: phone numbers keep only their last four digits (enough to find a call), passwords,
tokens and the credentials in URLs become ``***``. It masks at every level: a log is handed on as
it is, and nobody remembers to clean it first.

Qt-free on purpose: the command line uses it too.

The desktop client starts with :func:`start_logging` (the console, and records kept in memory)
and opens the file with :func:`open_log_file` once its window has painted: the file handler's
module and platformdirs are start-up work the first paint does without. Nothing is lost meanwhile: the kept
records are written to the file first, and the client opens it on every way out too.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import sys
import threading
from pathlib import Path

APP_NAME = "CallList Desktop"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
LOG_DIR_VARIABLE = "CALLLIST_LOG_DIR"  # tests and portable set-ups put the logs elsewhere
LOG_LEVEL_VARIABLE = "CALLLIST_LOG_LEVEL"  # e.g. DEBUG; the default is INFO
MASK = "***"
_KEEP_DIGITS = 4
_PHONE_DIGITS = 8  # fewer digits are not masked: a count, a port, a time

# scheme://user:password@host → scheme://user:***@host (database URLs, SIP URIs with passwords).
# Up to the last "@": a password typed with a raw "@" (p@ss) is hidden whole, not cut at its "@".
_URL_CREDENTIALS = r"(?P<head>\b[a-zA-Z][a-zA-Z0-9+.\-]*://[^:/@\s]*):(?P<secret>\S*)@"
# A SIP/HTTP Authorization header: everything after the name is a credential.
_AUTH_HEADER = r"(?im)\b(?P<head>(?:proxy-)?authorization\s*[:=]\s*).+$"
# password=…, "secret": "…", token: …, api_key=…
_KEY_VALUE = (
    r"(?i)(?P<head>\b\w*?(?:password|passwd|passphrase|pwd|secret|token|api[_\-]?key|access[_\-]?key)"
    r"[\"']?\s*[:=]\s*)(?P<secret>\"[^\"]*\"|'[^']*'|[^\s,;&\"')}\]]+)"
)
# PostgreSQL's DETAIL lines quote the rows they are about ("Failing row contains (+81…, 株式会社…)",
# "Key (phone)=(+81…)"): customers' names and numbers, whatever the statement was.
_DB_DETAIL = r"(?m)(?P<head>\bDETAIL:[ \t]*).+$"
# Phone numbers: international (+81 3-1234-5678, +81312345678), national with a leading 0
# (03-1234-5678, 090 1234 5678, (03)1234-5678, full-width digits too), and bare runs of 10–15
# digits (81312345678 as a dial template writes it). Dates (2026-11-25) start with no 0 or +.
_SEP = r"[\-\s\u2010-\u2015\u2212\uff0d]"  # hyphens and dashes, half- and full-width
_PHONE = (
    r"(?<![\w+＋])(?:"
    rf"[+＋]\d(?:\d|{_SEP}|[().（）]){{6,}}\d"
    rf"|[(（]?[0０]\d{{1,4}}[)）]?{_SEP}?\d{{1,4}}{_SEP}?\d{{3,4}}"
    r"|\d{10,15}"
    r")(?!\d)"
)


def _mask_digits(match: re.Match[str]) -> str:
    """Every digit but the last few becomes ``*``; separators stay, so the shape stays readable."""
    text = match.group(0)
    digits = sum(ch.isdigit() for ch in text)
    if digits < _PHONE_DIGITS:  # too short for a phone number: a count, a port, a time
        return text
    hide = digits - _KEEP_DIGITS
    out = []
    for ch in text:
        if ch.isdigit() and hide > 0:
            out.append("*")
            hide -= 1
        else:
            out.append(ch)
    return "".join(out)


@functools.cache
def _pattern(source: str) -> re.Pattern[str]:
    return re.compile(source)


def mask(text: str) -> str:
    """``text`` with phone numbers, passwords, tokens and URL credentials masked.

    Each pattern is tried only on a text that has what every match of it needs ("://", a ":"
    or "=", enough digits), and compiled the first time it is: most records need none, and
    compiling them all cost the desktop's start for nothing (its first record, "starting", needs none).
    """
    text = mask_secrets(text)
    if "DETAIL:" in text:
        text = _pattern(_DB_DETAIL).sub(lambda m: f"{m.group('head')}{MASK}", text)
    if sum(map(str.isdigit, text)) >= _PHONE_DIGITS:
        text = _pattern(_PHONE).sub(_mask_digits, text)
    return text


def mask_secrets(text: str) -> str:
    """``text`` with every password in it masked: a URL's credentials (``user:***@host``, a raw
    ``@`` in the password included), ``password=…`` in a URL's query or a libpq ``key=value``
    string, ``"secret": "…"``, tokens, Authorization headers.

    The one masking of secrets: the log (:func:`mask`) and every URL the programs print use it.
    """
    if "://" in text:
        text = _pattern(_URL_CREDENTIALS).sub(lambda m: f"{m.group('head')}:{MASK}@", text)
    if ":" in text or "=" in text:
        text = _pattern(_AUTH_HEADER).sub(lambda m: f"{m.group('head')}{MASK}", text)
        text = _pattern(_KEY_VALUE).sub(lambda m: f"{m.group('head')}{MASK}", text)
    return text


class MaskingFilter(logging.Filter):
    """Masks a record's message and its traceback before a handler formats it.

    The message is rendered with its arguments first (a number passed as ``%s`` is masked too),
    and the traceback is formatted here, masked, and left in ``exc_text``, which the formatter
    uses as it is.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a bad format string: log it as written
            message = str(record.msg)
        record.msg = mask(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask(record.exc_text)
        if record.stack_info:
            record.stack_info = mask(record.stack_info)
        return True


def log_directory() -> Path:
    """Where the log files are: ``$CALLLIST_LOG_DIR``, else the user's log folder."""
    configured = os.environ.get(LOG_DIR_VARIABLE)
    if configured:
        return Path(configured)
    from platformdirs import user_log_dir

    return Path(user_log_dir(APP_NAME, appauthor=False))


def log_file(program: str) -> Path:
    """The current log file of ``program`` (``calllist-desktop`` or ``calllist``)."""
    return log_directory() / f"{program}.log"


_OURS = "_calllist_handler"
_NO_LOCK = threading.Lock()  # marks the handlers set up here, so a second set-up replaces them


def _level() -> int:
    name = os.environ.get(LOG_LEVEL_VARIABLE, "INFO").upper()
    level = logging.getLevelName(name)
    return level if isinstance(level, int) else logging.INFO


class _KeptRecords(logging.Handler):
    """Keeps the records logged before the log file is open (at most ``LIMIT``), for :func:`open_log_file`."""

    LIMIT = 10_000

    def __init__(self, program: str) -> None:
        super().__init__()
        self.program = program
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.records) < self.LIMIT:
            self.records.append(record)


def _ours(handler: logging.Handler) -> logging.Handler:
    setattr(handler, _OURS, True)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.addFilter(MaskingFilter())
    return handler


def start_logging(program: str, *, console: bool = True) -> None:
    """Log to stderr when ``console``, and keep the records for the program's log file, which
    :func:`open_log_file` opens (a set-up made before is replaced)."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, _OURS, False)]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(_level())
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)  # a line per plugin at every upgrade
    if console:
        root.addHandler(_ours(logging.StreamHandler()))
    kept = _KeptRecords(program)
    setattr(kept, _OURS, True)
    root.addHandler(kept)


def open_log_file() -> Path | None:
    """Open the log file of the program :func:`start_logging` set up, and write the records kept
    until now to it first; the file, or ``None`` when it cannot be written (a read-only home: the
    program runs with the console log only, as a log must never stop it) or is open already."""
    root = logging.getLogger()
    kept = next((h for h in root.handlers if isinstance(h, _KeptRecords)), None)
    if kept is None:
        return None
    from logging.handlers import RotatingFileHandler

    path: Path | None = log_file(kept.program)
    handler: logging.Handler | None = None
    try:
        assert path is not None
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = _ours(RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"))
    except OSError as exc:
        print(f"{kept.program}: cannot write the log file {path}: {exc}", file=sys.stderr)
        path = None
    with kept.lock or _NO_LOCK:  # a record logged meanwhile goes to one of the two, not both
        if handler is not None:
            root.addHandler(handler)
        root.removeHandler(kept)
        records, kept.records = kept.records, []
    if handler is not None:
        for record in records:
            handler.handle(record)
    return path


def setup_logging(program: str, *, console: bool = True) -> Path | None:
    """Log to the program's rotating file (and to stderr when ``console``), everything masked.

    Returns the log file, or ``None`` when it cannot be written (a read-only home): the program
    then runs with the console log only, as a log must never stop it from starting.
    """
    start_logging(program, console=console)
    return open_log_file()
