"""A store opened the first time something needs it, so that the window can paint before.

Why: opening a :class:`~calllist_desktop.store.store.Store` means importing SQLAlchemy
and making its engine; the desktop client paints its first screen from ``store.first_read``
and asks for the store to be opened off the GUI thread once that screen is shown. Code built
before then holds this object in the store's place: any of the store's methods called on it
waits until the store is open (opening it there and then when nobody has yet), and runs on it.
No SQLAlchemy is imported until then.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.core.resume import RESUME_WITHIN, ResumePoint
from calllist_desktop.store.views import CallRecord, ContactInfo, ListInfo, TargetView, UserInfo

if TYPE_CHECKING:  # SQLAlchemy: only once the store opens
    from sqlalchemy import Engine

    from calllist_desktop.core.campaign_rules import ListRules
    from calllist_desktop.core.claims import ClaimResult
    from calllist_desktop.core.csv_import import ParsedCsv
    from calllist_desktop.store.campaign import DialRefused, DncImport
    from calllist_desktop.store.campaign_views import (
        CallbackInfo,
        DispositionInfo,
        DncEntry,
        HistoryEntry,
        TargetPlan,
    )
    from calllist_desktop.store.import_report import ImportReport
    from calllist_desktop.store.presence import BoardRow
    from calllist_desktop.store.recordings import RecordingInfo
    from calllist_desktop.store.report import ListProgress, ReportQuery, ReportRow
    from calllist_desktop.store.store import Store


class DeferredStore:
    """Stands in for the :class:`Store` at ``url`` until it is open, then passes every call on.

    ``after_open`` runs once on the new store, on the thread that opened it, before anyone
    else may use it (the client closes calls a crash left unfinished there). An error while
    opening is raised again to every caller.
    """

    def __init__(self, url: str, after_open: Callable[[Store], None] | None = None) -> None:
        self.url = url
        self._after_open = after_open
        self._lock = threading.Lock()
        self._store: Store | None = None
        self._error: BaseException | None = None
        self._closed = False

    @property
    def is_open(self) -> bool:
        return self._store is not None

    def open(self) -> Store:
        """The open store: opened now, on this thread, unless another thread did or does it."""
        store = self._store
        if store is not None:
            return store
        with self._lock:
            if self._store is None:
                if self._error is not None:
                    raise self._error
                if self._closed:
                    raise RuntimeError("the store was closed before it was opened")
                from calllist_desktop.store.store import Store

                try:
                    opened = Store.open(self.url)
                except BaseException as exc:
                    self._error = exc
                    raise
                try:
                    if self._after_open is not None:
                        self._after_open(opened)
                except BaseException as exc:
                    opened.close()
                    self._error = exc
                    raise
                self._store = opened
            return self._store

    def close(self) -> None:
        """Close the store if it was opened (waiting for an opening under way); never open it."""
        with self._lock:
            self._closed = True
            if self._store is not None:
                self._store.close()

    # --- the store's own methods, each waiting for the store to open (StoreApi) ----------------

    @property
    def engine(self) -> Engine:
        return self.open().engine

    @property
    def db_roles_for_new_users(self) -> bool:
        return self.open().db_roles_for_new_users

    def files(self) -> list[Path]:
        return self.open().files()

    def users(self) -> list[UserInfo]:
        return self.open().users()

    def user(self, login: str) -> UserInfo:
        return self.open().user(login)

    def add_user(
        self,
        login: str,
        display_name: str | None = None,
        *,
        role: str = "operator",
        autocall: bool = False,
        db_role: str | None = None,
    ) -> UserInfo:
        return self.open().add_user(login, display_name, role=role, autocall=autocall, db_role=db_role)

    def update_user(
        self,
        login: str,
        *,
        display_name: str | None = None,
        role: str | None = None,
        autocall: bool | None = None,
        by: str | None = None,
    ) -> UserInfo:
        return self.open().update_user(login, display_name=display_name, role=role, autocall=autocall, by=by)

    def set_user_active(self, login: str, active: bool) -> UserInfo:
        return self.open().set_user_active(login, active)

    def lists(self, *, assignee: str | None = None) -> list[ListInfo]:
        return self.open().lists(assignee=assignee)

    def create_list(self, name: str) -> ListInfo:
        return self.open().create_list(name)

    def rename_list(self, old: str, new: str) -> ListInfo:
        return self.open().rename_list(old, new)

    def delete_list(self, name: str) -> int:
        return self.open().delete_list(name)

    def targets(
        self,
        list_id: int,
        *,
        assignee: str | None = None,
        include_excluded: bool = True,
        phones: Sequence[str] | None = None,
    ) -> list[TargetView]:
        return self.open().targets(
            list_id, assignee=assignee, include_excluded=include_excluded, phones=phones
        )

    def import_csv(
        self,
        list_id: int | None,
        data: bytes,
        *,
        assignee: str | None = None,
        encoding: str = "auto",
        dry_run: bool = False,
        skip_bad_rows: bool = False,
        new_list: str | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> ImportReport:
        return self.open().import_csv(
            list_id,
            data,
            assignee=assignee,
            encoding=encoding,
            dry_run=dry_run,
            skip_bad_rows=skip_bad_rows,
            new_list=new_list,
            progress=progress,
        )

    def import_parsed(
        self,
        list_id: int | None,
        parsed: ParsedCsv,
        *,
        assignee: str | None = None,
        dry_run: bool = False,
        skip_bad_rows: bool = False,
        new_list: str | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> ImportReport:
        return self.open().import_parsed(
            list_id,
            parsed,
            assignee=assignee,
            dry_run=dry_run,
            skip_bad_rows=skip_bad_rows,
            new_list=new_list,
            progress=progress,
        )

    def set_assignee(
        self,
        list_id: int,
        phones: Sequence[str],
        assignee: str | None,
        *,
        expected: Mapping[str, int] | None = None,
    ) -> int:
        return self.open().set_assignee(list_id, phones, assignee, expected=expected)

    def set_excluded(
        self,
        list_id: int,
        phones: Sequence[str],
        excluded: bool,
        *,
        expected: Mapping[str, int] | None = None,
    ) -> int:
        return self.open().set_excluded(list_id, phones, excluded, expected=expected)

    def remove_targets(
        self, list_id: int, phones: Sequence[str], *, expected: Mapping[str, int] | None = None
    ) -> int:
        return self.open().remove_targets(list_id, phones, expected=expected)

    def export_csv(
        self, list_id: int, encoding: str = "utf-8-sig", *, phones: Sequence[str] | None = None
    ) -> bytes:
        return self.open().export_csv(list_id, encoding, phones=phones)

    def contact(self, phone: str) -> ContactInfo | None:
        return self.open().contact(phone)

    def contacts(self, search: str | None = None) -> list[ContactInfo]:
        return self.open().contacts(search)

    def update_contact(
        self,
        phone: str,
        *,
        company: str,
        person: str,
        categories: Sequence[str],
        list_id: int | None = None,
        expected_revision: int | None = None,
    ) -> ContactInfo:
        return self.open().update_contact(
            phone,
            company=company,
            person=person,
            categories=categories,
            list_id=list_id,
            expected_revision=expected_revision,
        )

    def start_call(
        self,
        phone: str,
        direction: Direction,
        *,
        user: str | None,
        list_id: int | None = None,
        started_at: datetime | None = None,
    ) -> int:
        return self.open().start_call(phone, direction, user=user, list_id=list_id, started_at=started_at)

    def finish_call(
        self,
        call_id: int,
        outcome: Outcome,
        *,
        sip_status: int | None = None,
        answered_at: datetime | None = None,
        ended_at: datetime | None = None,
        disposition: str | None = None,
        note: str | None = None,
    ) -> None:
        return self.open().finish_call(
            call_id,
            outcome,
            sip_status=sip_status,
            answered_at=answered_at,
            ended_at=ended_at,
            disposition=disposition,
            note=note,
        )

    def annotate_call(self, call_id: int, *, disposition: str | None, note: str | None) -> None:
        return self.open().annotate_call(call_id, disposition=disposition, note=note)

    def recent_calls(self, user: str, *, limit: int = 20) -> list[CallRecord]:
        return self.open().recent_calls(user, limit=limit)

    def calls_of(self, phone: str, *, limit: int = 200) -> list[CallRecord]:
        return self.open().calls_of(phone, limit=limit)

    def close_interrupted_calls(self, *, user: str | None = None) -> int:
        return self.open().close_interrupted_calls(user=user)

    def claim_target(
        self,
        list_id: int,
        phone: str,
        *,
        user: str,
        holder: str,
        ttl: float,
        not_called_since: datetime | None = None,
        now: datetime | None = None,
        callback: bool = False,
    ) -> ClaimResult:
        return self.open().claim_target(
            list_id,
            phone,
            user=user,
            holder=holder,
            ttl=ttl,
            not_called_since=not_called_since,
            now=now,
            callback=callback,
        )

    def claim_first(
        self,
        list_id: int,
        phones: Sequence[str],
        *,
        user: str,
        holder: str,
        ttl: float,
        not_called_since: datetime | None = None,
        now: datetime | None = None,
    ) -> list[tuple[str, ClaimResult]]:
        return self.open().claim_first(
            list_id, phones, user=user, holder=holder, ttl=ttl, not_called_since=not_called_since, now=now
        )

    def due_callbacks(
        self, list_id: int, *, user: str, now: datetime | None = None
    ) -> list[tuple[str, datetime]]:
        return self.open().due_callbacks(list_id, user=user, now=now)

    def list_rules(self, list_id: int) -> ListRules:
        return self.open().list_rules(list_id)

    def renew_claim(self, list_id: int, phone: str, *, holder: str, ttl: float) -> bool:
        return self.open().renew_claim(list_id, phone, holder=holder, ttl=ttl)

    def release_claim(self, list_id: int, phone: str, *, holder: str) -> None:
        return self.open().release_claim(list_id, phone, holder=holder)

    def add_callback(
        self,
        phone: str,
        *,
        due_at: datetime,
        list_id: int | None = None,
        to: str | None = None,
        anyone: bool = False,
        by: str | None = None,
        note: str | None = None,
    ) -> CallbackInfo:
        return self.open().add_callback(
            phone, due_at=due_at, list_id=list_id, to=to, anyone=anyone, by=by, note=note
        )

    def add_disposition(
        self, name: str, *, ends_target: bool = False, blocks_number: bool = False, by: str | None = None
    ) -> DispositionInfo:
        return self.open().add_disposition(name, ends_target=ends_target, blocks_number=blocks_number, by=by)

    def add_dnc(self, phones: Sequence[str], *, reason: str = "", by: str | None = None) -> int:
        return self.open().add_dnc(phones, reason=reason, by=by)

    def add_note(self, phone: str, note: str, *, user: str) -> int:
        return self.open().add_note(phone, note, user=user)

    def adopt_calling_hours(
        self, hours: tuple[time, time], list_ids: Sequence[int], *, by: str | None = None
    ) -> list[int]:
        return self.open().adopt_calling_hours(hours, list_ids, by=by)

    def callbacks(
        self,
        *,
        user: str | None = None,
        mine: bool = False,
        due: bool = False,
        include_done: bool = False,
        list_id: int | None = None,
        now: datetime | None = None,
    ) -> list[CallbackInfo]:
        return self.open().callbacks(
            user=user, mine=mine, due=due, include_done=include_done, list_id=list_id, now=now
        )

    def check_dialable(self, phone: str) -> None:
        return self.open().check_dialable(phone)

    def clear_presence(self, user: str, *, client: str | None = None) -> None:
        return self.open().clear_presence(user, client=client)

    def complete_callback(self, callback_id: int, *, call_id: int | None = None) -> None:
        return self.open().complete_callback(callback_id, call_id=call_id)

    def counts(self) -> dict[str, int]:
        return self.open().counts()

    def dial_refusal(self, phone: str) -> DialRefused | None:
        return self.open().dial_refusal(phone)

    def dispositions(self) -> list[DispositionInfo]:
        return self.open().dispositions()

    def dnc_entries(self) -> list[DncEntry]:
        return self.open().dnc_entries()

    def export_dnc_csv(self, encoding: str = "utf-8-sig") -> bytes:
        return self.open().export_dnc_csv(encoding)

    def history(self, phone: str, *, limit: int = 200) -> list[HistoryEntry]:
        return self.open().history(phone, limit=limit)

    def import_dnc_csv(
        self,
        data: bytes,
        *,
        encoding: str = "auto",
        reason: str = "",
        by: str | None = None,
        dry_run: bool = False,
    ) -> DncImport:
        return self.open().import_dnc_csv(data, encoding=encoding, reason=reason, by=by, dry_run=dry_run)

    def list_by_name(self, name: str) -> ListInfo:
        return self.open().list_by_name(name)

    def list_progress(self) -> list[ListProgress]:
        return self.open().list_progress()

    def next_calling_time(self, list_id: int, now: datetime | None = None) -> datetime | None:
        return self.open().next_calling_time(list_id, now)

    def rebuild_last_calls(self) -> int:
        return self.open().rebuild_last_calls()

    def rebuild_target_attempts(self) -> int:
        return self.open().rebuild_target_attempts()

    def remove_callback(self, callback_id: int) -> None:
        return self.open().remove_callback(callback_id)

    def remove_disposition(self, disposition_id: int, *, by: str | None = None) -> None:
        return self.open().remove_disposition(disposition_id, by=by)

    def remove_dnc(self, phones: Sequence[str], *, by: str | None = None) -> int:
        return self.open().remove_dnc(phones, by=by)

    def save_dispositions(
        self, wanted: Sequence[DispositionInfo], *, by: str | None = None
    ) -> list[DispositionInfo]:
        return self.open().save_dispositions(wanted, by=by)

    def report(self, query: ReportQuery) -> list[ReportRow]:
        return self.open().report(query)

    def resume_point(
        self, list_id: int, user: str, *, within: timedelta = RESUME_WITHIN
    ) -> ResumePoint | None:
        return self.open().resume_point(list_id, user, within=within)

    def set_list_rules(self, list_id: int, rules: ListRules, *, by: str | None = None) -> ListRules:
        return self.open().set_list_rules(list_id, rules, by=by)

    def set_presence(
        self,
        user: str,
        *,
        client: str,
        call_phone: str | None = None,
        on_call_since: datetime | None = None,
        autocall_list_id: int | None = None,
    ) -> None:
        return self.open().set_presence(
            user,
            client=client,
            call_phone=call_phone,
            on_call_since=on_call_since,
            autocall_list_id=autocall_list_id,
        )

    def set_store_setting(self, key: str, value: object, *, by: str | None = None) -> None:
        return self.open().set_store_setting(key, value, by=by)

    def store_setting(self, key: str) -> object | None:
        return self.open().store_setting(key)

    def target_plans(
        self,
        list_id: int,
        *,
        user: str | None = None,
        phones: Sequence[str] | None = None,
        now: datetime | None = None,
    ) -> dict[str, TargetPlan]:
        return self.open().target_plans(list_id, user=user, phones=phones, now=now)

    def team_board(self) -> list[BoardRow]:
        return self.open().team_board()

    @property
    def time_zone(self) -> timezone:
        return self.open().time_zone

    def today(self) -> date:
        return self.open().today()

    def update_disposition(
        self,
        disposition_id: int,
        *,
        name: str | None = None,
        ends_target: bool | None = None,
        blocks_number: bool | None = None,
        position: int | None = None,
        by: str | None = None,
    ) -> DispositionInfo:
        return self.open().update_disposition(
            disposition_id,
            name=name,
            ends_target=ends_target,
            blocks_number=blocks_number,
            position=position,
            by=by,
        )

    def call_recordings(self, call_ids: Sequence[int]) -> dict[int, RecordingInfo]:
        return self.open().call_recordings(call_ids)

    def recording_enabled(self) -> bool:
        return self.open().recording_enabled()

    def set_call_recording(
        self, call_id: int, *, path: str | None, seconds: float | None = None, error: str | None = None
    ) -> None:
        return self.open().set_call_recording(call_id, path=path, seconds=seconds, error=error)

    def set_recording_enabled(self, enabled: bool, *, by: str | None = None) -> None:
        return self.open().set_recording_enabled(enabled, by=by)


class StoreApi(Protocol):
    """What the desktop client's window and dialogs need of a store: a :class:`Store`, or a
    :class:`DeferredStore` standing in for it until it is open.

    A store method the window starts to use goes here and into :class:`DeferredStore` with the
    Store's own signature: mypy refuses a call the protocol lacks, and
    ``tests/store/test_first_read.py`` a delegation whose signature differs from the Store's.
    """

    @property
    def url(self) -> str: ...

    @property
    def engine(self) -> Engine: ...

    @property
    def db_roles_for_new_users(self) -> bool: ...

    def files(self) -> list[Path]: ...

    def close(self) -> None: ...

    def users(self) -> list[UserInfo]: ...

    def user(self, login: str) -> UserInfo: ...

    def add_user(
        self,
        login: str,
        display_name: str | None = None,
        *,
        role: str = "operator",
        autocall: bool = False,
        db_role: str | None = None,
    ) -> UserInfo: ...

    def update_user(
        self,
        login: str,
        *,
        display_name: str | None = None,
        role: str | None = None,
        autocall: bool | None = None,
        by: str | None = None,
    ) -> UserInfo: ...

    def set_user_active(self, login: str, active: bool) -> UserInfo: ...

    def lists(self, *, assignee: str | None = None) -> list[ListInfo]: ...

    def create_list(self, name: str) -> ListInfo: ...

    def rename_list(self, old: str, new: str) -> ListInfo: ...

    def delete_list(self, name: str) -> int: ...

    def targets(
        self,
        list_id: int,
        *,
        assignee: str | None = None,
        include_excluded: bool = True,
        phones: Sequence[str] | None = None,
    ) -> list[TargetView]: ...

    def import_csv(
        self,
        list_id: int | None,
        data: bytes,
        *,
        assignee: str | None = None,
        encoding: str = "auto",
        dry_run: bool = False,
        skip_bad_rows: bool = False,
        new_list: str | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> ImportReport: ...

    def import_parsed(
        self,
        list_id: int | None,
        parsed: ParsedCsv,
        *,
        assignee: str | None = None,
        dry_run: bool = False,
        skip_bad_rows: bool = False,
        new_list: str | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> ImportReport: ...

    def set_assignee(
        self,
        list_id: int,
        phones: Sequence[str],
        assignee: str | None,
        *,
        expected: Mapping[str, int] | None = None,
    ) -> int: ...

    def set_excluded(
        self,
        list_id: int,
        phones: Sequence[str],
        excluded: bool,
        *,
        expected: Mapping[str, int] | None = None,
    ) -> int: ...

    def remove_targets(
        self, list_id: int, phones: Sequence[str], *, expected: Mapping[str, int] | None = None
    ) -> int: ...

    def export_csv(
        self, list_id: int, encoding: str = "utf-8-sig", *, phones: Sequence[str] | None = None
    ) -> bytes: ...

    def contact(self, phone: str) -> ContactInfo | None: ...

    def contacts(self, search: str | None = None) -> list[ContactInfo]: ...

    def update_contact(
        self,
        phone: str,
        *,
        company: str,
        person: str,
        categories: Sequence[str],
        list_id: int | None = None,
        expected_revision: int | None = None,
    ) -> ContactInfo: ...

    def start_call(
        self,
        phone: str,
        direction: Direction,
        *,
        user: str | None,
        list_id: int | None = None,
        started_at: datetime | None = None,
    ) -> int: ...

    def finish_call(
        self,
        call_id: int,
        outcome: Outcome,
        *,
        sip_status: int | None = None,
        answered_at: datetime | None = None,
        ended_at: datetime | None = None,
        disposition: str | None = None,
        note: str | None = None,
    ) -> None: ...

    def annotate_call(self, call_id: int, *, disposition: str | None, note: str | None) -> None: ...

    def recent_calls(self, user: str, *, limit: int = 20) -> list[CallRecord]: ...

    def calls_of(self, phone: str, *, limit: int = 200) -> list[CallRecord]: ...

    def close_interrupted_calls(self, *, user: str | None = None) -> int: ...

    def claim_target(
        self,
        list_id: int,
        phone: str,
        *,
        user: str,
        holder: str,
        ttl: float,
        not_called_since: datetime | None = None,
        now: datetime | None = None,
        callback: bool = False,
    ) -> ClaimResult: ...

    def claim_first(
        self,
        list_id: int,
        phones: Sequence[str],
        *,
        user: str,
        holder: str,
        ttl: float,
        not_called_since: datetime | None = None,
        now: datetime | None = None,
    ) -> list[tuple[str, ClaimResult]]: ...

    def due_callbacks(
        self, list_id: int, *, user: str, now: datetime | None = None
    ) -> list[tuple[str, datetime]]: ...

    def list_rules(self, list_id: int) -> ListRules: ...

    def renew_claim(self, list_id: int, phone: str, *, holder: str, ttl: float) -> bool: ...

    def release_claim(self, list_id: int, phone: str, *, holder: str) -> None: ...

    def add_callback(
        self,
        phone: str,
        *,
        due_at: datetime,
        list_id: int | None = None,
        to: str | None = None,
        anyone: bool = False,
        by: str | None = None,
        note: str | None = None,
    ) -> CallbackInfo: ...

    def add_disposition(
        self, name: str, *, ends_target: bool = False, blocks_number: bool = False, by: str | None = None
    ) -> DispositionInfo: ...

    def add_dnc(self, phones: Sequence[str], *, reason: str = "", by: str | None = None) -> int: ...

    def add_note(self, phone: str, note: str, *, user: str) -> int: ...

    def adopt_calling_hours(
        self, hours: tuple[time, time], list_ids: Sequence[int], *, by: str | None = None
    ) -> list[int]: ...

    def callbacks(
        self,
        *,
        user: str | None = None,
        mine: bool = False,
        due: bool = False,
        include_done: bool = False,
        list_id: int | None = None,
        now: datetime | None = None,
    ) -> list[CallbackInfo]: ...

    def check_dialable(self, phone: str) -> None: ...

    def clear_presence(self, user: str, *, client: str | None = None) -> None: ...

    def complete_callback(self, callback_id: int, *, call_id: int | None = None) -> None: ...

    def counts(self) -> dict[str, int]: ...

    def dial_refusal(self, phone: str) -> DialRefused | None: ...

    def dispositions(self) -> list[DispositionInfo]: ...

    def dnc_entries(self) -> list[DncEntry]: ...

    def export_dnc_csv(self, encoding: str = "utf-8-sig") -> bytes: ...

    def history(self, phone: str, *, limit: int = 200) -> list[HistoryEntry]: ...

    def import_dnc_csv(
        self,
        data: bytes,
        *,
        encoding: str = "auto",
        reason: str = "",
        by: str | None = None,
        dry_run: bool = False,
    ) -> DncImport: ...

    def list_by_name(self, name: str) -> ListInfo: ...

    def list_progress(self) -> list[ListProgress]: ...

    def next_calling_time(self, list_id: int, now: datetime | None = None) -> datetime | None: ...

    def rebuild_last_calls(self) -> int: ...

    def rebuild_target_attempts(self) -> int: ...

    def remove_callback(self, callback_id: int) -> None: ...

    def remove_disposition(self, disposition_id: int, *, by: str | None = None) -> None: ...

    def remove_dnc(self, phones: Sequence[str], *, by: str | None = None) -> int: ...

    def save_dispositions(
        self, wanted: Sequence[DispositionInfo], *, by: str | None = None
    ) -> list[DispositionInfo]: ...

    def report(self, query: ReportQuery) -> list[ReportRow]: ...

    def resume_point(
        self, list_id: int, user: str, *, within: timedelta = RESUME_WITHIN
    ) -> ResumePoint | None: ...

    def set_list_rules(self, list_id: int, rules: ListRules, *, by: str | None = None) -> ListRules: ...

    def set_presence(
        self,
        user: str,
        *,
        client: str,
        call_phone: str | None = None,
        on_call_since: datetime | None = None,
        autocall_list_id: int | None = None,
    ) -> None: ...

    def set_store_setting(self, key: str, value: object, *, by: str | None = None) -> None: ...

    def store_setting(self, key: str) -> object | None: ...

    def target_plans(
        self,
        list_id: int,
        *,
        user: str | None = None,
        phones: Sequence[str] | None = None,
        now: datetime | None = None,
    ) -> dict[str, TargetPlan]: ...

    def team_board(self) -> list[BoardRow]: ...

    @property
    def time_zone(self) -> timezone: ...

    def today(self) -> date: ...

    def update_disposition(
        self,
        disposition_id: int,
        *,
        name: str | None = None,
        ends_target: bool | None = None,
        blocks_number: bool | None = None,
        position: int | None = None,
        by: str | None = None,
    ) -> DispositionInfo: ...

    def call_recordings(self, call_ids: Sequence[int]) -> dict[int, RecordingInfo]: ...

    def recording_enabled(self) -> bool: ...

    def set_call_recording(
        self, call_id: int, *, path: str | None, seconds: float | None = None, error: str | None = None
    ) -> None: ...

    def set_recording_enabled(self, enabled: bool, *, by: str | None = None) -> None: ...


if TYPE_CHECKING:

    def _both_are_store_apis(deferred: DeferredStore, store: Store) -> tuple[StoreApi, StoreApi]:
        """Checked by mypy: the stand-in and the store itself both give the window what it needs."""
        return deferred, store
