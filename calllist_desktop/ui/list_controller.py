"""One list of targets as a view shows it, without the view: the part the operator's and the
manager's 発信先リスト share (SPEC §4, §7).

:class:`ListController` holds the store, the list shown, and the table model; it loads the list,
applies other clients' changes precisely (the watch's change sets: the rows named are read
again, a list named whole is loaded again, rules and blocked numbers re-read the plans), and
writes then reads back the rows written, so the table shows what is stored. Store work runs off
the GUI thread, through the window's :class:`~calllist_desktop.ui.store_work.StoreWork` (writes
one at a time, in order; nothing delivered once the view is gone). The panels keep their widgets
and what is theirs alone (the operator's own targets and 今かけられる filter, the manager's
checks and bulk edits) and listen to its signals.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from calllist_desktop.store.deferred import StoreApi
from calllist_desktop.store.errors import NotFound
from calllist_desktop.store.views import ListInfo, TargetView
from calllist_desktop.ui.store_work import Job, StoreWork, store_source
from calllist_desktop.ui.table import RowTableModel
from calllist_desktop.ui.table.columns import Column
from calllist_desktop.ui.table.plans import PLAN_TABLES, replanned_rows, with_plans

if TYPE_CHECKING:  # (both mean SQLAlchemy, which the first paint does without: store.first_read)
    from calllist_desktop.store.store import Store
    from calllist_desktop.store.watch import Changes

log = logging.getLogger(__name__)

R = TypeVar("R")


def local_now() -> datetime:
    """Now, in the computer's time zone: the clock of the lists' rules unless one is given
    (``MainWindow(clock=...)``, which its views share)."""
    return datetime.now().astimezone()


class ListController(QObject):
    """The store, the open list and its table model, for one list view.

    ``assignee``: the user whose targets alone the view shows (the operator's), ``None`` for
    every target of the list (the manager's); it also decides whose callbacks the plans count.
    ``work``: the window's store work, shared by its views so that all their writes keep their
    order; without it (a view on its own) the controller makes its own. ``store`` is what the
    view's dialogs are given. Answers that come back after a newer load, for another list, or
    after the controller is gone are dropped. ``clock``: what time it is for the plans (the
    window's, the one auto-call claims by, so that 今かけられる agrees with what a run dials).

    Signals:
        loading(): a full load of the open list began.
        loaded(): a full load is in the model (also when no list is open: an empty table).
        load_failed(object): the exception a full load raised (the table keeps what it had).
        rows_reread(): some rows were read again and updated in place.
        plans_reread(): the rows' plans were read again (a filter on "now" may want re-applying).
        lists_changed(): the lists this view may offer may have changed (created, renamed,
            deleted, or, for one assignee's view, targets given or taken away); re-read them.
    """

    loading = Signal()
    loaded = Signal()
    load_failed = Signal(object)
    rows_reread = Signal()
    plans_reread = Signal()
    lists_changed = Signal()

    def __init__(
        self,
        store: StoreApi,
        columns: Sequence[Column],
        *,
        assignee: str | None,
        work: StoreWork | None = None,
        clock: Callable[[], datetime] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.assignee = assignee
        self.clock: Callable[[], datetime] = clock or local_now
        if work is None:
            work = StoreWork(store_source(store), self)
            self.destroyed.connect(work.shutdown)  # its workers go with the view
        self.work = work
        self.model = RowTableModel(columns, self)
        self.list_id: int | None = None
        self._generation = 0  # re-reads asked before the latest full load are dropped
        self._load: Job | None = None  # the full load under way
        self._read_tokens = itertools.count(1)
        self._latest_read: dict[str, int] = {}  # the newest re-read asked for each number

    # ---- reading ----------------------------------------------------------------------------

    def read_lists(self, done: Callable[[list[ListInfo]], None], failed: Callable[[Exception], None]) -> None:
        """Read the lists this view offers: those where the assignee has targets, or all."""
        assignee = self.assignee
        self.work.read(self, lambda store: store.lists(assignee=assignee), done, failed)

    def open_list(self, list_id: int | None) -> None:
        """Show ``list_id`` from now on (``None``: no list); :meth:`load` reads it."""
        self.list_id = list_id

    def load(self) -> None:
        """Read the open list's targets with their plans and show them (selection and scroll stay)."""
        self._supersede()
        list_id = self.list_id
        if list_id is None:
            self.model.set_rows([])
            self.loaded.emit()
            return
        self.loading.emit()

        def done(rows: list[TargetView]) -> None:
            self._load = None
            self.model.set_rows(rows)
            self.loaded.emit()

        def failed(error: Exception) -> None:
            self._load = None
            self.load_failed.emit(error)

        now = self.clock()
        self._load = self.work.read(self, lambda store: self._read_targets(store, list_id, now), done, failed)

    def show_rows(self, rows: list[TargetView], then: Callable[[], object]) -> None:
        """Show rows read elsewhere (the first paint's, ``store.first_read``) without a read, then
        run ``then`` on the event loop, unless a load came first. Nothing is prepared ahead for
        them (``RowTableModel.set_rows``): the store's read replaces them in a moment. ``loaded``
        is not emitted: it is the store's read that follows that says so."""
        self._supersede()
        generation = self._generation
        self.model.set_rows(rows, work_ahead=False)
        QTimer.singleShot(0, self, lambda: then() if generation == self._generation else None)

    def _supersede(self) -> None:
        """Rows of a full load come: the load under way, and the re-reads asked before, have
        nothing to add (a re-read's ``then`` still runs)."""
        self._generation += 1
        if self._load is not None:
            self._load.cancel()
            self._load = None

    def reread(
        self,
        phones: Sequence[str],
        failed: Callable[[Exception], None],
        then: Callable[[], object] | None = None,
    ) -> None:
        """Read these numbers' rows of the open list again and update just them (a row gone from
        the read leaves the table), then run ``then``. An answer for another list, or older than
        a full load, is dropped (the newer read shows the truth); ``then`` runs all the same."""
        list_id, generation = self.list_id, self._generation
        if list_id is None:
            if then is not None:
                then()
            return
        wanted = sorted(set(phones))
        token = next(self._read_tokens)
        self._latest_read.update(dict.fromkeys(wanted, token))

        def done(rows: list[TargetView]) -> None:
            if list_id == self.list_id and generation == self._generation:
                # Reads run in parallel: a number read again since keeps that newer answer.
                fresh = [phone for phone in wanted if self._latest_read.get(phone) == token]
                for phone in fresh:
                    del self._latest_read[phone]
                if fresh:
                    kept = set(fresh)
                    self.model.reread_keys(fresh, [row for row in rows if row.phone in kept])
                    self.rows_reread.emit()
            if then is not None:
                then()

        now = self.clock()
        self.work.read(self, lambda store: self._read_targets(store, list_id, now, wanted), done, failed)

    def refresh_plans(self) -> None:
        """Re-read every target's plan (attempts, next callable, blocked) and update the rows
        whose plan changed, precisely; the rows themselves are not read again."""
        list_id, generation, assignee = self.list_id, self._generation, self.assignee
        if list_id is None:
            return
        now = self.clock()

        def done(plans: dict[str, Any]) -> None:
            if list_id == self.list_id and generation == self._generation:
                changed = replanned_rows(self.model.row_of_key, plans)
                if changed:
                    self.model.update_rows(changed)
                self.plans_reread.emit()

        self.work.read(
            self, lambda store: store.target_plans(list_id, user=assignee, now=now), done, self._quiet_failure
        )

    def _read_targets(
        self, store: Store, list_id: int, now: datetime, phones: list[str] | None = None
    ) -> list[TargetView]:
        """The list's targets shown here (all, or of ``phones``), with their plans at ``now`` (a
        worker's job; ``now`` is read on the GUI thread, where the clock lives)."""
        rows = store.targets(list_id, assignee=self.assignee, phones=phones)
        return with_plans(store, list_id, rows, user=self.assignee, phones=phones, now=now)

    # ---- other clients' changes -------------------------------------------------------------

    def apply_changes(self, changes: Changes) -> None:
        """Another client changed the store (``ui.live_updates``): re-read just what it touched.

        The rows of the numbers named are read again with one query and updated in place
        (``dataChanged``, or an insert or remove when a number came to or left this view), so
        selection, checks and scroll position stay; a list named whole is loaded again.
        """
        if changes.tables & PLAN_TABLES:
            self.refresh_plans()  # rules, blocked numbers or callbacks changed: any row's plan may have
        if self._may_change_lists(changes):
            self.lists_changed.emit()
        if self.list_id is None:
            return
        phones = changes.phones_for(self.list_id)
        if phones is None:
            self.load()
        elif phones:
            self.reread(sorted(phones), self._quiet_failure)

    def _may_change_lists(self, changes: Changes) -> bool:
        """Whether ``changes`` may change the lists offered: lists created, renamed or deleted;
        for one assignee's view also any target or contact change (a number given to or taken
        from the user can bring a list into the view or take it out). A call ending alone does
        not (its change names no list's targets)."""
        if changes.lists or changes.everything:
            return True
        if self.assignee is None:
            return False
        return (
            changes.contacts or bool(changes.reload_lists) or any(key is not None for key in changes.phones)
        )

    def _quiet_failure(self, error: Exception) -> None:
        """A live update that failed is not worth a dialog: log it; a vanished list re-reads the lists."""
        log.warning("live update: %s", error)
        if isinstance(error, NotFound):
            self.lists_changed.emit()

    # ---- writing ----------------------------------------------------------------------------

    def write(
        self,
        work: Callable[[Store], R],
        phones: Sequence[str],
        succeeded: Callable[[R], None],
        failed: Callable[[Exception], None],
    ) -> None:
        """Write (``work(store)``, after every write asked for before), then read the rows of
        ``phones`` again and update just them, then call ``succeeded`` with what ``work``
        returned. A failed write or read calls ``failed``."""
        list_id = self.list_id

        def written(result: R) -> None:
            if list_id != self.list_id:  # another list is shown now: nothing here to read back
                succeeded(result)
            else:
                self.reread(phones, failed, then=lambda: succeeded(result))

        self.work.write(self, work, written, failed)
