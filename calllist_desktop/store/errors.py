"""Errors of the store: what went wrong with the data, in words a user can act on.

The store raises these and nothing else for expected problems; the CLI prints them as one line
and the UI shows them as messages.
"""

from __future__ import annotations


class StoreError(Exception):
    """A problem with the store or a request to it that the user can understand and fix."""


class NotFound(StoreError):
    """A named list, user or target does not exist."""


class AlreadyExists(StoreError):
    """A name that must be unique is taken."""


class SchemaOutdated(StoreError):
    """The database's schema is older than this program's; ``calllist db upgrade`` brings it up."""


class PermissionDenied(StoreError):
    """The acting user may not do this."""
