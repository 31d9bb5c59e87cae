"""Campaign rules, callbacks, the do-not-call list, dispositions and notes (issue 14, SPEC §9).

New tables: ``list_rules`` (one row per list with rules; none: the defaults), ``target_attempts``
(each target's outbound calls from its list summed up, derived from ``calls`` as ``last_calls``
is, filled here from the calls made so far), ``callbacks``, ``do_not_call``, ``dispositions``,
``contact_notes``. The dispositions start with the words the wrap-up offered so far
(``STARTING_DISPOSITIONS``), which managers may change.

PostgreSQL (as 0003 and 0005 do it, with this database's group roles):

- ``list_rules``, ``do_not_call``, ``dispositions``: everyone reads, only managers write.
- ``target_attempts``: written only by the trigger on ``calls`` (``SECURITY DEFINER``); an
  operator reads the rows of their own numbers. The same trigger puts a number on the
  do-not-call list when its call gets a disposition that says so (an operator cannot write
  the list themselves).
- ``callbacks``: an operator sees and changes those for themselves, those they made, and those
  for anyone on their own numbers; they add them only as themselves, on their own numbers.
- ``contact_notes``: an operator reads the notes of their numbers and their own, and adds
  their own on their numbers.
- ``calls``: an operator now also reads the calls of the numbers assigned to them (a number's
  history, SPEC §9), not only their own.
- Changes to the new shared tables are logged per statement as ``(table, NULL, NULL)`` (no
  personal data: every client may read them) with ``NOTIFY``, so views follow them live.

SQLite: row triggers log the same; ``store.calls`` keeps ``target_attempts``.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

SAFE_PATH = "SET search_path = pg_catalog, pg_temp"
LOGGED = ("list_rules", "callbacks", "do_not_call", "dispositions", "contact_notes")
# The wrap-up's words so far (ui.autocall_bar.DISPOSITIONS_JA), now a vocabulary managers keep;
# the last one puts the number on the do-not-call list.
STARTING_DISPOSITIONS = (
    ("再架電", False, False),
    ("資料送付", False, False),
    ("アポイント獲得", True, False),
    ("担当者不在", False, False),
    ("不要", True, False),
    ("今後の発信お断り", True, True),
)
NEW_TABLES = ("list_rules", "target_attempts", "callbacks", "do_not_call", "dispositions", "contact_notes")


def _now() -> sa.sql.elements.TextClause:
    return sa.text("CURRENT_TIMESTAMP")


def upgrade() -> None:
    op.create_table(
        "list_rules",
        sa.Column("list_id", sa.Integer(), nullable=False),
        sa.Column("max_attempts", sa.Integer(), nullable=True),
        sa.Column("retry_delays", sa.JSON(), nullable=False),
        sa.Column("ending_outcomes", sa.JSON(), nullable=False),
        sa.Column("hours_start", sa.String(length=8), nullable=True),
        sa.Column("hours_end", sa.String(length=8), nullable=True),
        sa.Column("days", sa.JSON(), nullable=True),
        sa.Column("call_on_holidays", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("time_zone", sa.String(length=64), server_default="Asia/Tokyo", nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=_now(), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["list_id"], ["call_lists.id"], name=op.f("fk_list_rules_list_id_call_lists"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["updated_by"], ["users.id"], name=op.f("fk_list_rules_updated_by_users"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("list_id", name=op.f("pk_list_rules")),
    )
    op.create_table(
        "target_attempts",
        sa.Column("list_id", sa.Integer(), nullable=False),
        sa.Column("phone", sa.String(length=32), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_call_id", sa.Integer(), nullable=True),
        sa.Column("last_outcome", sa.String(length=20), nullable=True),
        sa.Column("last_started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_disposition", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(["list_id"], ["call_lists.id"], name=op.f("fk_target_attempts_list_id_call_lists"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("list_id", "phone", name=op.f("pk_target_attempts")),
    )
    op.create_table(
        "callbacks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("list_id", sa.Integer(), nullable=True),
        sa.Column("phone", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=_now(), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("done_call_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["list_id"], ["call_lists.id"], name=op.f("fk_callbacks_list_id_call_lists"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_callbacks_user_id_users"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"], name=op.f("fk_callbacks_created_by_users"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_callbacks")),
    )
    op.create_index("ix_callbacks_open", "callbacks", ["done_at", "due_at"])
    op.create_index("ix_callbacks_phone", "callbacks", ["phone", "list_id"])
    op.create_table(
        "do_not_call",
        sa.Column("phone", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), server_default=_now(), nullable=False),
        sa.Column("added_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["added_by"], ["users.id"], name=op.f("fk_do_not_call_added_by_users"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("phone", name=op.f("pk_do_not_call")),
    )
    op.create_table(
        "dispositions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("ends_target", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("blocks_number", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("position", sa.Integer(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dispositions")),
        sa.UniqueConstraint("name", name=op.f("uq_dispositions_name")),
    )
    op.create_table(
        "contact_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("phone", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=_now(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_contact_notes_user_id_users"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_notes")),
    )
    op.create_index(op.f("ix_contact_notes_phone"), "contact_notes", ["phone"])
    _fill_target_attempts()
    dispositions = sa.table(
        "dispositions",
        sa.column("name", sa.String()),
        sa.column("ends_target", sa.Boolean()),
        sa.column("blocks_number", sa.Boolean()),
        sa.column("position", sa.Integer()),
    )
    op.bulk_insert(
        dispositions,
        [
            {"name": name, "ends_target": ends, "blocks_number": blocks, "position": position}
            for position, (name, ends, blocks) in enumerate(STARTING_DISPOSITIONS, start=1)
        ],
    )
    if op.get_bind().dialect.name == "postgresql":
        _postgresql_upgrade()
    else:
        for table in LOGGED:
            for event in ("INSERT", "UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER change_log_{table}_{event.lower()} AFTER {event} ON {table} BEGIN "
                    f"INSERT INTO change_log (table_name, list_id, phone) VALUES ('{table}', NULL, NULL); END"
                )


def _fill_target_attempts() -> None:
    """Every target's outbound calls made so far (the same as ``store.calls.rebuild_target_attempts``)."""
    op.execute(
        """
        INSERT INTO target_attempts (list_id, phone, attempts, last_call_id, last_outcome, last_started_at,
                                     last_ended_at, last_disposition)
        SELECT list_id, phone, attempts, id, outcome, started_at, ended_at, disposition FROM (
            SELECT list_id, phone, id, outcome, started_at, ended_at, disposition,
                   count(*) OVER (PARTITION BY list_id, phone) AS attempts,
                   row_number() OVER (PARTITION BY list_id, phone ORDER BY started_at DESC, id DESC) AS rank
            FROM calls WHERE list_id IS NOT NULL AND direction = 'outbound'
        ) ranked WHERE rank = 1
        """
    )


