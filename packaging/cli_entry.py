"""PyInstaller's entry script for ``calllist``, the admin command line, beside the desktop client.

``multiprocessing.freeze_support()`` first, as in ``entry.py``: a frozen program that starts
"spawn" children runs its own executable for them.
"""

import multiprocessing
import sys

from calllist_desktop.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    if sys.argv[1:2] == ["--phone-process"]:  # the SIP line's own process (telephony/phone_process.py)
        from calllist_desktop.telephony.phone_host import main as phone

        phone()
    sys.exit(main())
