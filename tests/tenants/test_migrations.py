"""Migrations: upgrade → downgrade → upgrade on a real database; models and migrations agree."""

from __future__ import annotations

import uuid

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import ForeignKeyConstraint, text

from domain.metadata import metadata
from tenants import migrate
from tenants.database import create_engine
from tenants.rls import NATIONAL_SCHEMA
from tests.conftest import create_database, drop_database


async def test_upgrade_downgrade_upgrade(test_server):
    name = f"gvi_mig_{uuid.uuid4().hex[:8]}"
    await create_database(test_server, name)
    url = test_server.url_for(name, test_server.owner_role)
    engine = create_engine(url, pool_size=1, max_overflow=0)
    try:
        await migrate.upgrade(url)
        async with engine.connect() as conn:
            assert await migrate.current_revision(conn) == migrate.head_revision()
        await migrate.downgrade(url, "base")
        async with engine.connect() as conn:
            assert await migrate.current_revision(conn) is None
            left = await conn.scalar(text(
                "select count(*) from pg_tables where schemaname = 'public' and tablename <> 'alembic_version'"))
            assert left == 0
        await migrate.upgrade(url)
        async with engine.connect() as conn:
            assert await migrate.current_revision(conn) == migrate.head_revision()
    finally:
        await engine.dispose()
        await drop_database(test_server, name)


def _include_name(name, type_, parents) -> bool:
    if type_ == "schema":
        return name in (None, NATIONAL_SCHEMA)
    return not (name or "").startswith("probe_")  # the isolation tests' probe tables


async def test_models_and_migrations_agree(owner_engine):
    def diff(sync_conn):
        ctx = MigrationContext.configure(sync_conn, opts={
            "include_schemas": True,
            "include_name": _include_name,
            "compare_type": True,
            "compare_server_default": True,
        })
        return compare_metadata(ctx, metadata)

    async with owner_engine.connect() as conn:
        differences = await conn.run_sync(diff)
    assert differences == []


def test_every_tenant_model_follows_the_convention():
    """tenant_id leads the primary key and every reference to a tenant table is composite."""
    tenant_tables = {t.name for t in metadata.sorted_tables if "tenant_id" in t.c}
    for table in metadata.sorted_tables:
        if table.name not in tenant_tables:
            continue
        assert list(table.primary_key.columns)[0].name == "tenant_id", table.name
        for fk in table.foreign_key_constraints:
            target = fk.referred_table.name
            if target in tenant_tables:
                assert isinstance(fk, ForeignKeyConstraint)
                assert fk.column_keys[0] == "tenant_id", f"{table.name} → {target} must be composite"
                assert fk.elements[0].column.name == "tenant_id", f"{table.name} → {target}"
