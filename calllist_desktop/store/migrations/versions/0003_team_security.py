"""Team mode made safe: pinned search paths, group roles of this database, call rows and claims
the server vouches for, and a change log that carries no personal data.

PostgreSQL (what 0002 left open, issue 16):

- Every function that runs with its owner's rights (``SECURITY DEFINER``) names its tables with
  their schema and runs with ``search_path = pg_catalog, pg_temp``: an operator's temporary
  ``users`` table no longer decides who ``calllist_user_id(current_user)`` says they are.
  Functions are executable only by this database's group roles (not by ``PUBLIC``).
- The group roles are this database's own: ``calllist_admin_<token>`` and
  ``calllist_operator_<token>``, made here with a fresh random token and named by
  ``calllist_group_role('admin' | 'operator')``. 0002's ``calllist_admin`` and
  ``calllist_operator`` were shared by every database on the server, so an admin of one team's
  database was admin in every other; they lose every right in this database (they are left to
  the other databases that may still use them). A random token rather than one derived from the
  database's name or oid: a database dropped and created again under the same name (or given
  the oid of a dropped one) must not inherit the dropped one's roles and their members.
- Call rows: an operator may insert only their own, only for a target of a list assigned to
  them, or with no list when dialled by hand (``calls.hand_dialled``) or inbound. A trigger sets
  their start to the server's clock and keeps their other times between the start and the
  server's now; a finished call's outcome and times stay as they were (its wrap-up may change).
- Claims: an operator's claim lasts at most ``MAX_CLAIM_TTL`` seconds by the server's clock.
- Change log: statement-level triggers with transition tables append ``(table, list, phone,
  user)`` rows to ``change_log`` (one row for a whole list when a statement changed more than
  ``MAX_PHONES`` of its numbers) and ``NOTIFY calllist_changes`` with the newest row's id only.
  Row-level security shows an operator only the rows about their own numbers. ``xid`` (the
  writing transaction) lets a watcher find rows that committed after rows with higher ids
  (``store.watch``).

SQLite: the per-row trigger logging target inserts goes (it was most of what change logging
cost a 5,000-row import; SQLite has no statement-level triggers): the import logs its new
targets itself (``store.watch.log_new_targets``).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06
"""

from __future__ import annotations

import importlib
import secrets

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

PROTECTED = ("users", "call_lists", "contacts", "targets", "last_calls", "calls", "target_claims", "change_log")
SEQUENCES = ("users_id_seq", "call_lists_id_seq", "calls_id_seq")
# Tables whose changes are logged, and the events (contact inserts come with their target's).
LOGGED = {
    "targets": ("INSERT", "UPDATE", "DELETE"),
    "contacts": ("UPDATE", "DELETE"),
    "last_calls": ("INSERT", "UPDATE", "DELETE"),
    "call_lists": ("INSERT", "UPDATE", "DELETE"),
}
MAX_PHONES = 300  # as store.watch.MAX_PHONES: more numbers of one list in a statement log the list
KEEP_CHANGES = 20000  # log rows kept; a watcher further behind re-reads everything
MAX_CLAIM_TTL = 300  # seconds (auto-call asks for 90 and renews every 30)
SAFE_PATH = "SET search_path = pg_catalog, pg_temp"
CALLABLE = (  # functions the group roles call (in policies, triggers run as them, or directly)
    "calllist_user_id(name)",
    "calllist_group_role(text)",
    "calllist_is_manager()",
    "calllist_change_log_bounds()",
)