def _postgresql_upgrade() -> None:
    bind = op.get_bind()
    s = bind.dialect.identifier_preparer.quote_identifier(bind.scalar(sa.text("SELECT current_schema()")))
    # target_attempts (and a blocking disposition's do-not-call entry) follow the call rows.
    op.execute(
        f"""
        CREATE FUNCTION {s}.calllist_follow_attempts() RETURNS trigger LANGUAGE plpgsql
        SECURITY DEFINER {SAFE_PATH} AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                IF NEW.list_id IS NOT NULL AND NEW.direction = 'outbound' THEN
                    INSERT INTO {s}.target_attempts AS ta (list_id, phone, attempts, last_call_id, last_outcome,
                                                            last_started_at, last_ended_at, last_disposition)
                    VALUES (NEW.list_id, NEW.phone, 1, NEW.id, NEW.outcome, NEW.started_at, NEW.ended_at, NEW.disposition)
                    ON CONFLICT (list_id, phone) DO UPDATE SET
                        attempts = ta.attempts + 1,
                        last_call_id = CASE WHEN EXCLUDED.last_started_at >= ta.last_started_at OR ta.last_started_at IS NULL
                                            THEN EXCLUDED.last_call_id ELSE ta.last_call_id END,
                        last_outcome = CASE WHEN EXCLUDED.last_started_at >= ta.last_started_at OR ta.last_started_at IS NULL
                                            THEN EXCLUDED.last_outcome ELSE ta.last_outcome END,
                        last_ended_at = CASE WHEN EXCLUDED.last_started_at >= ta.last_started_at OR ta.last_started_at IS NULL
                                             THEN EXCLUDED.last_ended_at ELSE ta.last_ended_at END,
                        last_disposition = CASE WHEN EXCLUDED.last_started_at >= ta.last_started_at OR ta.last_started_at IS NULL
                                                THEN EXCLUDED.last_disposition ELSE ta.last_disposition END,
                        last_started_at = greatest(EXCLUDED.last_started_at, ta.last_started_at);
                END IF;
            ELSE
                IF NEW.list_id IS NOT NULL AND (NEW.outcome IS DISTINCT FROM OLD.outcome
                        OR NEW.ended_at IS DISTINCT FROM OLD.ended_at OR NEW.disposition IS DISTINCT FROM OLD.disposition) THEN
                    UPDATE {s}.target_attempts SET last_outcome = NEW.outcome, last_ended_at = NEW.ended_at,
                                                   last_disposition = NEW.disposition
                    WHERE list_id = NEW.list_id AND phone = NEW.phone AND last_call_id = NEW.id;
                END IF;
                IF NEW.disposition IS DISTINCT FROM OLD.disposition AND EXISTS (
                        SELECT FROM {s}.dispositions d WHERE d.name = NEW.disposition AND d.blocks_number) THEN
                    INSERT INTO {s}.do_not_call (phone, reason, added_at, added_by)
                    VALUES (NEW.phone, NEW.disposition, clock_timestamp(), NEW.user_id)
                    ON CONFLICT (phone) DO NOTHING;
                END IF;
            END IF;
            RETURN NULL;
        END $$
        """
    )
    op.execute(
        f"CREATE TRIGGER calls_follow_attempts AFTER INSERT OR UPDATE ON {s}.calls "
        f"FOR EACH ROW EXECUTE FUNCTION {s}.calllist_follow_attempts()"
    )
    for table in LOGGED:
        op.execute(
            f"""
            CREATE FUNCTION {s}.calllist_log_{table}() RETURNS trigger LANGUAGE plpgsql
            SECURITY DEFINER {SAFE_PATH} AS $$
            DECLARE
                logged bigint;
            BEGIN
                INSERT INTO {s}.change_log (table_name, list_id, phone, user_id, xid)
                VALUES ('{table}', NULL, NULL, NULL, pg_current_xact_id()::text::bigint)
                RETURNING id INTO logged;
                PERFORM pg_notify('calllist_changes', logged::text);
                RETURN NULL;
            END $$
            """
        )
        op.execute(
            f"CREATE TRIGGER {table}_log AFTER INSERT OR UPDATE OR DELETE ON {s}.{table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {s}.calllist_log_{table}()"
        )
    functions = [f"{s}.calllist_follow_attempts()", *(f"{s}.calllist_log_{table}()" for table in LOGGED)]
    op.execute(f"REVOKE ALL ON FUNCTION {', '.join(functions)} FROM PUBLIC")
    for table in NEW_TABLES:
        op.execute(f"ALTER TABLE {s}.{table} ENABLE ROW LEVEL SECURITY")
    me = f"(SELECT {s}.calllist_user_id(current_user))"
    mine = f"phone IN (SELECT phone FROM {s}.contacts)"  # contacts' own policy leaves the user's numbers
    callback_visible = f"user_id = {me} OR created_by = {me} OR (user_id IS NULL AND {mine})"
    policies = [
        ("list_rules", "SELECT", "true", None),
        ("do_not_call", "SELECT", "true", None),
        ("dispositions", "SELECT", "true", None),
        ("target_attempts", "SELECT", mine, None),
        ("callbacks", "SELECT", callback_visible, None),
        ("callbacks", "INSERT", None, f"created_by = {me} AND {mine}"),
        ("callbacks", "UPDATE", callback_visible, f"({callback_visible}) AND {mine}"),
        ("callbacks", "DELETE", callback_visible, None),
        ("contact_notes", "SELECT", f"user_id = {me} OR {mine}", None),
        ("contact_notes", "INSERT", None, f"user_id = {me} AND {mine}"),
    ]
    statements = [
        *(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {s}.{table} TO %1$I" for table in NEW_TABLES),
        *(f"CREATE POLICY {table}_admin ON {s}.{table} TO %1$I USING (true) WITH CHECK (true)" for table in NEW_TABLES),
        f"GRANT USAGE, SELECT, UPDATE ON SEQUENCE {s}.callbacks_id_seq, {s}.dispositions_id_seq, {s}.contact_notes_id_seq TO %1$I",
        f"GRANT SELECT ON {s}.list_rules, {s}.do_not_call, {s}.dispositions, {s}.target_attempts TO %2$I",
        f"GRANT SELECT, INSERT, DELETE ON {s}.callbacks TO %2$I",
        f"GRANT UPDATE (due_at, note, user_id, done_at, done_call_id) ON {s}.callbacks TO %2$I",
        f"GRANT SELECT, INSERT ON {s}.contact_notes TO %2$I",
        f"GRANT USAGE ON SEQUENCE {s}.callbacks_id_seq, {s}.contact_notes_id_seq TO %2$I",
        # A number's history: an operator reads every call of the numbers assigned to them.
        f"CREATE POLICY calls_operator_select_history ON {s}.calls FOR SELECT TO %2$I USING ({mine})",
    ]
    for table, command, using, check in policies:
        clauses = (f" USING ({using})" if using else "") + (f" WITH CHECK ({check})" if check else "")
        statements.append(f"CREATE POLICY {table}_operator_{command.lower()} ON {s}.{table} FOR {command} TO %2$I{clauses}")
    body = "\n".join(f"EXECUTE format({_literal(statement)}, admin, operator);" for statement in statements)
    op.execute(
        f"""
        DO $$ DECLARE
            admin name := {s}.calllist_group_role('admin');
            operator name := {s}.calllist_group_role('operator');
        BEGIN
            {body}
        END $$
        """
    )


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        s = bind.dialect.identifier_preparer.quote_identifier(bind.scalar(sa.text("SELECT current_schema()")))
        op.execute(f"DROP POLICY IF EXISTS calls_operator_select_history ON {s}.calls")
        op.execute(f"DROP TRIGGER IF EXISTS calls_follow_attempts ON {s}.calls")
        op.execute(f"DROP FUNCTION IF EXISTS {s}.calllist_follow_attempts()")
    for table in reversed(NEW_TABLES):
        op.drop_table(table)  # their triggers and policies go with them
    if bind.dialect.name == "postgresql":
        for table in LOGGED:
            op.execute(f"DROP FUNCTION IF EXISTS {s}.calllist_log_{table}()")
