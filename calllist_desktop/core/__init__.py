"""Rules and engines in plain Python: phone numbers, CSV in/out, outcomes.

Nothing here imports Qt or opens a database session, so the rules can be used (and tested)
from the CLI, the store and the desktop client alike.
"""
