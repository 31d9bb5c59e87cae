"""``python -m calllist_desktop.cli``."""

import sys

from calllist_desktop.cli.main import main

sys.exit(main())
