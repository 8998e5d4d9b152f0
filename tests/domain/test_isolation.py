"""Every tenant table of the catalogue keeps cities apart, with the demo cities loaded."""

from sqlalchemy import text

import domain.metadata  # noqa: F401  (registers every model)
from tenants.context import tenant_context
from tenants.database import session_factory
from tenants.posture import inspect
from tenants.rls import Base
from tenants.settings import get_settings

CATALOGUE = text("""
    select distinct c.relname from pg_attribute a join pg_class c on c.oid = a.attrelid
    join pg_namespace n on n.oid = c.relnamespace
    where a.attname = 'tenant_id' and not a.attisdropped and n.nspname = 'public' and c.relkind = 'r'
      and c.relname not like 'probe_%' order by 1""")


async def test_every_tenant_table_reads_only_own_rows(demo, app_engine):
    sessions = session_factory(app_engine)
    async with app_engine.connect() as conn:
        tables = list((await conn.execute(CATALOGUE)).scalars())
    # the programme domain's tables (the kernel's tables, e.g. idempotency keys, may legitimately be empty)
    ours = {m.local_table.name for m in Base.registry.mappers
            if m.class_.__module__.startswith("domain.") and not m.class_.__module__.startswith("domain.identity.")
            and "tenant_id" in m.local_table.c}  # identity: demo accounts exist only outside production
    assert ours <= set(tables)
    malmo, orebro = demo["malmo"], demo["orebro"]
    empty: list[str] = []
    for table in tables:
        with tenant_context(malmo.id):
            async with sessions() as s, s.begin():
                own = await s.scalar(text(f'select count(*) from "{table}"'))
                foreign = await s.scalar(text(f'select count(*) from "{table}" where tenant_id <> :t'), {"t": malmo.id})
                asked = await s.scalar(text(f'select count(*) from "{table}" where tenant_id = :t'), {"t": orebro.id})
        assert foreign == 0 and asked == 0, table
        if table in ours and own == 0:
            empty.append(table)
        async with sessions() as s, s.begin():  # no tenant: nothing
            assert await s.scalar(text(f'select count(*) from "{table}"')) == 0, table
    assert empty == [], f"the Malmö demo leaves these tables empty: {empty}"


async def test_posture_is_safe_with_the_domain_tables(demo, owner_engine):
    settings = get_settings()
    async with owner_engine.connect() as conn:
        report = await inspect(conn, settings.app_role, settings.national_role)
    names = {t.name for t in report.tables if t.tenant_table}
    assert {"people", "incidents", "support_transitions", "call_in_clients"} <= names
    assert [p for p in report.problems if "probe_" not in p] == []
