"""The program's data: SQLAlchemy models, Alembic migrations, and the operations on them.

Everything above this package calls :class:`~calllist_desktop.store.store.Store`; it hands back
plain value objects (``store.views``), never ORM instances or open sessions, so callers on any
thread can keep them.
"""
