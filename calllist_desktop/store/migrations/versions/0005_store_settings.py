"""Settings of the whole store: ``store_settings`` (key → JSON value).

What a manager decides for the whole team lives here, not on one computer: whether calls are
recorded (SPEC §6), whether premium-rate or international numbers may be dialled (SPEC §9).

PostgreSQL: everyone reads, only this database's admin group writes (row-level security and
grants, as 0003 does for the other tables); a statement-level trigger logs the change as
``('store_settings', NULL, NULL)`` with ``NOTIFY``, which every client may read (the settings
are no one's personal data). SQLite: a row trigger logs the same.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TABLE = "store_settings"
SAFE_PATH = "SET search_path = pg_catalog, pg_temp"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.func.current_timestamp(),
            nullable=False,
        ),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["updated_by"], ["users.id"], name=op.f("fk_store_settings_updated_by_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_store_settings")),
    )
    if op.get_bind().dialect.name == "postgresql":
        _postgresql_upgrade()
    else:
        for event in ("INSERT", "UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER change_log_{TABLE}_{event.lower()} AFTER {event} ON {TABLE} BEGIN "
                f"INSERT INTO change_log (table_name, list_id, phone) VALUES ('{TABLE}', NULL, NULL); END"
            )


def _postgresql_upgrade() -> None:
    bind = op.get_bind()
    s = bind.dialect.identifier_preparer.quote_identifier(bind.scalar(sa.text("SELECT current_schema()")))
    op.execute(
        f"""
        CREATE FUNCTION {s}.calllist_log_{TABLE}() RETURNS trigger LANGUAGE plpgsql
        SECURITY DEFINER {SAFE_PATH} AS $$
        DECLARE
            logged bigint;
        BEGIN
            INSERT INTO {s}.change_log (table_name, list_id, phone, user_id, xid)
            VALUES ('{TABLE}', NULL, NULL, NULL, pg_current_xact_id()::text::bigint)
            RETURNING id INTO logged;
            PERFORM pg_notify('calllist_changes', logged::text);
            RETURN NULL;
        END $$
        """
    )
    op.execute(f"REVOKE ALL ON FUNCTION {s}.calllist_log_{TABLE}() FROM PUBLIC")
    op.execute(
        f"CREATE TRIGGER {TABLE}_log AFTER INSERT OR UPDATE OR DELETE ON {s}.{TABLE} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {s}.calllist_log_{TABLE}()"
    )
    op.execute(f"ALTER TABLE {s}.{TABLE} ENABLE ROW LEVEL SECURITY")
    # The group roles' names are this database's own (0003); format() puts them in the SQL.
    op.execute(
        f"""
        DO $$ DECLARE
            admin name := {s}.calllist_group_role('admin');
            operator name := {s}.calllist_group_role('operator');
        BEGIN
            EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON {s}.{TABLE} TO %I', admin);
            EXECUTE format('GRANT SELECT ON {s}.{TABLE} TO %I', operator);
            EXECUTE format('CREATE POLICY {TABLE}_admin ON {s}.{TABLE} TO %I USING (true) WITH CHECK (true)', admin);
            EXECUTE format('CREATE POLICY {TABLE}_operator_select ON {s}.{TABLE} FOR SELECT TO %I USING (true)', operator);
        END $$
        """
    )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        s = bind.dialect.identifier_preparer.quote_identifier(bind.scalar(sa.text("SELECT current_schema()")))
        op.drop_table(TABLE)
        op.execute(f"DROP FUNCTION IF EXISTS {s}.calllist_log_{TABLE}()")
    else:
        op.drop_table(TABLE)  # its triggers go with it
