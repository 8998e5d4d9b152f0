"""The one convention every table holding a city's data follows.

A tenant table:
- inherits :class:`TenantScoped` (``tenant_id`` leads the primary key and references ``tenants``),
- points at other tenant tables only through :func:`tenant_fk` (composite ``(tenant_id, …)`` keys,
  so no row can reference another city's row),
- gets row-level security from :class:`EnableTenantRLSOp`, which the Alembic autogenerate hook in
  ``migrations/env.py`` adds after every new table that has a ``tenant_id`` column.

``gvi db check`` and the catalogue tests verify the result in the live database, so a table that
slips past the convention is caught before it ships.
"""

from __future__ import annotations

import uuid

from alembic.autogenerate import renderers
from alembic.operations import MigrateOperation, Operations
from sqlalchemy import ForeignKey, ForeignKeyConstraint, MetaData, Uuid
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from tenants.settings import get_settings

POLICY_NAME = "tenant_isolation"
# Fails closed: with no tenant set, nullif(...) is NULL and `tenant_id = NULL` matches no row.
TENANT_PREDICATE = "tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid"

# Tables that legitimately have no tenant_id. `gvi db check` refuses any other table without one.
GLOBAL_TABLES: dict[str, str] = {
    "alembic_version": "migration state",
    "tenants": "the tenant registry (names and municipality codes, no person data)",
    "national_users": "national accounts (coordinators, evaluators, platform admins) belong to no tenant",
    "login_throttle": "failed sign-in counters keyed by HMACs, shared by all instances; no names or addresses",
    "web_sessions": "looked up from the cookie before the tenant is known; ids only, the tenant is re-checked under RLS",
    "rate_limit_buckets": "request-rate buckets shared by every app instance, keyed by a hash of the caller (no tenant data)",
}

NATIONAL_SCHEMA = "national"

naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=naming_convention)


class TenantScoped:
    """Mixin for tenant tables: ``tenant_id`` first in the table and in the primary key."""

    @declared_attr
    def tenant_id(cls) -> Mapped[uuid.UUID]:
        return mapped_column(
            Uuid,
            ForeignKey("tenants.id", ondelete="CASCADE"),
            primary_key=True,
            sort_order=-100,
        )


def tenant_fk(
    columns: str | list[str],
    target_table: str,
    target_columns: str | list[str] = "id",
    *,
    ondelete: str | None = None,
    name: str | None = None,
) -> ForeignKeyConstraint:
    """A composite foreign key ``(tenant_id, col…) → target(tenant_id, id…)``.

    With ``ON DELETE SET NULL`` only the non-tenant columns are nulled (PostgreSQL 15+ column list),
    since ``tenant_id`` is part of the row's own primary key.
    """
    cols = [columns] if isinstance(columns, str) else list(columns)
    targets = [target_columns] if isinstance(target_columns, str) else list(target_columns)
    if ondelete and ondelete.upper() == "SET NULL":
        ondelete = f"SET NULL ({', '.join(cols)})"
    return ForeignKeyConstraint(
        ["tenant_id", *cols],
        [f"{target_table}.tenant_id", *(f"{target_table}.{c}" for c in targets)],
        ondelete=ondelete,
        name=name,
    )


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def tenant_rls_statements(table: str, privileges: str, app_role: str) -> list[str]:
    t = quote_ident(table)
    return [
        f"ALTER TABLE {t} ENABLE ROW LEVEL SECURITY",
        f"ALTER TABLE {t} FORCE ROW LEVEL SECURITY",
        f"CREATE POLICY {POLICY_NAME} ON {t} USING ({TENANT_PREDICATE}) WITH CHECK ({TENANT_PREDICATE})",
        f"GRANT {privileges} ON {t} TO {quote_ident(app_role)}",
    ]


DEFAULT_PRIVILEGES = "SELECT, INSERT, UPDATE, DELETE"


@Operations.register_operation("enable_tenant_rls")
class EnableTenantRLSOp(MigrateOperation):
    """``op.enable_tenant_rls("groups")``: RLS enabled and forced, fail-closed policy, DML grant."""

    def __init__(self, table_name: str, privileges: str = DEFAULT_PRIVILEGES) -> None:
        self.table_name = table_name
        self.privileges = privileges

    @classmethod
    def enable_tenant_rls(cls, operations, table_name: str, privileges: str = DEFAULT_PRIVILEGES):
        return operations.invoke(cls(table_name, privileges))

    def reverse(self) -> MigrateOperation:  # dropping the table drops its policy
        return DisableTenantRLSOp(self.table_name)


@Operations.register_operation("disable_tenant_rls")
class DisableTenantRLSOp(MigrateOperation):
    def __init__(self, table_name: str) -> None:
        self.table_name = table_name

    @classmethod
    def disable_tenant_rls(cls, operations, table_name: str):
        return operations.invoke(cls(table_name))


@Operations.implementation_for(EnableTenantRLSOp)
def _enable_tenant_rls(operations: Operations, operation: EnableTenantRLSOp) -> None:
    for statement in tenant_rls_statements(
        operation.table_name, operation.privileges, get_settings().app_role
    ):
        operations.execute(statement)


@Operations.implementation_for(DisableTenantRLSOp)
def _disable_tenant_rls(operations: Operations, operation: DisableTenantRLSOp) -> None:
    t = quote_ident(operation.table_name)
    operations.execute(f"DROP POLICY IF EXISTS {POLICY_NAME} ON {t}")
    operations.execute(f"ALTER TABLE {t} NO FORCE ROW LEVEL SECURITY")
    operations.execute(f"ALTER TABLE {t} DISABLE ROW LEVEL SECURITY")


@renderers.dispatch_for(EnableTenantRLSOp)
def _render_enable(autogen_context, op: EnableTenantRLSOp) -> str:
    if op.privileges == DEFAULT_PRIVILEGES:
        return f"op.enable_tenant_rls({op.table_name!r})"
    return f"op.enable_tenant_rls({op.table_name!r}, privileges={op.privileges!r})"


@renderers.dispatch_for(DisableTenantRLSOp)
def _render_disable(autogen_context, op: DisableTenantRLSOp) -> str:
    return f"op.disable_tenant_rls({op.table_name!r})"
