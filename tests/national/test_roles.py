"""The national roles: what each may touch, tried with raw SQL against the real catalogue."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from tenants.posture import inspect
from tenants.settings import get_settings

PERSON_TABLES = ["people", "designations", "group_memberships", "call_in_clients", "support_cases", "incidents",
                 "national_sharing_agreements", "audit_log", "users", "tenants"]


async def _denied(engine, sql: str) -> None:
    async with engine.connect() as conn:
        with pytest.raises(DBAPIError, match="permission denied"):
            await conn.execute(text(sql))
        await conn.rollback()


async def test_national_role_reads_no_city_table_and_no_raw_counts(national_engine, app_engine):
    async with app_engine.connect() as conn:
        existing = set((await conn.execute(text("select tablename from pg_tables where schemaname = 'public'"))).scalars())
    for table in [t for t in PERSON_TABLES if t in existing]:
        await _denied(national_engine, f'select * from public."{table}" limit 1')
    # the live aggregate holds exact small counts: only releases leave it
    await _denied(national_engine, "select * from national.measure_versions limit 1")
    await _denied(national_engine, "insert into national.action_log (actor_kind, actor, action) values ('x', 'x', 'x')")
    async with national_engine.connect() as conn:
        assert await conn.scalar(text("select current_user")) == get_settings().national_role
        await conn.execute(text("select count(*) from national.releases"))
        await conn.execute(text("select count(*) from national.city_profiles"))


async def test_writer_only_reads_cities_and_only_under_rls(writer_engine, demo):
    await _denied(writer_engine, "insert into incidents (tenant_id, id, type, occurred_at, confirmed, killed, injured) "
                                 "values (gen_random_uuid(), gen_random_uuid(), 'shooting', now(), true, 0, 0)")
    await _denied(writer_engine, "update tenants set name = 'x'")
    await _denied(writer_engine, "select * from people limit 1")
    await _denied(writer_engine, "insert into national.releases (created_by, watermark, period_from, period_to, method, "
                                 "parameters, methodology, cities, content_hash, rows) values "
                                 "('x', 1, '2020-01-01', '2020-01-01', 'x', '{}', 'x', '[]', 'x', 0)")
    async with writer_engine.connect() as conn:
        # no tenant set: RLS shows no city's rows at all
        assert await conn.scalar(text("select count(*) from incidents")) == 0
        await conn.execute(text("select set_config('app.tenant_id', :t, true)"), {"t": str(demo["malmo"].id)})
        assert await conn.scalar(text("select count(*) from incidents")) > 0
        assert await conn.scalar(text("select count(*) from incidents where tenant_id <> :t"), {"t": demo["malmo"].id}) == 0


async def test_publisher_reads_no_city_table(publisher_engine):
    for table in ("tenants", "incidents", "people", "national_sharing_agreements"):
        await _denied(publisher_engine, f'select * from public."{table}" limit 1')
    await _denied(publisher_engine, "insert into national.measure_versions (city_id, period, run_id, values) "
                                    "values (gen_random_uuid(), '2020-01-01', 1, '{}')")


async def test_db_check_covers_the_national_roles(owner_engine, demo):
    s = get_settings()
    async with owner_engine.connect() as conn:
        report = await inspect(conn, s.app_role, s.national_role, s.national_writer_role, s.national_publisher_role)
    assert {r.name for r in report.roles} == {s.app_role, s.national_role, s.national_writer_role, s.national_publisher_role}
    assert all(r.exists for r in report.roles)
    assert [p for p in report.problems if "probe_" not in p] == []
    # and it notices when someone grants too much
    async with owner_engine.begin() as conn:
        await conn.execute(text(f'grant select on national.measure_versions to "{s.national_role}"'))
        await conn.execute(text(f'grant update on incidents to "{s.national_writer_role}"'))
        try:
            bad = await inspect(conn, s.app_role, s.national_role, s.national_writer_role, s.national_publisher_role)
            problems = "\n".join(bad.problems)
            assert "measure_versions: national role holds SELECT on unprotected counts" in problems
            assert "incidents: national writer may change it" in problems
        finally:
            await conn.rollback()
