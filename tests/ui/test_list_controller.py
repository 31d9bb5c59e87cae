"""The shared list controller on its own, without a view (issue 17 item 3).

Its store work goes to a stand-in for ``StoreWork`` that holds each piece of work until the test
answers it, so that answers can come back in any order, as they do from parallel readers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any, cast

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from calllist_desktop.store.store import Store
from calllist_desktop.store.views import TargetView
from calllist_desktop.store.watch import Changes
from calllist_desktop.ui.list_controller import ListController
from calllist_desktop.ui.store_work import StoreWork
from calllist_desktop.ui.table import MANAGEMENT_COLUMNS, OPERATOR_COLUMNS

TOKYO, OSAKA = "+81312345678", "+81612345678"


@dataclass
class Pending:
    """One piece of work asked for and not answered yet."""

    kind: str
    function: Callable[[Store], Any]
    done: Callable[[Any], None] | None
    failed: Callable[[Exception], None] | None
    cancelled: bool = False

    def cancel(self) -> None:
        self.cancelled = True


@dataclass
class HeldWork:
    """Stands in for ``StoreWork``: work waits in :attr:`pending` until :meth:`answer`."""

    store: Store
    pending: list[Pending] = field(default_factory=list)

    def read(self, _owner: QObject, function: Any, done: Any, failed: Any = None) -> Pending:
        return self._hold("read", function, done, failed)

    def write(self, _owner: QObject, function: Any, done: Any = None, failed: Any = None) -> Pending:
        return self._hold("write", function, done, failed)

    def _hold(self, kind: str, function: Any, done: Any, failed: Any) -> Pending:
        self.pending.append(Pending(kind, function, done, failed))
        return self.pending[-1]

    def run(self, index: int) -> Callable[[], None]:
        """Do the work now (as a worker would) and return its delivery, to be made later."""
        work = self.pending.pop(index)
        try:
            result = work.function(self.store)
        except Exception as error:  # noqa: BLE001 - delivered as StoreWork does
            return partial(self._deliver, work, work.failed, error)
        return partial(self._deliver, work, work.done, result)

    @staticmethod
    def _deliver(work: Pending, callback: Callable[[Any], None] | None, value: object) -> None:
        if not work.cancelled and callback is not None:
            callback(value)

    def answer(self, index: int = 0) -> None:
        self.run(index)()

    def answer_all(self) -> None:
        while self.pending:
            self.answer()


def controller_on(store: Store, *, assignee: str | None) -> tuple[ListController, HeldWork]:
    work = HeldWork(store)
    columns = OPERATOR_COLUMNS if assignee else MANAGEMENT_COLUMNS
    controller = ListController(store, columns, assignee=assignee, work=cast(StoreWork, work))
    controller.open_list(store.list_by_name("展示会").id)
    controller.load()
    work.answer_all()
    return controller, work


def row(controller: ListController, phone: str) -> TargetView:
    found = controller.model.row_of_key(phone)
    assert isinstance(found, TargetView), phone
    return found


@pytest.fixture
def fair(ui_store: Store) -> int:
    return ui_store.list_by_name("展示会").id


def test_the_operators_controller_holds_the_users_targets_and_the_managers_all(
    ui_store: Store, qtbot: QtBot
) -> None:
    operator, _ = controller_on(ui_store, assignee="sato")
    manager, _ = controller_on(ui_store, assignee=None)
    assert operator.model.total_count() == 4
    assert manager.model.total_count() == 6


def test_a_re_read_answered_after_a_newer_full_load_changes_nothing(
    ui_store: Store, fair: int, qtbot: QtBot
) -> None:
    controller, work = controller_on(ui_store, assignee="sato")
    then: list[str] = []
    controller.reread([TOKYO], failed=pytest.fail, then=lambda: then.append("then"))
    stale = work.run(0)  # read now: TOKYO not excluded
    ui_store.set_excluded(fair, [TOKYO], True)
    controller.load()
    work.answer()  # the full load: TOKYO excluded
    assert row(controller, TOKYO).excluded
    stale()  # the older re-read's answer arrives last
    assert row(controller, TOKYO).excluded, "an older answer does not overwrite a newer load"
    assert then == ["then"], "what was to follow the re-read still follows"


def test_of_two_re_reads_of_a_number_the_newer_answer_stays(ui_store: Store, fair: int, qtbot: QtBot) -> None:
    controller, work = controller_on(ui_store, assignee="sato")
    controller.reread([TOKYO, OSAKA], failed=pytest.fail)
    older = work.run(0)  # TOKYO and OSAKA as they are
    ui_store.set_excluded(fair, [TOKYO, OSAKA], True)
    controller.reread([TOKYO], failed=pytest.fail)
    work.answer()  # the newer one, of TOKYO alone, comes first
    older()
    assert row(controller, TOKYO).excluded, "the newer answer for TOKYO stays"
    assert not row(controller, OSAKA).excluded, "OSAKA had no newer read: the older answer applies"


def test_a_full_load_superseded_by_another_is_cancelled(ui_store: Store, qtbot: QtBot) -> None:
    controller, work = controller_on(ui_store, assignee=None)
    controller.load()
    first = work.pending[0]
    controller.load()
    assert first.cancelled
    with qtbot.waitSignal(controller.loaded, timeout=1000):
        work.answer_all()


def test_a_write_reads_its_rows_back_before_it_says_it_is_done(
    ui_store: Store, fair: int, qtbot: QtBot
) -> None:
    controller, work = controller_on(ui_store, assignee=None)
    seen: list[object] = []

    def done(count: int) -> None:
        seen.append((count, row(controller, OSAKA).excluded))

    controller.write(lambda store: store.set_excluded(fair, [OSAKA], True), [OSAKA], done, pytest.fail)
    assert [p.kind for p in work.pending] == ["write"]
    work.answer()
    assert [p.kind for p in work.pending] == ["read"] and seen == []
    with qtbot.waitSignal(controller.rows_reread, timeout=1000):
        work.answer()
    assert seen == [(1, True)]


def test_a_write_removing_rows_takes_them_out_of_the_table(ui_store: Store, fair: int, qtbot: QtBot) -> None:
    controller, work = controller_on(ui_store, assignee=None)
    controller.write(lambda store: store.remove_targets(fair, [OSAKA]), [OSAKA], lambda _n: None, pytest.fail)
    work.answer_all()
    assert controller.model.row_of_key(OSAKA) is None and controller.model.total_count() == 5


def test_a_failed_write_says_so_and_reads_nothing(ui_store: Store, fair: int, qtbot: QtBot) -> None:
    controller, work = controller_on(ui_store, assignee=None)
    failures: list[Exception] = []
    controller.write(
        lambda store: store.set_excluded(fair + 99, [OSAKA], True), [OSAKA], pytest.fail, failures.append
    )
    work.answer_all()
    assert len(failures) == 1 and work.pending == []


def test_a_write_whose_list_is_no_longer_shown_reads_nothing_back(
    ui_store: Store, fair: int, qtbot: QtBot
) -> None:
    controller, work = controller_on(ui_store, assignee=None)
    done: list[int] = []
    controller.write(lambda store: store.set_excluded(fair, [OSAKA], True), [OSAKA], done.append, pytest.fail)
    controller.open_list(ui_store.list_by_name("既存顧客").id)
    work.answer()
    assert done == [1] and work.pending == []


def test_live_changes_re_read_only_the_rows_named_and_say_when_lists_may_have_changed(
    ui_store: Store, fair: int, qtbot: QtBot
) -> None:
    operator, work = controller_on(ui_store, assignee="sato")
    manager, manager_work = controller_on(ui_store, assignee=None)
    resets: list[str] = []
    operator.model.modelReset.connect(lambda: resets.append("reset"))
    operator.model.layoutChanged.connect(lambda: resets.append("layout"))
    ui_store.set_assignee(fair, [TOKYO], "tanaka")  # leaves the operator's view

    changes = Changes(phones={fair: {TOKYO}})
    with qtbot.waitSignal(operator.lists_changed, timeout=1000):  # (one assignee's lists may change)
        operator.apply_changes(changes)
    with qtbot.assertNotEmitted(manager.lists_changed):  # (every list is the manager's already)
        manager.apply_changes(changes)
    assert [p.kind for p in work.pending] == ["read"]
    work.answer()
    assert operator.model.row_of_key(TOKYO) is None and resets == []

    operator.apply_changes(Changes(reload_lists={fair}))  # a whole list named: loaded again
    with qtbot.waitSignal(operator.loaded, timeout=1000):
        work.answer_all()
    with qtbot.waitSignal(manager.plans_reread, timeout=1000):  # rules changed: plans re-read
        manager.apply_changes(Changes(tables={"list_rules"}))
        manager_work.answer_all()
