"""Runtime role limits: no statement runs forever, none fills the disk with temporary files.

A single request once started a statement that never ended and wrote temporary files until the disk
was full, for every city. ``statement_timeout`` ends any statement of the runtime role after 30 s;
``temp_file_limit`` caps the temporary files one session may write at 256 MB. ``gvi db check``
reports a runtime role without them.

``temp_file_limit`` is a superuser setting: the owner needs ``GRANT SET ON PARAMETER
temp_file_limit TO <owner>`` (PostgreSQL 15+; the embedded server grants it). Without it this
migration warns and ``gvi db check`` fails until an administrator sets it.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from collections.abc import Sequence

from alembic import op

from tenants.rls import quote_ident
from tenants.settings import get_settings

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LIMITS = {"statement_timeout": "30s", "temp_file_limit": "256MB"}


def upgrade() -> None:
    role = quote_ident(get_settings().app_role)
    for name, value in LIMITS.items():
        statement = f"ALTER ROLE {role} SET {name} = '{value}'".replace("'", "''")
        op.execute(
            f"""DO $$ BEGIN
              EXECUTE '{statement}';
            EXCEPTION WHEN insufficient_privilege THEN
              RAISE WARNING 'cannot set {name} on the runtime role (%); ask an administrator to run: {statement}', SQLERRM;
            END $$"""
        )


def downgrade() -> None:
    role = quote_ident(get_settings().app_role)
    for name in LIMITS:
        op.execute(f"ALTER ROLE {role} RESET {name}")
