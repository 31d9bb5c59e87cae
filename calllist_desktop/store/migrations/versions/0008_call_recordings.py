"""Call recordings (通話録音, SPEC §6): where each answered call's recording is, or why it is missing.

Three columns on ``calls``: ``recording_path`` (the file, as the recording client wrote it),
``recording_seconds`` and ``recording_error`` (null, or why there is no recording or only part of
one: a full disk, an unwritable folder). Whether calls are recorded at all is the store-wide
setting ``recording`` (``store_settings``, 0005).

PostgreSQL: operators may write these columns of their own calls (row-level security of 0003
already limits them to their rows) and only once: a trigger keeps what was written first, so an
operator cannot later point a call's recording at another file. A path that names another
computer (``\\\\host\\share``, ``//host/share``) is refused: a manager's client opening it would
hand that host the manager's credentials on Windows. Managers may correct anything.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

COLUMNS = ("recording_path", "recording_seconds", "recording_error")
SAFE_PATH = "SET search_path = pg_catalog, pg_temp"


def upgrade() -> None:
    with op.batch_alter_table("calls") as batch_op:
        batch_op.add_column(sa.Column("recording_path", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("recording_seconds", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("recording_error", sa.Text(), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        _postgresql_upgrade()


def _schema() -> str:
    bind = op.get_bind()
    return bind.dialect.identifier_preparer.quote_identifier(bind.scalar(sa.text("SELECT current_schema()")))


def _postgresql_upgrade() -> None:
    s = _schema()
    op.execute(
        f"""
        CREATE FUNCTION {s}.calllist_guard_recording() RETURNS trigger LANGUAGE plpgsql {SAFE_PATH} AS $$
        BEGIN
            IF {s}.calllist_is_manager() THEN
                RETURN NEW;
            END IF;
            IF OLD.recording_path IS NOT NULL OR OLD.recording_error IS NOT NULL THEN
                NEW.recording_path := OLD.recording_path;  -- written once, by the client that recorded
                NEW.recording_seconds := OLD.recording_seconds;
                NEW.recording_error := OLD.recording_error;
            ELSIF NEW.recording_path ~ '^(\\\\\\\\|//)' THEN
                RAISE EXCEPTION 'a recording on another computer is not accepted: %', NEW.recording_path
                    USING ERRCODE = '42501';
            END IF;
            RETURN NEW;
        END $$
        """
    )
    op.execute(f"REVOKE ALL ON FUNCTION {s}.calllist_guard_recording() FROM PUBLIC")
    op.execute(
        f"CREATE TRIGGER calls_guard_recording BEFORE UPDATE OF {', '.join(COLUMNS)} ON {s}.calls "
        f"FOR EACH ROW EXECUTE FUNCTION {s}.calllist_guard_recording()"
    )
    op.execute(
        f"""
        DO $$ DECLARE
            operator name := {s}.calllist_group_role('operator');
        BEGIN
            EXECUTE format('GRANT UPDATE ({", ".join(COLUMNS)}) ON {s}.calls TO %I', operator);
        END $$
        """
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        s = _schema()
        op.execute(f"DROP TRIGGER IF EXISTS calls_guard_recording ON {s}.calls")
        op.execute(f"DROP FUNCTION IF EXISTS {s}.calllist_guard_recording()")
    with op.batch_alter_table("calls") as batch_op:
        for column in reversed(COLUMNS):
            batch_op.drop_column(column)