def upgrade() -> None:
    with op.batch_alter_table("calls") as batch_op:
        batch_op.add_column(sa.Column("hand_dialled", sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table("change_log") as batch_op:
        batch_op.add_column(sa.Column("user_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("xid", sa.BigInteger(), nullable=True))
        batch_op.create_index(batch_op.f("ix_change_log_xid"), ["xid"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        _postgresql_upgrade()
    else:
        op.execute("DROP TRIGGER IF EXISTS change_log_targets_insert")


def _schema() -> str:
    """The schema the store lives in, quoted for SQL (every name in a function is qualified)."""
    bind = op.get_bind()
    return str(bind.dialect.identifier_preparer.quote_identifier(bind.scalar(sa.text("SELECT current_schema()"))))


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _new_group_names() -> tuple[str, str]:
    """``calllist_admin_<token>``, ``calllist_operator_<token>``: names no role has yet."""
    bind = op.get_bind()
    while True:
        token = secrets.token_hex(4)
        names = (f"calllist_admin_{token}", f"calllist_operator_{token}")
        taken = bind.scalar(sa.text("SELECT count(*) FROM pg_roles WHERE rolname = ANY(:n)"), {"n": list(names)})
        if not taken:
            return names


def _postgresql_upgrade() -> None:
    s = _schema()
    admin, operator = _new_group_names()
    database = op.get_bind().scalar(sa.text("SELECT current_database()"))
    for role, job in ((admin, "managers"), (operator, "operators")):
        op.execute(f"CREATE ROLE {role} NOLOGIN")
        op.execute(f"COMMENT ON ROLE {role} IS {_literal(f'CallList {job} of the database {database}')}")
    op.execute(
        f"""
        CREATE FUNCTION {s}.calllist_group_role(job text) RETURNS name LANGUAGE sql IMMUTABLE
        {SAFE_PATH} AS $$
            SELECT CASE job WHEN 'admin' THEN {_literal(admin)}::name WHEN 'operator' THEN {_literal(operator)}::name END
        $$
        """
    )
    # The people of this database move to its own groups (0002's shared ones keep their members:
    # other databases may still use them, and here they no longer grant anything).
    op.execute(
        f"""
        DO $$ DECLARE r record; BEGIN
            FOR r IN SELECT u.db_role, u.role FROM {s}.users u JOIN pg_catalog.pg_roles p ON p.rolname = u.db_role LOOP
                EXECUTE format('GRANT %I TO %I', CASE WHEN r.role = 'admin' THEN {_literal(admin)} ELSE {_literal(operator)} END, r.db_role);
            END LOOP;
        END $$
        """
    )
    _drop_0002_access(s)
    _functions(s)
    _grants(s, admin, operator)
    _policies(s, admin, operator)


def _drop_0002_access(s: str) -> None:
    """0002's policies, its grants to the shared groups, and its per-row notifications."""
    for table in PROTECTED:
        for name in ("admin", "operator_select", "operator_update", "operator_insert", "operator_all"):
            op.execute(f"DROP POLICY IF EXISTS {table}_{name} ON {s}.{table}")
    tables = ", ".join(f"{s}.{table}" for table in PROTECTED)
    sequences = ", ".join(f"{s}.{name}" for name in SEQUENCES)
    for group in ("calllist_admin", "calllist_operator"):
        op.execute(
            f"DO $$ BEGIN IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = '{group}') THEN "
            f"REVOKE ALL ON {tables}, {s}.alembic_version FROM {group}; "
            f"REVOKE ALL ON SEQUENCE {sequences} FROM {group}; "
            f"REVOKE ALL ON FUNCTION {s}.calllist_user_id(name) FROM {group}; "
            "END IF; END $$"
        )
    for table in LOGGED:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_notify ON {s}.{table}")
    op.execute(f"DROP FUNCTION IF EXISTS {s}.calllist_notify_change()")


def _functions(s: str) -> None:
    # Who is acting: the user whose db_role is the connected role.
    op.execute(
        f"""
        CREATE OR REPLACE FUNCTION {s}.calllist_user_id(role_name name) RETURNS integer LANGUAGE sql STABLE
        SECURITY DEFINER {SAFE_PATH} AS $$
            SELECT id FROM {s}.users WHERE db_role = role_name
        $$
        """
    )
    # The last call of a number follows its call rows (operators may not write last_calls).
    op.execute(
        f"""
        CREATE OR REPLACE FUNCTION {s}.calllist_follow_call() RETURNS trigger LANGUAGE plpgsql
        SECURITY DEFINER {SAFE_PATH} AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                INSERT INTO {s}.last_calls AS lc (phone, call_id, direction, outcome, user_id, started_at)
                VALUES (NEW.phone, NEW.id, NEW.direction, NEW.outcome, NEW.user_id, NEW.started_at)
                ON CONFLICT (phone) DO UPDATE SET
                    call_id = EXCLUDED.call_id, direction = EXCLUDED.direction,
                    outcome = EXCLUDED.outcome, user_id = EXCLUDED.user_id,
                    started_at = EXCLUDED.started_at
                WHERE EXCLUDED.started_at >= lc.started_at;
            ELSIF NEW.outcome IS DISTINCT FROM OLD.outcome THEN
                UPDATE {s}.last_calls SET outcome = NEW.outcome WHERE phone = NEW.phone AND call_id = NEW.id;
            END IF;
            RETURN NULL;
        END $$
        """
    )
    # A manager: a member of this database's admin group, or of the role owning the tables (the
    # one that runs upgrades; superusers are members of every role). Everyone else is held to
    # the server's clock below.
    op.execute(
        f"""
        CREATE FUNCTION {s}.calllist_is_manager() RETURNS boolean LANGUAGE sql STABLE {SAFE_PATH} AS $$
            SELECT pg_has_role(current_user, {s}.calllist_group_role('admin'), 'MEMBER')
                OR pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = '{s}.users'::regclass), 'MEMBER')
        $$
        """
    )
    op.execute(
        f"""
        CREATE FUNCTION {s}.calllist_guard_call() RETURNS trigger LANGUAGE plpgsql {SAFE_PATH} AS $$
        DECLARE
            server_now timestamptz := clock_timestamp();
        BEGIN
            IF {s}.calllist_is_manager() THEN
                RETURN NEW;
            END IF;
            IF TG_OP = 'INSERT' THEN
                NEW.started_at := server_now;
            ELSIF OLD.outcome IS NOT NULL THEN  -- finished: only the wrap-up (disposition, note) changes
                NEW.outcome := OLD.outcome;
                NEW.sip_status := OLD.sip_status;
                NEW.answered_at := OLD.answered_at;
                NEW.ended_at := OLD.ended_at;
            ELSE
                IF NEW.outcome IS NOT NULL OR NEW.ended_at IS NOT NULL THEN
                    NEW.ended_at := least(greatest(coalesce(NEW.ended_at, server_now), NEW.started_at), server_now);
                END IF;
                IF NEW.answered_at IS NOT NULL THEN
                    NEW.answered_at := least(greatest(NEW.answered_at, NEW.started_at), coalesce(NEW.ended_at, server_now));
                END IF;
            END IF;
            RETURN NEW;
        END $$
        """
    )
    op.execute(
        f"CREATE TRIGGER calls_guard BEFORE INSERT OR UPDATE ON {s}.calls "
        f"FOR EACH ROW EXECUTE FUNCTION {s}.calllist_guard_call()"
    )
    op.execute(
        f"""
        CREATE FUNCTION {s}.calllist_guard_claim() RETURNS trigger LANGUAGE plpgsql {SAFE_PATH} AS $$
        BEGIN
            IF NOT {s}.calllist_is_manager() THEN
                NEW.expires_at := least(NEW.expires_at, extract(epoch FROM clock_timestamp()) + {MAX_CLAIM_TTL});
            END IF;
            RETURN NEW;
        END $$
        """
    )
    op.execute(
        f"CREATE TRIGGER target_claims_guard BEFORE INSERT OR UPDATE ON {s}.target_claims "
        f"FOR EACH ROW EXECUTE FUNCTION {s}.calllist_guard_claim()"
    )
    _change_log(s)


def _changed_rows(s: str, table: str, rows: str) -> str:
    """``(list_id, phone, user_id)`` of the rows in the transition table ``rows``; ``user_id``
    is the operator the change concerns (the number's assignee), whom row-level security lets
    read it."""
    if table == "call_lists":
        return f"SELECT r.id AS list_id, NULL::varchar AS phone, NULL::integer AS user_id FROM {rows} r"
    if table == "contacts":
        return f"SELECT NULL::integer AS list_id, r.phone, r.assignee_id AS user_id FROM {rows} r"
    list_id = "r.list_id" if table == "targets" else "NULL::integer"
    return (
        f"SELECT {list_id} AS list_id, r.phone, c.assignee_id AS user_id "
        f"FROM {rows} r LEFT JOIN {s}.contacts c ON c.phone = r.phone"
    )


def _change_log(s: str) -> None:
    for table, events in LOGGED.items():
        sources = {
            "INSERT": _changed_rows(s, table, "new_rows"),
            # Both sides: a number given to someone else concerns its old and its new assignee.
            "UPDATE": f"{_changed_rows(s, table, 'new_rows')} UNION {_changed_rows(s, table, 'old_rows')}",
            "DELETE": _changed_rows(s, table, "old_rows"),
        }
        branches = "\n".join(
            f"""
            {'IF' if index == 0 else 'ELSIF'} TG_OP = '{event}' THEN
                WITH changed AS ({sources[event]}),
                counted AS (SELECT *, count(*) OVER (PARTITION BY list_id) > {MAX_PHONES} AS many FROM changed),
                logged AS (
                    INSERT INTO {s}.change_log (table_name, list_id, phone, user_id, xid)
                    SELECT DISTINCT '{table}', list_id, CASE WHEN many THEN NULL ELSE phone END,
                           CASE WHEN many THEN NULL ELSE user_id END, pg_current_xact_id()::text::bigint
                    FROM counted
                    RETURNING id
                )
                SELECT min(id), max(id) INTO first_id, last_id FROM logged;"""
            for index, event in enumerate(events)
        )
        op.execute(
            f"""
            CREATE FUNCTION {s}.calllist_log_{table}() RETURNS trigger LANGUAGE plpgsql
            SECURITY DEFINER {SAFE_PATH} AS $$
            DECLARE
                first_id bigint;
                last_id bigint;
            BEGIN
                {branches}
                END IF;
                IF last_id IS NOT NULL THEN
                    PERFORM pg_notify('calllist_changes', last_id::text);
                    IF last_id / 1000 <> (first_id - 1) / 1000 THEN
                        DELETE FROM {s}.change_log WHERE id <= last_id - {KEEP_CHANGES};
                    END IF;
                END IF;
                RETURN NULL;
            END $$
            """
        )
        for event in events:
            referencing = {
                "INSERT": "NEW TABLE AS new_rows",
                "UPDATE": "NEW TABLE AS new_rows OLD TABLE AS old_rows",
                "DELETE": "OLD TABLE AS old_rows",
            }[event]
            op.execute(
                f"CREATE TRIGGER {table}_log_{event.lower()} AFTER {event} ON {s}.{table} "
                f"REFERENCING {referencing} FOR EACH STATEMENT EXECUTE FUNCTION {s}.calllist_log_{table}()"
            )
    # Where the log starts and ends, and the oldest transaction still running: what a watcher
    # needs to know whether it missed anything, with none of the rows it may not read.
    op.execute(
        f"""
        CREATE FUNCTION {s}.calllist_change_log_bounds(OUT first_id bigint, OUT last_id bigint, OUT xmin bigint)
        LANGUAGE sql STABLE SECURITY DEFINER {SAFE_PATH} AS $$
            SELECT min(id), max(id), pg_snapshot_xmin(pg_current_snapshot())::text::bigint FROM {s}.change_log
        $$
        """
    )


def _functions_of_this_migration(s: str) -> list[str]:
    logs = [f"{s}.calllist_log_{table}()" for table in LOGGED]
    return [
        f"{s}.calllist_follow_call()",
        f"{s}.calllist_guard_call()",
        f"{s}.calllist_guard_claim()",
        *logs,
        *(f"{s}.{signature}" for signature in CALLABLE),
    ]


def _grants(s: str, admin: str, operator: str) -> None:
    def on(*tables: str) -> str:
        return ", ".join(f"{s}.{table}" for table in tables)

    data = [table for table in PROTECTED if table != "change_log"]
    op.execute(f"REVOKE ALL ON FUNCTION {', '.join(_functions_of_this_migration(s))} FROM PUBLIC")
    op.execute(f"GRANT EXECUTE ON FUNCTION {', '.join(f'{s}.{f}' for f in CALLABLE)} TO {admin}, {operator}")
    op.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {on(*data)} TO {admin}")
    op.execute(f"GRANT USAGE, SELECT, UPDATE ON SEQUENCE {on(*SEQUENCES)} TO {admin}")
    op.execute(f"GRANT SELECT ON {on(*PROTECTED, 'alembic_version')} TO {admin}, {operator}")
    op.execute(f"GRANT UPDATE (excluded, revision) ON {s}.targets TO {operator}")
    op.execute(f"GRANT INSERT (phone, list_id, user_id, direction, started_at, hand_dialled) ON {s}.calls TO {operator}")
    op.execute(
        f"GRANT UPDATE (outcome, sip_status, answered_at, ended_at, disposition, note) ON {s}.calls TO {operator}"
    )
    op.execute(f"GRANT USAGE ON SEQUENCE {s}.calls_id_seq TO {operator}")
    op.execute(f"GRANT INSERT, UPDATE, DELETE ON {s}.target_claims TO {operator}")


def _policies(s: str, admin: str, operator: str) -> None:
    me = f"(SELECT {s}.calllist_user_id(current_user))"
    mine = f"phone IN (SELECT phone FROM {s}.contacts)"  # contacts' own policy leaves the user's numbers
    not_from_a_list = "list_id IS NULL AND (hand_dialled OR direction = 'inbound')"
    assigned_target = (
        f"list_id IS NOT NULL AND NOT hand_dialled AND EXISTS (SELECT FROM {s}.targets t "
        f"JOIN {s}.contacts c ON c.phone = t.phone "
        f"WHERE t.list_id = calls.list_id AND t.phone = calls.phone AND c.assignee_id = {me})"
    )
    policies = [
        ("users", "SELECT", "true", None),
        ("call_lists", "SELECT", f"id IN (SELECT list_id FROM {s}.targets)", None),
        ("contacts", "SELECT", f"assignee_id = {me}", None),
        ("targets", "SELECT", mine, None),
        ("targets", "UPDATE", mine, mine),
        ("last_calls", "SELECT", mine, None),
        ("calls", "SELECT", f"user_id = {me}", None),
        ("calls", "INSERT", None, f"user_id = {me} AND (({not_from_a_list}) OR ({assigned_target}))"),
        ("calls", "UPDATE", f"user_id = {me}", f"user_id = {me}"),
        ("target_claims", "ALL", mine, f"{mine} AND user_id = {me}"),
        ("change_log", "SELECT", f"phone IS NULL OR user_id = {me}", None),
    ]
    for table in PROTECTED:
        op.execute(f"ALTER TABLE {s}.{table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY {table}_admin ON {s}.{table} TO {admin} USING (true) WITH CHECK (true)")
    for table, command, using, check in policies:
        name = f"{table}_operator_{command.lower()}"
        clauses = (f" USING ({using})" if using else "") + (f" WITH CHECK ({check})" if check else "")
        op.execute(f"CREATE POLICY {name} ON {s}.{table} FOR {command} TO {operator}{clauses}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _postgresql_downgrade()
    else:
        op.execute(
            "CREATE TRIGGER change_log_targets_insert AFTER INSERT ON targets BEGIN "
            "INSERT INTO change_log (table_name, list_id, phone) VALUES ('targets', NEW.list_id, NEW.phone); END"
        )
    # Plain ALTER TABLE … DROP COLUMN (SQLite 3.35+), not a batch rebuild: rebuilding change_log
    # would break the SQLite triggers that write it.
    op.drop_index(op.f("ix_change_log_xid"), table_name="change_log")
    op.drop_column("change_log", "xid")
    op.drop_column("change_log", "user_id")
    op.drop_column("calls", "hand_dialled")


def _postgresql_downgrade() -> None:
    """Back to 0002 as 0002 made it (its shared group roles included), this database's groups dropped."""
    s = _schema()
    bind = op.get_bind()
    admin, operator = bind.execute(
        sa.text(f"SELECT {s}.calllist_group_role('admin'), {s}.calllist_group_role('operator')")
    ).one()
    for table in PROTECTED:
        for name in ("admin", "operator_select", "operator_update", "operator_insert", "operator_all"):
            op.execute(f"DROP POLICY IF EXISTS {table}_{name} ON {s}.{table}")
    op.execute(f"ALTER TABLE {s}.change_log DISABLE ROW LEVEL SECURITY")
    for table, events in LOGGED.items():
        for event in events:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_log_{event.lower()} ON {s}.{table}")
    op.execute(f"DROP TRIGGER IF EXISTS calls_guard ON {s}.calls")
    op.execute(f"DROP TRIGGER IF EXISTS target_claims_guard ON {s}.target_claims")
    op.execute(f"DROP TRIGGER IF EXISTS calls_follow ON {s}.calls")
    for function in _functions_of_this_migration(s):
        op.execute(f"DROP FUNCTION IF EXISTS {function}")
    for kind in ("TABLES", "SEQUENCES"):
        op.execute(f"REVOKE ALL ON ALL {kind} IN SCHEMA {s} FROM {admin}, {operator}")
    op.execute(f"DROP ROLE {admin}")
    op.execute(f"DROP ROLE {operator}")
    team_mode = importlib.import_module("calllist_desktop.store.migrations.versions.0002_team_mode")
    team_mode._postgresql_upgrade()
    op.execute(
        f"""
        DO $$ DECLARE r record; BEGIN
            FOR r IN SELECT u.db_role, u.role FROM {s}.users u JOIN pg_catalog.pg_roles p ON p.rolname = u.db_role LOOP
                IF r.role = 'admin' THEN
                    EXECUTE format('GRANT calllist_admin TO %I', r.db_role);
                ELSE
                    EXECUTE format('GRANT calllist_operator TO %I', r.db_role);
                END IF;
            END LOOP;
        END $$
        """
    )
