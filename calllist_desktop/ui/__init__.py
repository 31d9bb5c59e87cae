"""Everything Qt: the desktop client's windows, models, dialogs, and the bridges from engines to signals.

Only this package imports PySide6 (``tests/test_layers.py`` checks the layers below it).

Importing it switches off PySide6's ``__feature__`` import hook (:func:`_plain_imports`).
"""

import builtins

import PySide6.QtCore  # noqa: F401 - shiboken installs its import hook here; it is removed just below


def _plain_imports() -> None:
    """Give Python its own ``__import__`` back from PySide6.

    To support ``from __feature__ import snake_case, true_property`` (which this program does not
    use), shiboken replaces ``builtins.__import__`` and, after every import statement anywhere,
    reads the whole source of the imported module (``inspect.getsource``) to see whether it
    mentions PySide6: measured here, ~14 ms of a ~270 ms start (about 90 modules) and the source
    lines of every module kept in ``linecache`` (~20 MB once SQLAlchemy is loaded). Shiboken
    keeps the original import beside its own as ``builtins.__orig_import__``; a PySide6 without
    it has no such hook, and this does nothing.
    """
    original = getattr(builtins, "__orig_import__", None)
    if original is not None:
        builtins.__import__ = original


_plain_imports()


def main() -> None:
    """``calllist-desktop``: start with the garbage collector paused.

    Importing Qt, SQLAlchemy and the program makes hundreds of thousands of objects that live as
    long as the process; collecting among them cost 100–200 ms of a cold start. ``app.run``
    keeps the pause (it pauses too, for callers of ``run`` itself), freezes them and turns
    collection back on once the start is done: the list shown and the store open.
    """
    import gc

    gc.disable()
    from calllist_desktop.ui.app import main as start

    start()
