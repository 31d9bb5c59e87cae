"""CallList Desktop: a desktop softphone for outbound calling teams.

Layers, with imports pointing one way only: ``ui -> (store, telephony) -> core``.
``core`` holds the rules in plain Python; ``store`` keeps them in a database; nothing
below ``ui`` imports Qt (``tests/test_layers.py`` checks it).
"""

__version__ = "0.1.0"
