"""PyInstaller's entry script: the same ``calllist_desktop.ui:main`` the ``calllist-desktop`` command runs.

``multiprocessing.freeze_support()`` first: the CSV import's child processes are started with
"spawn" (``ui/manage/import_process.py``), which in a frozen program runs this executable again
with multiprocessing's own arguments; freeze_support runs the child's work and exits then.
"""

import multiprocessing

from calllist_desktop.ui import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    main()
