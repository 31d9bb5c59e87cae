"""``calllist``, the admin command line (see :mod:`calllist_desktop.cli.main`)."""

from calllist_desktop.cli.main import build_parser, main, run

__all__ = ["build_parser", "main", "run"]
