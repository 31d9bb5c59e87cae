"""PyInstaller's entry script: the same ``calllist_desktop.ui:main`` the ``calllist-desktop`` command runs.

``multiprocessing.freeze_support()`` first: the CSV import's child processes are started with
"spawn" (``ui/manage/import_process.py``), which in a frozen program runs this executable again
with multiprocessing's own arguments; freeze_support runs the child's work and exits then.
``--phone-process`` runs the SIP line's process instead of the window: the program starts
itself that way (``telephony/phone_process.phone_command``), having no ``python -m`` when frozen.
"""

import multiprocessing
import sys

from calllist_desktop.ui import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    if sys.argv[1:2] == ["--phone-process"]:  # the SIP line's own process (telephony/phone_process.py)
        from calllist_desktop.telephony.phone_host import main as phone

        phone()
    main()
