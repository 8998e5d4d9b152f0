"""The roles the isolation guarantee rests on."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from tenants.database import create_engine
from tenants.settings import get_settings

pytestmark = pytest.mark.usefixtures("probe_tables")


async def test_runtime_role_is_unprivileged(app_engine):
    async with app_engine.connect() as conn:
        row = (await conn.execute(text(
            """select rolsuper, rolbypassrls, rolcreaterole, rolcreatedb,
                      (select count(*) from pg_class c where c.relowner = r.oid) as owned
               from pg_roles r where rolname = current_user"""))).one()
        assert (row.rolsuper, row.rolbypassrls, row.rolcreaterole, row.rolcreatedb, row.owned) == (
            False, False, False, False, 0)
        assert await conn.scalar(text("select current_user")) == get_settings().app_role


async def test_runtime_role_cannot_run_ddl(app_engine):
    async with app_engine.connect() as conn:
        with pytest.raises(DBAPIError, match="permission denied|must be owner"):
            await conn.execute(text("create table sneaky (id int)"))
        await conn.rollback()
        with pytest.raises(DBAPIError, match="must be owner"):
            await conn.execute(text("alter table probe_parent no force row level security"))
        await conn.rollback()


async def tenant_tables(conn) -> list[str]:
    return list((await conn.execute(text(
        """select distinct c.relname from pg_attribute a join pg_class c on c.oid = a.attrelid
           join pg_namespace n on n.oid = c.relnamespace
           where a.attname = 'tenant_id' and n.nspname = 'public' and c.relkind = 'r'
           order by 1"""))).scalars())


async def test_national_role_denied_on_every_tenant_table(test_database, app_engine):
    url = test_database.server.url_for(test_database.name, get_settings().national_role)
    engine = create_engine(url, pool_size=1, max_overflow=0)
    try:
        async with app_engine.connect() as conn:
            tables = await tenant_tables(conn) + ["tenants"]
        assert "probe_parent" in tables
        async with engine.connect() as conn:
            for table in tables:
                with pytest.raises(DBAPIError, match="permission denied"):
                    await conn.execute(text(f'select 1 from "{table}" limit 1'))
                await conn.rollback()
            # what it may read: the national schema
            assert await conn.scalar(text("select has_schema_privilege(current_user, 'national', 'USAGE')"))
    finally:
        await engine.dispose()
