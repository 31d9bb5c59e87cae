"""PyInstaller's entry script for ``calllist``, the admin command line, beside the desktop client."""

import sys

from calllist_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
