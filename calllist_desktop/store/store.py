"""The operations the program performs on its data, each in one transaction.

:class:`Store` is what the CLI and the desktop client hold. It takes and returns plain values
(logins, list ids, E.164 phones, ``store.views`` objects) and raises ``store.errors`` for what a
user can fix; it never lets a half-done change stay behind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import Connection, Engine, delete, func, insert, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from calllist_desktop.core.assignee_names import AssigneeNames
from calllist_desktop.core.claims import ClaimResult
from calllist_desktop.core.columns import MAX_CATEGORIES
from calllist_desktop.core.contact_fields import clean_categories, too_many_categories
from calllist_desktop.core.csv_export import ExportRow, export_targets_csv
from calllist_desktop.core.csv_import import ParsedCsv, parse_targets_csv
from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.core.phone import format_national
from calllist_desktop.core.resume import RESUME_WITHIN, ResumePoint
from calllist_desktop.store import (
    access,
    backup,
    calls,
    claims,
    database,
    edits,
    importing,
    limits,
    presence,
    queries,
    recordings,
    report,
    store_settings,
)
from calllist_desktop.store.campaign import (
    CampaignOperations,
    DialRefused,
    complete_callbacks_answered_in,
    complete_due_callbacks,
    refusal,
)
from calllist_desktop.store.errors import (
    AlreadyExists,
    NotFound,
    OwnAdminRole,
    SchemaOutdated,
    StoreError,
    UserInactive,
)
from calllist_desktop.store.import_report import ImportReport
from calllist_desktop.store.models import (
    Call,
    CallList,
    Contact,
    LastCall,
    Target,
    TargetClaim,
    User,
)
from calllist_desktop.store.presence import BoardRow
from calllist_desktop.store.recordings import RecordingInfo
from calllist_desktop.store.report import ListProgress, ReportQuery, ReportRow
from calllist_desktop.store.types import utc_now
from calllist_desktop.store.views import (
    ROLES,
    CallRecord,
    ContactInfo,
    ListInfo,
    TargetView,
    UserInfo,
)


class Store(CampaignOperations):
    """A connection to one store (SQLite file or PostgreSQL database) and every operation on it.

    The campaign operations (rules, callbacks, do-not-call list, dispositions, history) come
    from :class:`~calllist_desktop.store.campaign.CampaignOperations`."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, url: str | None = None) -> Store:
        """Open the store at ``url`` (or ``$CALLLIST_DB``, or the default SQLite file).

        SQLite is brought up to the newest schema at once; a shared server must be upgraded on
        purpose (``calllist db upgrade``), and an older schema there raises :class:`SchemaOutdated`.
        """
        engine = database.make_engine(database.resolve_database_url(url))
        try:
            current = database.current_revision(engine)
            head = database.head_revision()
            if current != head and engine.dialect.name == "sqlite":
                database.upgrade(engine)
            elif current != head:
                raise SchemaOutdated(
                    f"the database schema is {current or 'empty'}, this program needs {head}: "
                    "run `calllist db upgrade`",
                    f"データベースのスキーマ ({current or '空'}) が古いです (必要: {head})。"
                    "`calllist db upgrade` を実行してください",
                )
        except DBAPIError as exc:  # the server is down, the file is no database, …
            engine.dispose()
            raise database.store_error(exc, opening=engine.url) from exc
        except BaseException:
            engine.dispose()
            raise
        return cls(engine)

    def close(self) -> None:
        self.engine.dispose()

    def files(self) -> list[Path]:
        """The files of a SQLite store (none on PostgreSQL): what an export must never overwrite."""
        return backup.store_files(self.engine)

    @property
    def url(self) -> str:
        return database.shown_url(self.engine.url)

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """A writing transaction (on SQLite it takes the write lock at once)."""
        with access.denials_as_store_errors(), self.engine.connect() as connection:
            connection = connection.execution_options(**{database.SQLITE_BEGIN_OPTION: "IMMEDIATE"})
            with connection.begin():
                yield connection

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with access.denials_as_store_errors(), self.engine.connect() as connection:
            yield connection

    # --- users -------------------------------------------------------------------------------

    def add_user(
        self,
        login: str,
        display_name: str | None = None,
        *,
        role: str = "operator",
        autocall: bool = False,
        db_role: str | None = None,
    ) -> UserInfo:
        """Add a person; with ``db_role`` (PostgreSQL), also the database role they connect as.

        The role is created if it does not exist (LOGIN, no password) and put in the group of the
        person's job (``store.access``) in the same transaction as the user row: when the role
        cannot be made, the user is not added either, and trying again starts afresh.
        """
        login = limits.login(login)
        name = limits.display_name(display_name) if display_name and display_name.strip() else login
        if db_role is not None:
            db_role = limits.role_name(db_role)
        _check_role(role)
        try:
            with self._write() as connection:
                if db_role is not None:
                    self._check_role_free(connection, db_role)
                connection.execute(
                    insert(User).values(
                        login=login,
                        display_name=name,
                        role=role,
                        autocall_enabled=autocall,
                        db_role=db_role,
                        created_at=utc_now(),
                    )
                )
                if db_role is not None:
                    with _role_failures(db_role):
                        access.create_db_role(connection, db_role, admin=role == "admin")
        except IntegrityError as exc:
            raise AlreadyExists(
                f"a user with the login {login!r} exists already",
                f"ログイン「{login}」のユーザーは既にいます",
            ) from exc
        return self.user(login)

    @property
    def db_roles_for_new_users(self) -> bool:
        """Whether a person added now should get a database role of their own (team mode on
        PostgreSQL, unless ``CALLLIST_DB_ROLES=0``); see :meth:`add_user`."""
        return access.roles_for_new_users(self.engine)

    def _check_role_free(self, connection: Connection, db_role: str) -> None:
        holder = connection.scalar(select(User.login).where(User.db_role == db_role))
        if holder is not None:
            raise AlreadyExists(
                f"the database role {db_role!r} belongs to the user {holder!r} already",
                f"データベースのロール「{db_role}」は既にユーザー「{holder}」のものです",
            )

    def users(self) -> list[UserInfo]:
        with self._read() as connection:
            return queries.read_users(connection)

    def user(self, login: str) -> UserInfo:
        with self._read() as connection:
            return self._user(connection, login)

    def _user(self, connection: Connection, login: str) -> UserInfo:
        user = queries.read_user(connection, login)
        if user is None:
            raise NotFound(f"no user with the login {login!r}", f"ログイン「{login}」のユーザーはいません")
        return user

    def update_user(
        self,
        login: str,
        *,
        display_name: str | None = None,
        role: str | None = None,
        autocall: bool | None = None,
        by: str | None = None,
    ) -> UserInfo:
        """Change a person's name, role or auto-call permission.

        ``by`` is who makes the change; on PostgreSQL the connected role counts too, whatever
        ``by`` says. An admin cannot take away their own admin role (``OwnAdminRole``), so
        nobody locks themselves out of managing the store.
        """
        values: dict[str, object] = {}
        if display_name is not None:
            values["display_name"] = limits.display_name(display_name) if display_name.strip() else login
        if role is not None:
            _check_role(role)
            values["role"] = role
        if autocall is not None:
            values["autocall_enabled"] = autocall
        with self._write() as connection:
            before = self._user(connection, login)
            demoted = role is not None and role != "admin" and before.is_admin
            # Whoever the caller says acts, the connected role (PostgreSQL) is who truly does.
            if demoted and login in (by, access.acting_login_on(connection)):
                raise OwnAdminRole(
                    f"{login} cannot take away their own admin role: another admin must change it",
                    "自分自身の管理者の役割は外せません。ほかの管理者に変更してもらってください。",
                )
            if values:
                connection.execute(update(User).where(User.login == login).values(values))
            if role is not None and access.is_postgresql(self.engine):
                db_role = connection.scalar(select(User.db_role).where(User.login == login))
                if db_role:  # the database's rights follow the job (store.access)
                    access.set_group(connection, db_role, admin=role == "admin")
            return self._user(connection, login)

    def set_user_active(self, login: str, active: bool) -> UserInfo:
        """Deactivate (``False``) or activate a user (SPEC §11). A deactivated user keeps their
        history and their assigned numbers (a manager gives those to others), but cannot sign in
        or be given numbers. On PostgreSQL their database role loses (or gets back) LOGIN in the
        same transaction, so the database itself turns them away."""
        with self._write() as connection:
            self._user(connection, login)
            connection.execute(update(User).where(User.login == login).values(active=active))
            if access.is_postgresql(self.engine):
                db_role = connection.scalar(select(User.db_role).where(User.login == login))
                if db_role:
                    access.set_login(connection, db_role, allowed=active)
            return self._user(connection, login)

    def _assignable_id(self, connection: Connection, login: str) -> int:
        """The id of the user ``login`` for numbers to be given to; a deactivated user is refused."""
        user = self._user(connection, login)
        if not user.active:
            raise UserInactive(
                f"{login} is deactivated and cannot be assigned numbers: activate them first "
                f"(calllist users activate {login})",
                f"ユーザー「{user.display_name}」({login}) は無効化されているため、担当者にできません。"
                "先に有効化してください",
            )
        return user.id

    # --- lists -------------------------------------------------------------------------------

    def create_list(self, name: str) -> ListInfo:
        with self._write() as connection:
            self._insert_list(connection, name)
        return self.list_by_name(limits.list_name(name))

    def _insert_list(self, connection: Connection, name: str) -> int:
        """Create a list in the caller's transaction; its id. ``AlreadyExists`` if the name is taken."""
        name = limits.list_name(name)
        try:
            return int(
                connection.execute(
                    insert(CallList).values(name=name, created_at=utc_now()).returning(CallList.id)
                ).scalar_one()
            )
        except IntegrityError as exc:
            raise AlreadyExists(
                f"a list named {name!r} exists already", f"リスト「{name}」は既にあります"
            ) from exc

    def lists(self, *, assignee: str | None = None) -> list[ListInfo]:
        """Every list, or only those where ``assignee`` is assigned at least one target."""
        with self._read() as connection:
            lists = queries.read_lists(connection)
            if assignee is None:
                return lists
            ids = queries.assigned_list_ids(connection, self._user(connection, assignee).id)
        return [info for info in lists if info.id in ids]

    def list_by_name(self, name: str) -> ListInfo:
        with self._read() as connection:
            return self._list(connection, name)

    def _list(self, connection: Connection, name: str) -> ListInfo:
        found = queries.read_list(connection, name)
        if found is None:
            raise NotFound(f"no list named {name!r}", f"リスト「{name}」はありません")
        return found

    def _require_list(self, connection: Connection, list_id: int, *, lock: bool = False) -> None:
        query = select(CallList.id).where(CallList.id == list_id)
        if lock:  # PostgreSQL: one import or edit of a list at a time; SQLite's lock is the file's
            # NO KEY UPDATE, not UPDATE: call rows and claims that refer to the list (foreign-key
            # checks take KEY SHARE) must not wait for a 5,000-row import to commit.
            query = query.with_for_update(key_share=True)
        if connection.scalar(query) is None:
            raise NotFound(
                f"the list {list_id} does not exist (deleted by someone else?)",
                f"リスト (ID {list_id}) がありません (他の人が削除しましたか?)",
            )

    def rename_list(self, old: str, new: str) -> ListInfo:
        new = limits.list_name(new)
        try:
            with self._write() as connection:
                list_id = self._list(connection, old).id
                connection.execute(update(CallList).where(CallList.id == list_id).values(name=new))
        except IntegrityError as exc:
            raise AlreadyExists(
                f"a list named {new!r} exists already", f"リスト「{new}」は既にあります"
            ) from exc
        return self.list_by_name(new)

    def delete_list(self, name: str) -> int:
        """Delete a list and its targets; contacts and call history stay. Returns the targets removed."""
        with self._write() as connection:
            info = self._list(connection, name)
            connection.execute(delete(CallList).where(CallList.id == info.id))
            # Targets go by ON DELETE CASCADE; delete them explicitly too, in case a SQLite file
            # was opened elsewhere without foreign keys.
            connection.execute(delete(Target).where(Target.list_id == info.id))
        return info.target_count

    # --- targets -----------------------------------------------------------------------------

    def targets(
        self,
        list_id: int,
        *,
        assignee: str | None = None,
        include_excluded: bool = True,
        phones: Sequence[str] | None = None,
    ) -> list[TargetView]:
        """The list's targets in order, each with its contact, assignee and last call."""
        with self._read() as connection:
            self._require_list(connection, list_id)
            assignee_id = self._user(connection, assignee).id if assignee is not None else None
            return queries.read_targets(
                connection,
                list_id,
                assignee_id=assignee_id,
                include_excluded=include_excluded,
                phones=phones,
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
        """Read a CSV file (``core.csv_import``) and import it: :meth:`import_parsed` of its
        parse. ``progress`` follows the reading of the rows."""
        return self.import_parsed(
            list_id,
            parse_targets_csv(data, encoding=encoding, progress=progress),
            assignee=assignee,
            dry_run=dry_run,
            skip_bad_rows=skip_bad_rows,
            new_list=new_list,
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
        """Import a file already read by ``core.csv_import.parse_targets_csv`` into a list, all
        or nothing (SPEC §2). A caller that shows the file's rows before saving (the import
        dialog) reads it once, checks that parse with a dry run and saves the very same parse.

        A rejected import (``ok`` false) changes nothing. ``dry_run`` checks everything the real
        import would, the list's capacity included, and reports what it would do; with
        ``list_id=None`` it checks against a new, empty list. ``new_list`` (with ``list_id=None``)
        creates the list in the import's own transaction: a rejected, failed or killed import
        leaves no list behind. ``skip_bad_rows`` imports the rows without errors and names the
        others in ``skipped_rows``; errors of the whole file or list still reject it.
        ``progress(done, total)`` follows the steps in the database (checking, then writing).
        """
        if new_list is not None and list_id is not None:
            raise ValueError("give either a list or the name of a new one")
        steps = _Steps(progress, 1 if dry_run else 1 + importing.WRITE_STEPS)
        rejected = ImportReport(
            ok=False,
            warnings=parsed.warnings,
            encoding=parsed.encoding,
            delimiter=parsed.delimiter,
            dry_run=dry_run,
        )
        # Errors of single rows reject the import unless they are to be skipped; a dry run still
        # checks the other rows, so that the preview says what they would do (``reassigned``).
        rejecting = not parsed.ok and not skip_bad_rows
        if not parsed.ok and not (parsed.rows_only and (skip_bad_rows or dry_run)):
            return replace(rejected, errors=parsed.errors)
        skipped = [] if rejecting else sorted({issue.row for issue in parsed.errors})
        records = parsed.records
        try:
            with self._write() as connection:
                if new_list is not None and not dry_run:
                    list_id = self._insert_list(connection, new_list)
                elif list_id is not None:
                    self._require_list(connection, list_id, lock=True)
                elif not dry_run:
                    raise ValueError("an import needs a list (only a dry run may check against a new one)")
                assignee_id = self._assignable_id(connection, assignee) if assignee is not None else None
                plan = importing.plan_import(connection, list_id, records, assignee_id)
                steps.done()
                if plan.errors or rejecting:
                    warnings = parsed.warnings + plan.warnings
                    raise _Rejected(replace(rejected, errors=parsed.errors + plan.errors, warnings=warnings))
                if list_id is None or dry_run:
                    new_targets = sum(1 for record in records if record.phone not in plan.in_list)
                    counts = importing.ImportCounts(
                        imported=len(records),
                        created_contacts=len(records) - len(plan.owners),
                        updated_contacts=len(plan.owners),
                        overwritten=len(records) - new_targets,
                        unassigned=plan.unassigned(records),
                    )
                else:
                    counts = importing.write_import(connection, list_id, records, plan, steps.done)
        except _Rejected as rejection:  # raised inside the transaction, so that it rolls back
            return rejection.report
        return replace(
            rejected,
            ok=True,
            imported=counts.imported,
            created_contacts=counts.created_contacts,
            updated_contacts=counts.updated_contacts,
            overwritten=counts.overwritten,
            unassigned=counts.unassigned,
            errors=parsed.errors,
            warnings=parsed.warnings + plan.warnings,
            skipped_rows=skipped,
        )

    def _require_targets(
        self,
        connection: Connection,
        list_id: int,
        phones: Sequence[str],
        expected: Mapping[str, int] | None = None,
        *,
        lock: bool = True,
    ) -> list[str]:
        self._require_list(connection, list_id, lock=lock)
        wanted = list(dict.fromkeys(phones))
        found = set(importing.existing_target_phones(connection, list_id, wanted))
        missing = [phone for phone in wanted if phone not in found]
        if missing:
            shown = ", ".join(format_national(phone) for phone in missing[:10])
            more = len(missing) - 10
            raise NotFound(
                f"not in this list: {shown}" + (f" and {more} more" if more > 0 else ""),
                f"このリストにない番号です: {shown}" + (f" 他 {more} 件" if more > 0 else ""),
            )
        if expected is not None:
            edits.check_revisions(connection, list_id, expected, wanted)
        return wanted

    def set_assignee(
        self,
        list_id: int,
        phones: Sequence[str],
        assignee: str | None,
        *,
        expected: Mapping[str, int] | None = None,
    ) -> int:
        """Give the numbers to ``assignee`` (``None``: nobody) — in every list that holds them.

        ``expected``: the revisions the caller saw (``TargetView.revision``); rows changed since
        make the whole edit fail with ``StaleEdit`` (see ``store.edits``).
        """
        with self._write() as connection:
            wanted = self._require_targets(connection, list_id, phones, expected)
            assignee_id = self._assignable_id(connection, assignee) if assignee is not None else None
            for chunk in importing.chunks(wanted):
                connection.execute(
                    update(Contact)
                    .where(Contact.phone.in_(chunk))
                    .values(assignee_id=assignee_id, updated_at=utc_now(), revision=Contact.revision + 1)
                )
        return len(wanted)

    def set_excluded(
        self,
        list_id: int,
        phones: Sequence[str],
        excluded: bool,
        *,
        expected: Mapping[str, int] | None = None,
    ) -> int:
        """Mark targets of this list not to be called (or to be called again); see ``set_assignee``.

        The list row is not locked here: an operator's database role may change the flag but not
        lock lists, and the flag does not change which targets the list holds.
        """
        with self._write() as connection:
            wanted = self._require_targets(connection, list_id, phones, expected, lock=False)
            for chunk in importing.chunks(wanted):
                connection.execute(
                    update(Target)
                    .where(Target.list_id == list_id, Target.phone.in_(chunk))
                    .values(excluded=excluded, revision=Target.revision + 1)
                )
        return len(wanted)

    def remove_targets(
        self, list_id: int, phones: Sequence[str], *, expected: Mapping[str, int] | None = None
    ) -> int:
        """Take targets out of the list; their contacts and call history stay. See ``set_assignee``."""
        with self._write() as connection:
            wanted = self._require_targets(connection, list_id, phones, expected)
            for chunk in importing.chunks(wanted):
                connection.execute(delete(Target).where(Target.list_id == list_id, Target.phone.in_(chunk)))
        return len(wanted)

    def export_csv(self, list_id: int, encoding: str = "utf-8-sig", *, phones: Sequence[str] | None = None) -> bytes:
        """The list as a CSV file (SPEC §3); ``ExportEncodingError`` names rows the encoding can't hold.

        ``phones``: only these targets, in this order (what a view shows, as it shows it). The
        assignee is written by display name when that names the same user on import, else by
        login (``core.assignee_names``), so that the file imports again with every assignee.
        """
        names = AssigneeNames((user.login, user.display_name) for user in self.users())
        targets = self.targets(list_id, phones=phones)
        if phones is not None:
            place = {phone: index for index, phone in enumerate(phones)}
            targets.sort(key=lambda target: place[target.phone])
        rows = [
            ExportRow(
                phone=target.phone,
                company=target.company,
                person=target.person,
                categories=target.categories,
                assignee=names.label(target.assignee_login) if target.assignee_login is not None else None,
                last_call_type=target.last_call.direction if target.last_call else None,
                last_call_status=target.last_call.outcome if target.last_call else None,
                last_agent=target.last_call.agent_name if target.last_call else None,
                last_call_at=target.last_call.started_at if target.last_call else None,
                excluded=target.excluded,
            )
            for target in targets
        ]
        return export_targets_csv(rows, encoding)

    # --- contacts ----------------------------------------------------------------------------

    def contact(self, phone: str) -> ContactInfo | None:
        """The contact of one number, or ``None`` when the number is no contact."""
        with self._read() as connection:
            return queries.read_contact(connection, phone)

    def contacts(self, search: str | None = None) -> list[ContactInfo]:
        with self._read() as connection, database.scan_once(connection):
            return queries.read_contacts(connection, search)

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
        """Change the company, person and categories of one number's contact.

        The contact is one per number, so the change shows in every list that holds it. The
        import's rules apply (a company or a person; at most ``MAX_CATEGORIES`` categories).
        ``list_id`` and ``expected_revision``: the target row the editor was opened on
        (``TargetView.revision``); if someone changed it since, nothing is written
        (``StaleEdit``), as for the bulk actions (``store.edits``).
        """
        company, person = company.strip(), person.strip()
        cleaned = clean_categories(categories)
        if not (company or person):
            raise StoreError(
                "a contact needs a company or a person", "取引先会社名か取引先担当者名を入力してください"
            )
        if too_many_categories(cleaned):
            raise StoreError(
                f"at most {MAX_CATEGORIES} categories (there are {len(cleaned)})",
                f"カテゴリーは {MAX_CATEGORIES} 個までです ({len(cleaned)} 個あります)",
            )
        with self._write() as connection:
            if list_id is not None:
                self._require_targets(
                    connection,
                    list_id,
                    [phone],
                    None if expected_revision is None else {phone: expected_revision},
                    lock=False,
                )
            written = connection.execute(
                update(Contact)
                .where(Contact.phone == phone)
                .values(
                    company=company,
                    person=person,
                    categories=list(cleaned),
                    updated_at=utc_now(),
                    revision=Contact.revision + 1,
                )
            )
            if written.rowcount == 0:
                shown = format_national(phone)
                raise NotFound(f"no contact with the number {shown}", f"番号 {shown} の連絡先はありません")
            contact = queries.read_contact(connection, phone)
        assert contact is not None  # written in this transaction
        return contact

    # --- calls -------------------------------------------------------------------------------

    def start_call(
        self,
        phone: str,
        direction: Direction,
        *,
        user: str | None,
        list_id: int | None = None,
        started_at: datetime | None = None,
    ) -> int:
        """Write the row of a call as it starts, so a crash never loses it. Returns its id.

        An outbound call without a list is recorded as dialled by hand. In team mode the server
        sets an operator's ``started_at`` itself (migration 0003).

        An outbound call to a number no one may dial (the do-not-call list; a premium-rate or
        international number a manager has not allowed) is refused with
        :class:`~calllist_desktop.store.campaign.DialRefused`, checked in the transaction that
        would write the row: the window's hand dialling and redial show its message, and
        nothing is dialled.
        """
        with self._write() as connection:
            if direction is Direction.OUTBOUND:
                refused = refusal(connection, phone) if phone.startswith("+") else None
                if refused is not None:
                    raise DialRefused(phone, *refused)
            user_id = self._user(connection, user).id if user is not None else None
            started_at = started_at or utc_now()
            call_id = calls.record_start(
                connection,
                {
                    "phone": phone,
                    "direction": str(direction),
                    "user_id": user_id,
                    "list_id": list_id,
                    "started_at": started_at,
                    "hand_dialled": direction is Direction.OUTBOUND and list_id is None,
                },
            )
            if direction is Direction.OUTBOUND:  # the callbacks it answers are done (store.campaign)
                complete_due_callbacks(connection, phone, user_id, call_id, started_at)
            return call_id

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
        """Close a call's row with its outcome."""
        values = calls.finish_values(
            outcome,
            sip_status=sip_status,
            answered_at=answered_at,
            ended_at=ended_at,
            disposition=disposition,
            note=note,
        )
        with self._write() as connection:
            if not calls.record_finish(connection, call_id, values):
                raise NotFound(f"no call {call_id}", f"通話 {call_id} はありません")
            # An answered incoming call answers the callbacks due on its number (store.campaign).
            if outcome == Outcome.ANSWERED:
                complete_callbacks_answered_in(connection, call_id, values["ended_at"])

    def recent_calls(self, user: str, *, limit: int = 20) -> list[CallRecord]:
        """The newest calls of ``user`` (the phone's 最近の通話), newest first."""
        with self._read() as connection:
            user_id = self._user(connection, user).id
            return queries.read_calls(connection, user_id=user_id, limit=limit)

    def calls_of(self, phone: str, *, limit: int = 200) -> list[CallRecord]:
        """The newest calls with the number ``phone`` (E.164) by anyone the reader may see, newest first."""
        with self._read() as connection:
            return queries.read_calls(connection, phone=phone, limit=limit)

    def annotate_call(self, call_id: int, *, disposition: str | None, note: str | None) -> None:
        """Store the wrap-up (後処理) of a call that has ended: its disposition and note."""
        with self._write() as connection:
            if not calls.annotate(connection, call_id, disposition, note):
                raise NotFound(f"no call {call_id}", f"通話 {call_id} はありません")

    def close_interrupted_calls(self, *, user: str | None = None) -> int:
        """Close rows left open by a crash as ``interrupted``; only ``user``'s when given."""
        with self._write() as connection:
            user_id = self._user(connection, user).id if user is not None else None
            return calls.close_unfinished(connection, user_id)

    def resume_point(self, list_id: int, user: str, *, within: timedelta = RESUME_WITHIN) -> ResumePoint | None:
        """Where ``user``'s next auto-call run over the list continues: their last call to one of
        its targets in the last ``within`` (``None``: start at the top). See ``core.resume``."""
        with self._read() as connection:
            user_id = self._user(connection, user).id
            return calls.resume_point(connection, list_id, user_id, utc_now() - within)

    def rebuild_last_calls(self) -> int:
        """Derive every number's last call from the call rows again; returns the numbers."""
        with self._write() as connection:
            return calls.rebuild_last_calls(connection)

    def rebuild_target_attempts(self) -> int:
        """Derive every target's attempts from the call rows again; returns the targets."""
        with self._write() as connection:
            return calls.rebuild_target_attempts(connection)

    # --- claims (core.claims.TargetClaims; the rules are in store.claims) ----------------------

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
        """Claim a target before auto-call dials it: granted only if still assigned, not excluded,
        not on the do-not-call list nor refused by the numbering plan, allowed by its list's rules
        at ``now`` (a due callback when ``callback``), not called since ``not_called_since`` and
        free — all in one transaction (see :mod:`calllist_desktop.store.claims`)."""
        with self._write() as connection:
            user_id = self._user(connection, user).id
            return claims.claim(
                connection,
                list_id,
                phone,
                user_id=user_id,
                holder=holder,
                ttl=ttl,
                not_called_since=not_called_since,
                now=now or utc_now(),
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
        """Claim the first of ``phones`` that may be dialled, in one transaction; the answer for
        each phone up to that one (see :func:`calllist_desktop.store.claims.claim_first`)."""
        if not phones:
            return []
        with self._write() as connection:
            user_id = self._user(connection, user).id
            return claims.claim_first(
                connection,
                list_id,
                phones,
                user_id=user_id,
                holder=holder,
                ttl=ttl,
                not_called_since=not_called_since,
                now=now or utc_now(),
            )

    def renew_claim(self, list_id: int, phone: str, *, holder: str, ttl: float) -> bool:
        with self._write() as connection:
            return claims.renew(connection, list_id, phone, holder=holder, ttl=ttl)

    def release_claim(self, list_id: int, phone: str, *, holder: str) -> None:
        with self._write() as connection:
            claims.release(connection, list_id, phone, holder=holder)

    # --- analytics (store.report, store.presence; SPEC §10) ------------------------------------

    @property
    def time_zone(self) -> timezone:
        """The zone of the store's days and hours (reports, the board's "today"): Asia/Tokyo."""
        return report.STORE_TIME_ZONE

    def today(self) -> date:
        """Today's date in the store's time zone."""
        return utc_now().astimezone(self.time_zone).date()

    def report(self, query: ReportQuery) -> list[ReportRow]:
        """Calls of the days ``query.start``–``query.end`` grouped as asked, computed in the
        database (see :mod:`calllist_desktop.store.report`). ``NotFound`` for an unknown
        ``list_name``; a range that ends before it starts is a :class:`StoreError`."""
        if query.end < query.start:
            raise StoreError(
                f"the report's range ends ({query.end}) before it starts ({query.start})",
                f"集計期間の終わり ({query.end}) が始まり ({query.start}) より前です",
            )
        if query.by not in report.GROUPINGS:
            raise StoreError(
                f"unknown grouping {query.by!r}: use one of {', '.join(report.GROUPINGS)}",
                f"集計の単位「{query.by}」はありません ({', '.join(report.GROUPINGS)})",
            )
        with self._read() as connection:
            list_id = self._list(connection, query.list_name).id if query.list_name is not None else None
            return report.read_report(connection, query, list_id, self.time_zone)

    def list_progress(self) -> list[ListProgress]:
        """Every list's progress (targets never called, in progress, done, excluded, …)."""
        with self._read() as connection:
            return report.read_list_progress(connection)

    def team_board(self) -> list[BoardRow]:
        """The live team board: one row per person (see :mod:`calllist_desktop.store.presence`)."""
        with self._read() as connection:
            return presence.read_team_board(connection, self.today(), self.time_zone)

    def set_presence(
        self,
        user: str,
        *,
        client: str,
        call_phone: str | None = None,
        on_call_since: datetime | None = None,
        autocall_list_id: int | None = None,
    ) -> None:
        """Say what ``user``'s client ``client`` (an id unique per running program) is doing now:
        signed in, on a call with ``call_phone`` since ``on_call_since``, running auto-call on
        ``autocall_list_id``. Call it on sign-in, at each call's start and end, when auto-call
        starts and stops, and every ``presence.HEARTBEAT`` seconds (the same values again)."""
        with self._write() as connection:
            user_id = self._user(connection, user).id
            presence.write_presence(
                connection,
                user_id,
                client,
                call_phone=call_phone,
                on_call_since=on_call_since,
                autocall_list_id=autocall_list_id,
            )

    def clear_presence(self, user: str, *, client: str | None = None) -> None:
        """``user`` signed out of ``client`` (``None``: of every client): their row goes."""
        with self._write() as connection:
            presence.remove_presence(connection, self._user(connection, user).id, client)

    # --- settings of the whole store ----------------------------------------------------------

    def store_setting(self, key: str) -> object | None:
        """A setting every client of this store shares (``None`` when never set)."""
        with self._read() as connection:
            return store_settings.read(connection, key)

    def set_store_setting(self, key: str, value: object, *, by: str | None = None) -> None:
        """Set a shared setting (managers only: on PostgreSQL the server refuses anyone else
        with :class:`~calllist_desktop.store.errors.PermissionDenied`); ``by`` is the login
        acting. Other clients learn of it through their change watcher (``store_settings``)."""
        with self._write() as connection:
            store_settings.write(connection, key, value, by=by)

    # --- call recordings (通話録音) ---------------------------------------------------------------

    def recording_enabled(self) -> bool:
        """Whether answered calls are recorded: the manager's switch for the whole store."""
        return recordings.enabled(self.store_setting(recordings.SETTING))

    def set_recording_enabled(self, enabled: bool, *, by: str | None = None) -> None:
        """Switch call recording for every client of the store (managers only, like every store setting)."""
        self.set_store_setting(recordings.SETTING, bool(enabled), by=by)

    def set_call_recording(
        self, call_id: int, *, path: str | None, seconds: float | None = None, error: str | None = None
    ) -> None:
        """Note where a call's recording is (``path``, ``seconds``) or why it is missing (``error``)."""
        with self._write() as connection:
            if not recordings.write(connection, call_id, path=path, seconds=seconds, error=error):
                raise NotFound(f"no call {call_id}", f"通話 {call_id} はありません")

    def call_recordings(self, call_ids: Sequence[int]) -> dict[int, RecordingInfo]:
        """The recording (or its error) of each given call the reader may see, by call id."""
        with self._read() as connection:
            return recordings.read(connection, call_ids)

    # --- maintenance ---------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Rows per table, for ``calllist db check``."""
        with self._read() as connection:
            return {
                model.__tablename__: int(connection.scalar(select(func.count()).select_from(model)) or 0)
                for model in (User, Contact, CallList, Target, Call, LastCall, TargetClaim)
            }


class _Steps:
    """Counts the steps of a long operation and tells ``progress(done, total)`` of each."""

    def __init__(self, progress: Callable[[int, int], None] | None, total: int) -> None:
        self._progress = progress
        self._total = total
        self._done = 0

    def done(self) -> None:
        self._done += 1
        if self._progress is not None:
            self._progress(self._done, self._total)


class _Rejected(Exception):
    """An import found errors inside its transaction: leave it (rolling back) with this report."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__("import rejected")
        self.report = report


def _check_role(role: str) -> None:
    if role not in ROLES:
        choices = ", ".join(ROLES)
        raise StoreError(
            f"unknown role {role!r}: use one of {choices}", f"役割「{role}」はありません ({choices})"
        )


@contextmanager
def _role_failures(role: str) -> Iterator[None]:
    """The database refusing a role (a reserved name, …) as a store error, in words; the
    transaction it happened in is rolled back."""
    try:
        yield
    except DBAPIError as exc:
        reason = " ".join(str(exc.orig).splitlines()[:1])
        raise StoreError(
            f"cannot create the database role {role!r}: {reason}; the user was not added",
            f"データベースのロール「{role}」を作成できません: {reason}。ユーザーは追加していません",
        ) from exc
