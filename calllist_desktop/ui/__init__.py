"""Everything Qt: the desktop client's windows, models, dialogs, and the bridges from engines to signals.

Only this package imports PySide6 (``tests/test_layers.py`` checks the layers below it).
"""
