"""Team mode: claims, change notifications, edit revisions, and (PostgreSQL) access control in the database.

- ``target_claims``: auto-call's leases on targets, shared by every client (``store.claims``).
- ``revision`` on targets and contacts: bumped by every write, so a manager's bulk edit made on
  an old view is refused instead of silently undoing someone else's change (``store.edits``).
- ``users.db_role``: the PostgreSQL role a person connects as.
- Change notifications for live views (``store.watch``): on SQLite, triggers append to
  ``change_log``; on PostgreSQL, triggers ``pg_notify('calllist_changes', …)``.
- PostgreSQL only: the group roles ``calllist_admin`` and ``calllist_operator``, their grants,
  and row-level security policies; ``last_calls`` is kept by a SECURITY DEFINER trigger on
  ``calls`` there, because an operator may not write it directly.

SQLite note: a later migration that rebuilds ``targets``, ``contacts``, ``last_calls`` or
``call_lists`` in batch mode drops their triggers and must create them again.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

WATCHED = {  # table: (list id expression, phone expression) over the row as {row}
    "targets": ("{row}.list_id", "{row}.phone"),
    "contacts": ("NULL", "{row}.phone"),
    "last_calls": ("NULL", "{row}.phone"),
    "call_lists": ("{row}.id", "NULL"),
}
# A new contact is only ever written with its new target (an import), whose row is reported
# already: not reporting contact inserts halves what a 5,000-row import into a new list logs.
EVENTS = {
    "targets": ("INSERT", "UPDATE", "DELETE"),
    "contacts": ("UPDATE", "DELETE"),
    "last_calls": ("INSERT", "UPDATE", "DELETE"),
    "call_lists": ("INSERT", "UPDATE", "DELETE"),
}
PROTECTED = ("users", "call_lists", "contacts", "targets", "last_calls", "calls", "target_claims")
SEQUENCES = ("users_id_seq", "call_lists_id_seq", "calls_id_seq")


def upgrade() -> None:
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(sa.Column("db_role", sa.String(length=100), nullable=True))
        batch_op.create_index(batch_op.f("ix_users_db_role"), ["db_role"], unique=True)
    with op.batch_alter_table("contacts") as batch_op:
        batch_op.add_column(sa.Column("revision", sa.Integer(), server_default="0", nullable=False))
    with op.batch_alter_table("targets") as batch_op:
        batch_op.add_column(sa.Column("revision", sa.Integer(), server_default="0", nullable=False))
    op.create_table(
        "target_claims",
        sa.Column("list_id", sa.Integer(), nullable=False),
        sa.Column("phone", sa.String(length=32), nullable=False),
        sa.Column("holder", sa.String(length=200), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("expires_at", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["list_id", "phone"],
            ["targets.list_id", "targets.phone"],
            name="fk_target_claims_target",
            ondelete="CASCADE",
            onupdate="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_target_claims_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("list_id", "phone", name=op.f("pk_target_claims")),
    )
    op.create_table(
        "change_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(length=20), nullable=False),
        sa.Column("list_id", sa.Integer(), nullable=True),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_log")),
    )
    if op.get_bind().dialect.name == "postgresql":
        _postgresql_upgrade()
    else:
        _sqlite_upgrade()


def _sqlite_upgrade() -> None:
    for table, (list_id, phone) in WATCHED.items():
        for event in EVENTS[table]:
            row = "OLD" if event == "DELETE" else "NEW"
            op.execute(
                f"CREATE TRIGGER change_log_{table}_{event.lower()} AFTER {event} ON {table} BEGIN "
                f"INSERT INTO change_log (table_name, list_id, phone) VALUES "
                f"('{table}', {list_id.format(row=row)}, {phone.format(row=row)}); END"
            )
    # Keep the last ~20,000 changes: a watcher further behind than that reloads everything.
    op.execute(
        "CREATE TRIGGER change_log_prune AFTER INSERT ON change_log WHEN NEW.id % 1000 = 0 "
        "BEGIN DELETE FROM change_log WHERE id <= NEW.id - 20000; END"
    )


def _postgresql_upgrade() -> None:
    op.execute(
        """
        CREATE FUNCTION calllist_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            r jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
        BEGIN
            PERFORM pg_notify('calllist_changes', json_build_object(
                't', TG_TABLE_NAME,
                'l', CASE WHEN TG_TABLE_NAME = 'call_lists' THEN r->'id' ELSE r->'list_id' END,
                'p', r->'phone')::text);
            RETURN NULL;
        END $$
        """
    )
    for table in WATCHED:
        op.execute(
            f"CREATE TRIGGER {table}_notify AFTER {' OR '.join(EVENTS[table])} ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION calllist_notify_change()"
        )
    # The last call of a number follows its call rows in the database itself: an operator may
    # write only their own call rows, and this function (run as the schema's owner) does the rest.
    op.execute(
        """
        CREATE FUNCTION calllist_follow_call() RETURNS trigger LANGUAGE plpgsql
        SECURITY DEFINER SET search_path FROM CURRENT AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                INSERT INTO last_calls AS lc (phone, call_id, direction, outcome, user_id, started_at)
                VALUES (NEW.phone, NEW.id, NEW.direction, NEW.outcome, NEW.user_id, NEW.started_at)
                ON CONFLICT (phone) DO UPDATE SET
                    call_id = EXCLUDED.call_id, direction = EXCLUDED.direction,
                    outcome = EXCLUDED.outcome, user_id = EXCLUDED.user_id,
                    started_at = EXCLUDED.started_at
                WHERE EXCLUDED.started_at >= lc.started_at;
            ELSIF NEW.outcome IS DISTINCT FROM OLD.outcome THEN
                UPDATE last_calls SET outcome = NEW.outcome WHERE phone = NEW.phone AND call_id = NEW.id;
            END IF;
            RETURN NULL;
        END $$
        """
    )
    op.execute(
        "CREATE TRIGGER calls_follow AFTER INSERT OR UPDATE OF outcome ON calls "
        "FOR EACH ROW EXECUTE FUNCTION calllist_follow_call()"
    )
    # Who is acting: the user whose db_role is the connected role (readable whatever the policies).
    op.execute(
        """
        CREATE FUNCTION calllist_user_id(role_name name) RETURNS integer LANGUAGE sql STABLE
        SECURITY DEFINER SET search_path FROM CURRENT AS $$
            SELECT id FROM users WHERE db_role = role_name
        $$
        """
    )
    for role in ("calllist_admin", "calllist_operator"):
        op.execute(
            f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') "
            f"THEN CREATE ROLE {role} NOLOGIN; END IF; END $$"
        )
    tables = ", ".join(PROTECTED)
    op.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {tables}, change_log TO calllist_admin")
    op.execute(f"GRANT USAGE, SELECT, UPDATE ON SEQUENCE {', '.join(SEQUENCES)} TO calllist_admin")
    op.execute("GRANT SELECT ON alembic_version TO calllist_admin, calllist_operator")
    op.execute(f"GRANT SELECT ON {tables} TO calllist_operator")
    op.execute("GRANT UPDATE (excluded, revision) ON targets TO calllist_operator")
    op.execute(
        "GRANT INSERT, UPDATE (outcome, sip_status, answered_at, ended_at, disposition, note) "
        "ON calls TO calllist_operator"
    )
    op.execute("GRANT USAGE ON SEQUENCE calls_id_seq TO calllist_operator")
    op.execute("GRANT INSERT, UPDATE, DELETE ON target_claims TO calllist_operator")
    op.execute("GRANT EXECUTE ON FUNCTION calllist_user_id(name) TO calllist_admin, calllist_operator")

    me = "calllist_user_id(current_user)"
    mine = "phone IN (SELECT phone FROM contacts)"  # contacts' own policy leaves the user's numbers
    policies = [
        ("users", "SELECT", "true", None),
        ("call_lists", "SELECT", "id IN (SELECT list_id FROM targets)", None),
        ("contacts", "SELECT", f"assignee_id = {me}", None),
        ("targets", "SELECT", mine, None),
        ("targets", "UPDATE", mine, mine),
        ("last_calls", "SELECT", mine, None),
        ("calls", "SELECT", f"user_id = {me}", None),
        ("calls", "INSERT", None, f"user_id = {me}"),
        ("calls", "UPDATE", f"user_id = {me}", f"user_id = {me}"),
        ("target_claims", "ALL", mine, f"{mine} AND user_id = {me}"),
    ]
    for table in PROTECTED:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY {table}_admin ON {table} TO calllist_admin USING (true) WITH CHECK (true)")
    for table, command, using, check in policies:
        name = f"{table}_operator_{command.lower()}"
        clauses = (f" USING ({using})" if using else "") + (f" WITH CHECK ({check})" if check else "")
        op.execute(f"CREATE POLICY {name} ON {table} FOR {command} TO calllist_operator{clauses}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in PROTECTED:
            op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
            for name in ("admin", "operator_select", "operator_update", "operator_insert", "operator_all"):
                op.execute(f"DROP POLICY IF EXISTS {table}_{name} ON {table}")
        tables = ", ".join(PROTECTED)
        op.execute(f"REVOKE ALL ON {tables}, change_log, alembic_version FROM calllist_admin, calllist_operator")
        op.execute(f"REVOKE ALL ON SEQUENCE {', '.join(SEQUENCES)} FROM calllist_admin, calllist_operator")
        op.execute("DROP TRIGGER IF EXISTS calls_follow ON calls")
        op.execute("DROP FUNCTION IF EXISTS calllist_follow_call()")
        op.execute("DROP FUNCTION IF EXISTS calllist_user_id(name)")
        for table in WATCHED:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_notify ON {table}")
        op.execute("DROP FUNCTION IF EXISTS calllist_notify_change()")
    else:
        op.execute("DROP TRIGGER IF EXISTS change_log_prune")
        for table in WATCHED:
            # All three events, not EVENTS: a store upgraded by an earlier build of this revision
            # also has a trigger on contact inserts.
            for event in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS change_log_{table}_{event}")
    op.drop_table("change_log")
    op.drop_table("target_claims")
    with op.batch_alter_table("targets") as batch_op:
        batch_op.drop_column("revision")
    with op.batch_alter_table("contacts") as batch_op:
        batch_op.drop_column("revision")
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_index(batch_op.f("ix_users_db_role"))
        batch_op.drop_column("db_role")
