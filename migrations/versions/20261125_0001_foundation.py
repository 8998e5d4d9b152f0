"""Foundation: roles, grants, the national schema and the tenant registry.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from tenants.rls import NATIONAL_SCHEMA, quote_ident
from tenants.settings import get_settings

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _ensure_role(name: str, password: str | None) -> None:
    # Roles are cluster-wide and may be pre-created on managed PostgreSQL: create only when missing,
    # and always (re)assert the attributes the isolation guarantee rests on.
    lit = name.replace("'", "''")
    op.execute(
        f"""DO $$ BEGIN
          IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{lit}') THEN
            CREATE ROLE {quote_ident(name)} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
          END IF;
        END $$"""
    )
    if password:
        op.execute(f"ALTER ROLE {quote_ident(name)} PASSWORD '{password.replace(chr(39), chr(39) * 2)}'")


def upgrade() -> None:
    settings = get_settings()
    app, national = quote_ident(settings.app_role), quote_ident(settings.national_role)
    _ensure_role(settings.app_role, settings.app_database_password)
    _ensure_role(settings.national_role, None)

    # Nobody but the owner creates objects; the runtime roles only connect and use what is granted.
    op.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
    op.execute(
        f"""DO $$ BEGIN
          EXECUTE format('GRANT CONNECT ON DATABASE %I TO {app}, {national}', current_database());
        END $$"""
    )
    op.execute(f"GRANT USAGE ON SCHEMA public TO {app}")
    op.execute(f"GRANT SELECT ON alembic_version TO {app}")  # /readyz compares it with head

    # National aggregates: the only place the national role can read.
    op.execute(f"CREATE SCHEMA IF NOT EXISTS {NATIONAL_SCHEMA}")
    op.execute(f"GRANT USAGE ON SCHEMA {NATIONAL_SCHEMA} TO {national}")
    op.execute(f"ALTER DEFAULT PRIVILEGES IN SCHEMA {NATIONAL_SCHEMA} GRANT SELECT ON TABLES TO {national}")

    op.create_table(
        "tenants",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("slug", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kommunkod", sa.String(length=4), nullable=False),
        sa.Column("police_area", sa.String(length=200), nullable=True),
        sa.Column(
            "status",
            sa.Enum("active", "suspended", "offboarded", name="tenant_status", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("slug ~ '^[a-z][a-z0-9-]{1,39}$'", name=op.f("ck_tenants_slug_format")),
        sa.CheckConstraint("kommunkod ~ '^[0-9]{4}$'", name=op.f("ck_tenants_kommunkod_format")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tenants")),
        sa.UniqueConstraint("slug", name=op.f("uq_tenants_slug")),
    )
    op.execute(f"GRANT SELECT, INSERT, UPDATE ON tenants TO {app}")


def downgrade() -> None:
    settings = get_settings()
    app, national = quote_ident(settings.app_role), quote_ident(settings.national_role)
    op.drop_table("tenants")
    op.execute(f"ALTER DEFAULT PRIVILEGES IN SCHEMA {NATIONAL_SCHEMA} REVOKE SELECT ON TABLES FROM {national}")
    op.execute(f"DROP SCHEMA IF EXISTS {NATIONAL_SCHEMA} CASCADE")
    op.execute(f"REVOKE ALL ON alembic_version FROM {app}")
    op.execute(f"REVOKE USAGE ON SCHEMA public FROM {app}")
    op.execute(
        f"""DO $$ BEGIN
          EXECUTE format('REVOKE CONNECT ON DATABASE %I FROM {app}, {national}', current_database());
        END $$"""
    )
    # The roles themselves stay: they are cluster-wide and may serve other databases.
