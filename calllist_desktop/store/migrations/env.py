"""Alembic environment: runs migrations on the engine the program hands over.

The program builds the Alembic ``Config`` itself (``store.database``) and passes its engine in
``config.attributes["engine"]``; there is no alembic.ini. ``render_as_batch`` lets SQLite alter
tables.
"""

from __future__ import annotations

from alembic import context

from calllist_desktop.store import models

config = context.config
engine = config.attributes["engine"]

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=models.Base.metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
