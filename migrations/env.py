"""Alembic environment: async, run as the owner role.

Autogenerate adds ``op.enable_tenant_rls(table)`` after every new table with a ``tenant_id``
column, so the RLS convention cannot be forgotten when a table is added.
"""

from __future__ import annotations

import asyncio

from alembic import context
from alembic.autogenerate import rewriter
from alembic.operations import ops
from sqlalchemy import Column
from sqlalchemy.engine import Connection

import tenants.rls  # noqa: F401  (registers op.enable_tenant_rls)
from domain.metadata import metadata
from tenants.database import create_engine, resolve_urls
from tenants.rls import NATIONAL_SCHEMA, EnableTenantRLSOp
from tenants.settings import get_settings

config = context.config
writer = rewriter.Rewriter()


@writer.rewrites(ops.CreateTableOp)
def _add_tenant_rls(context, revision, op: ops.CreateTableOp):
    has_tenant = any(isinstance(c, Column) and c.name == "tenant_id" for c in op.columns)
    if has_tenant and op.schema in (None, "public"):
        return [op, EnableTenantRLSOp(op.table_name)]
    return op


def _include_name(name, type_, parent_names) -> bool:
    if type_ == "schema":
        return name in (None, NATIONAL_SCHEMA)
    return True


def _configure(connection: Connection | None = None, **kw) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        include_schemas=True,
        include_name=_include_name,
        process_revision_directives=writer,
        compare_type=True,
        compare_server_default=True,
        transaction_per_migration=True,
        **kw,
    )


def _run(connection: Connection) -> None:
    _configure(connection)
    with context.begin_transaction():
        context.run_migrations()


async def _run_online() -> None:
    url = config.attributes.get("url") or resolve_urls(get_settings()).owner
    engine = create_engine(url, pool_size=1, max_overflow=0)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(_run)
            await connection.commit()
    finally:
        await engine.dispose()


connection = config.attributes.get("connection")
if context.is_offline_mode():
    _configure(url="postgresql://", literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
elif connection is not None:
    _run(connection)
else:
    asyncio.run(_run_online())
