"""One import of a CSV file into one call list, without widgets (SPEC §2).

The session is what the import dialog shows and does: the chosen file, encoding and assignee,
the users one may choose from, the file's check (its parse, the rows as the preview shows them
and the store's dry run), the job running and its progress, and what went wrong. The dialog
renders it and forwards the user's choices; the session decides.

Checking and saving run in the application's child processes (``import_process``), reading the
users on the window's :class:`~calllist_desktop.ui.store_work.StoreWork`; nothing here touches the
store on the GUI thread. Every check and
save gets a job number, and the outcome of an older job (a newer check replaced it, or the
dialog was closed) is dropped. A check reads the file once; 保存 imports that very parse.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from enum import Enum, auto
from pathlib import Path
from typing import Final, Literal

from PySide6.QtCore import QObject, Signal

from calllist_desktop.core.import_file import ImportFileRefused
from calllist_desktop.store.deferred import StoreApi
from calllist_desktop.store.errors import StoreError
from calllist_desktop.store.import_report import ImportReport
from calllist_desktop.store.views import UserInfo
from calllist_desktop.ui.manage.import_child import PROGRESS_MAX
from calllist_desktop.ui.manage.import_process import ProcessPool
from calllist_desktop.ui.manage.import_worker import Preview, check_file, save_parsed
from calllist_desktop.ui.store_work import StoreWork

log = logging.getLogger(__name__)

WRITING: Final = -1
"""The progress value while the store writes (no steps to show any more)."""


class Phase(Enum):
    EMPTY = auto()  # no file chosen
    CHECKING = auto()  # reading and checking the file
    CHECKED = auto()  # checked (or failed to read): see preview and problem
    SAVING = auto()  # the real import is running
    SAVED = auto()  # imported


@dataclass(frozen=True, slots=True)
class Problem:
    """What failed (reading the users, reading or checking the file, saving) and why."""

    what: Literal["users", "read", "save"]
    error: BaseException


class ImportSession(QObject):
    """The state of one import into the list ``list_id``; see the module docstring.

    Signals:
        changed(): anything the dialog shows changed (phase, preview, problem, choices).
        users_loaded(): the users were read (or could not be: see ``problem``).
        progressed(int): the running job's progress, 0..``PROGRESS_MAX``; ``WRITING`` once only
            the store's writing is left.
        previewed(ImportReport): a check finished; the dry run's report.
        imported(ImportReport): the targets were saved into the list.
        failed(): a check or a save failed, or the store rejected the save; see ``problem`` and
            ``rejected_at_save``.
    """

    changed = Signal()
    users_loaded = Signal()
    progressed = Signal(int)
    previewed = Signal(object)
    imported = Signal(object)
    failed = Signal()

    def __init__(
        self,
        store: StoreApi,
        list_id: int,
        processes: ProcessPool,
        work: StoreWork,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.work = work
        self.list_id = list_id
        self.processes = processes
        self.phase = Phase.EMPTY
        self.path: Path | None = None
        self.encoding = "auto"
        self.assignee: str | None = None
        self.users: list[UserInfo] | None = None  # None until read
        self.preview: Preview | None = None
        self.saved: ImportReport | None = None
        self.rejected_at_save = False
        self.problem: Problem | None = None
        self._job = 0
        self._checking: int | None = None  # the pool's token of the check running

    # --- questions ------------------------------------------------------------------------------

    def can_save(self) -> bool:
        """A file is checked, the check found no error, and nothing is running."""
        return self.phase is Phase.CHECKED and self.preview is not None and self.preview.report.ok

    def can_skip_bad_rows(self) -> bool:
        """A file is checked, its errors are all of single rows, and nothing is running."""
        return (
            self.phase is Phase.CHECKED
            and self.preview is not None
            and self.preview.report.skippable
            and not self.rejected_at_save
        )

    def is_busy(self) -> bool:
        """Checking or saving is going on."""
        return self.phase in (Phase.CHECKING, Phase.SAVING)

    def is_editable(self) -> bool:
        """The file, encoding and assignee may still change (not saving, not saved)."""
        return self.phase not in (Phase.SAVING, Phase.SAVED)

    # --- the users --------------------------------------------------------------------------------

    def load_users(self) -> None:
        """Read the users one may choose as the assignee, off the GUI thread."""
        self.work.read(self, lambda store: store.users(), self._users_read, self._users_failed)

    def _users_read(self, users: list[UserInfo]) -> None:
        self.users = users
        self.users_loaded.emit()
        self.changed.emit()

    def _users_failed(self, error: Exception) -> None:
        log.warning("import dialog: cannot read the users: %s", error)
        self.users = []
        if not self.is_busy():
            self.problem = Problem("users", error)
        self.users_loaded.emit()
        self.changed.emit()

    # --- the choices ------------------------------------------------------------------------------

    def set_file(self, path: Path) -> None:
        """Use the file at ``path`` and check it (again, if it is the one already chosen)."""
        if not self.is_editable():
            return
        self.path = path
        self.check()

    def set_encoding(self, encoding: str) -> None:
        if self.is_editable() and encoding != self.encoding:
            self.encoding = encoding
            self.check()

    def set_assignee(self, login: str | None) -> None:
        """The assignee changes what the check says (whose numbers would move): check again."""
        if self.is_editable() and login != self.assignee:
            self.assignee = login
            self.check()

    # --- checking -----------------------------------------------------------------------------------

    def check(self) -> None:
        """Start reading and checking the chosen file; an older check still running is dropped."""
        path = self.path
        if path is None or not self.is_editable():
            return
        self._stop_checking()
        job = self._next_job()
        self.phase = Phase.CHECKING
        self.preview = None
        self.rejected_at_save = False
        self.problem = None
        self.changed.emit()
        self.progressed.emit(0)
        self._checking = self.processes.run_on_store(
            self.store,
            check_file,
            (self.list_id, path, self.encoding, self.assignee),
            lambda value: self._on_progress(job, value),
            lambda preview: self._check_done(job, preview),
            lambda error: self._check_failed(job, error),
            owner=self,
        )

    def _check_done(self, job: int, preview: Preview) -> None:
        if job != self._job:
            return
        self.phase = Phase.CHECKED
        self.preview = preview
        self.changed.emit()
        self.previewed.emit(preview.report)

    def _check_failed(self, job: int, error: Exception) -> None:
        if job != self._job:
            return
        if not isinstance(error, (OSError, StoreError, ImportFileRefused)):
            log.error("import dialog: checking %s failed", self.path, exc_info=error)
        self.phase = Phase.CHECKED
        self.problem = Problem("read", error)
        self.changed.emit()
        self.failed.emit()

    # --- saving ---------------------------------------------------------------------------------------

    def save(self, skip_bad_rows: bool = False) -> bool:
        """Import the checked parse into the list; with ``skip_bad_rows``, only its rows without
        errors (when every error is one of a single row). False when there is nothing to save."""
        preview = self.preview
        allowed = self.can_skip_bad_rows() if skip_bad_rows else self.can_save()
        if not allowed or preview is None:
            return False
        job = self._next_job()
        self.phase = Phase.SAVING
        self.problem = None
        self.changed.emit()
        self.progressed.emit(0)
        self.processes.run_on_store(
            self.store,
            save_parsed,
            (self.list_id, preview.parsed, self.assignee, skip_bad_rows),
            lambda value: self._on_progress(job, value),
            lambda report: self._save_done(job, report),
            lambda error: self._save_failed(job, error),
            owner=self,
        )
        return True

    def _save_done(self, job: int, report: ImportReport) -> None:
        if job != self._job or self.preview is None:
            return
        if report.ok:
            self.phase = Phase.SAVED
            self.saved = report
            self.changed.emit()
            self.imported.emit(report)
            return
        # Rejected now though the check passed (someone filled the list meanwhile): nothing changed.
        self.phase = Phase.CHECKED
        self.preview = replace(self.preview, report=report)
        self.rejected_at_save = True
        self.changed.emit()
        self.failed.emit()

    def _save_failed(self, job: int, error: Exception) -> None:
        if job != self._job:
            return
        if not isinstance(error, StoreError):
            log.error("import dialog: saving into list %s failed", self.list_id, exc_info=error)
        self.phase = Phase.CHECKED  # the checked file stays: 保存 may be tried again
        self.problem = Problem("save", error)
        self.changed.emit()
        self.failed.emit()

    # --- progress and closing ---------------------------------------------------------------------

    def _next_job(self) -> int:
        self._job += 1
        return self._job

    def _on_progress(self, job: int, value: int) -> None:
        if job != self._job or not self.is_busy():
            return
        self.progressed.emit(WRITING if self.phase is Phase.SAVING and value >= PROGRESS_MAX else value)

    def close(self) -> bool:
        """Drop a check still running (its outcome will be ignored); False while saving, which
        cannot be stopped half-way."""
        if self.phase is Phase.SAVING:
            return False
        self._stop_checking()
        self._next_job()
        return True

    def _stop_checking(self) -> None:
        """A check still running is wanted no more: its child stops it at its next progress."""
        if self._checking is not None and self.phase is Phase.CHECKING:
            self.processes.cancel(self._checking)
        self._checking = None
