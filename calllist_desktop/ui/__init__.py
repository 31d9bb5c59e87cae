"""Everything Qt: the desktop client's windows, models, dialogs, and the bridges from engines to signals.

Only this package imports PySide6 (``tests/test_layers.py`` checks the layers below it).
"""

import gc


def main() -> None:
    """``calllist-desktop``: start with the garbage collector paused.

    Importing Qt, SQLAlchemy and the program makes hundreds of thousands of objects that live as
    long as the process; collecting among them is a large part of a cold start (bench/README.md).
    The app is imported only after the pause for that reason. ``app.run``
    keeps the pause (it pauses too, for callers of ``run`` itself), freezes them and turns
    collection back on once the start is done: the list shown and the store open.
    """
    gc.disable()
    from calllist_desktop.ui.app import main as start  # after the pause: it imports Qt and the program

    start()
