"""Analytics (issue 15, SPEC §10): the index reports read calls by, and the team board's presence.

- ``ix_calls_started`` (``calls.started_at``): a report over a date range, and the board's calls
  of today, read only the calls of that range (``store.report``, ``store.presence``).
- ``presence``: one row per running client — who is signed in, on which call since when, running
  auto-call on which list — with ``seen_at``, the client's last heartbeat, so that the row of a
  client that crashed goes stale (``models.Presence``).

PostgreSQL:

- Row-level security: an operator sees and writes only their own rows; managers see all. A
  trigger sets ``seen_at`` to the server's clock on every write (a client cannot keep a row fresh
  by sending a time in the future), keeps ``signed_in_at`` of an existing row, and keeps the
  start of a call no later than the server's now.
- Change log: a statement trigger logs ``('presence', NULL list, NULL phone, user)`` rows and
  notifies, as migration 0003's do, so a manager's board follows live. The operators' policy on
  ``change_log`` is narrowed so that an operator does not see others' presence news (0003's
  policy showed every row without a phone to everyone).

SQLite: row triggers log presence changes the same way.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from calllist_desktop.store.types import UTCDateTime

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

KEEP_CHANGES = 20000  # as migration 0003
SAFE_PATH = "SET search_path = pg_catalog, pg_temp"
CHANGE_LOG_OPERATOR_0003 = "phone IS NULL OR user_id = {me}"
CHANGE_LOG_OPERATOR_0007 = "(phone IS NULL AND table_name <> 'presence') OR user_id = {me}"


def upgrade() -> None:
    # Not through a batch (a rebuild of calls on SQLite would drop its triggers): a plain index.
    op.create_index("ix_calls_started", "calls", ["started_at"], unique=False)
    op.create_table(
        "presence",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.String(length=100), nullable=False),
        sa.Column("signed_in_at", UTCDateTime(), nullable=False),
        sa.Column("seen_at", UTCDateTime(), nullable=False),
        sa.Column("call_phone", sa.String(length=32), nullable=True),
        sa.Column("on_call_since", UTCDateTime(), nullable=True),
        sa.Column("autocall_list_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_presence_user_id_users"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["autocall_list_id"],
            ["call_lists.id"],
            name=op.f("fk_presence_autocall_list_id_call_lists"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("user_id", "client_id", name=op.f("pk_presence")),
    )
    if op.get_bind().dialect.name == "postgresql":
        _postgresql_upgrade()
    else:
        for event in ("INSERT", "UPDATE", "DELETE"):
            row = "OLD" if event == "DELETE" else "NEW"
            op.execute(
                f"CREATE TRIGGER change_log_presence_{event.lower()} AFTER {event} ON presence BEGIN "
                f"INSERT INTO change_log (table_name, list_id, phone, user_id) VALUES "
                f"('presence', NULL, NULL, {row}.user_id); END"
            )


def _schema() -> str:
    bind = op.get_bind()
    return str(
        bind.dialect.identifier_preparer.quote_identifier(bind.scalar(sa.text("SELECT current_schema()")))
    )


def _groups(s: str) -> tuple[str, str]:
    admin, operator = (
        op.get_bind()
        .execute(sa.text(f"SELECT {s}.calllist_group_role('admin'), {s}.calllist_group_role('operator')"))
        .one()
    )
    return str(admin), str(operator)


def _postgresql_upgrade() -> None:
    s = _schema()
    admin, operator = _groups(s)
    me = f"(SELECT {s}.calllist_user_id(current_user))"
    op.execute(
        f"""
        CREATE FUNCTION {s}.calllist_guard_presence() RETURNS trigger LANGUAGE plpgsql {SAFE_PATH} AS $$
        DECLARE
            server_now timestamptz := clock_timestamp();
        BEGIN
            NEW.seen_at := server_now;
            IF TG_OP = 'INSERT' THEN
                NEW.signed_in_at := server_now;
            ELSE
                NEW.signed_in_at := OLD.signed_in_at;
            END IF;
            IF NEW.on_call_since IS NOT NULL THEN
                NEW.on_call_since := least(NEW.on_call_since, server_now);
            END IF;
            RETURN NEW;
        END $$
        """
    )
    op.execute(
        f"CREATE TRIGGER presence_guard BEFORE INSERT OR UPDATE ON {s}.presence "
        f"FOR EACH ROW EXECUTE FUNCTION {s}.calllist_guard_presence()"
    )
    sources = {
        "INSERT": "SELECT user_id FROM new_rows",
        "UPDATE": "SELECT user_id FROM new_rows UNION SELECT user_id FROM old_rows",
        "DELETE": "SELECT user_id FROM old_rows",
    }
    branches = "\n".join(
        f"""
        {"IF" if index == 0 else "ELSIF"} TG_OP = '{event}' THEN
            WITH logged AS (
                INSERT INTO {s}.change_log (table_name, list_id, phone, user_id, xid)
                SELECT DISTINCT 'presence', NULL::integer, NULL::varchar, user_id, pg_current_xact_id()::text::bigint
                FROM ({source}) changed
                RETURNING id
            )
            SELECT min(id), max(id) INTO first_id, last_id FROM logged;"""
        for index, (event, source) in enumerate(sources.items())
    )
    op.execute(
        f"""
        CREATE FUNCTION {s}.calllist_log_presence() RETURNS trigger LANGUAGE plpgsql
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
    for event, referencing in (
        ("INSERT", "NEW TABLE AS new_rows"),
        ("UPDATE", "NEW TABLE AS new_rows OLD TABLE AS old_rows"),
        ("DELETE", "OLD TABLE AS old_rows"),
    ):
        op.execute(
            f"CREATE TRIGGER presence_log_{event.lower()} AFTER {event} ON {s}.presence "
            f"REFERENCING {referencing} FOR EACH STATEMENT EXECUTE FUNCTION {s}.calllist_log_presence()"
        )
    op.execute(
        f"REVOKE ALL ON FUNCTION {s}.calllist_guard_presence(), {s}.calllist_log_presence() FROM PUBLIC"
    )
    op.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {s}.presence TO {admin}, {operator}")
    op.execute(f"ALTER TABLE {s}.presence ENABLE ROW LEVEL SECURITY")
    op.execute(f"CREATE POLICY presence_admin ON {s}.presence TO {admin} USING (true) WITH CHECK (true)")
    op.execute(
        f"CREATE POLICY presence_operator_all ON {s}.presence FOR ALL TO {operator} "
        f"USING (user_id = {me}) WITH CHECK (user_id = {me})"
    )
    _change_log_policy(s, operator, CHANGE_LOG_OPERATOR_0007.format(me=me))


def _change_log_policy(s: str, operator: str, using: str) -> None:
    op.execute(f"DROP POLICY IF EXISTS change_log_operator_select ON {s}.change_log")
    op.execute(
        f"CREATE POLICY change_log_operator_select ON {s}.change_log FOR SELECT TO {operator} USING ({using})"
    )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        s = _schema()
        _admin, operator = _groups(s)
        me = f"(SELECT {s}.calllist_user_id(current_user))"
        _change_log_policy(s, operator, CHANGE_LOG_OPERATOR_0003.format(me=me))
        op.drop_table("presence")  # its triggers and policies go with it
        op.execute(f"DROP FUNCTION IF EXISTS {s}.calllist_log_presence()")
        op.execute(f"DROP FUNCTION IF EXISTS {s}.calllist_guard_presence()")
    else:
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS change_log_presence_{event}")
        op.drop_table("presence")
    op.drop_index("ix_calls_started", table_name="calls")
