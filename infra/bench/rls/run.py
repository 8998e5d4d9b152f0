"""Cost of row-level security: the same queries with the policy enforced and bypassed.

    uv run python infra/bench/rls/run.py [--rounds 300]

Starts an embedded PostgreSQL in a temporary directory (or uses GVI_BENCH_ADMIN_URL, a superuser
URL of a scratch server: the bypass role needs a superuser to create it), migrates, loads the demo
cities and times, for Malmö:

- **enforced**: the app's way — the runtime role ``gvi_app``, ``app.tenant_id`` set in the
  transaction, the query *without* a tenant condition (the policy adds it);
- **bypassed**: a role with ``BYPASSRLS`` and the same grants, the same query *with* an explicit
  ``tenant_id = …`` (so both return the same rows; the test of equality runs first).

Rounds interleave the two variants, one transaction per query. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from sqlalchemy import extract, func, make_url, select, text  # noqa: E402

from domain.demo import load  # noqa: E402
from domain.groups.models import Group  # noqa: E402
from domain.incidents.models import Incident  # noqa: E402
from domain.people.models import GroupMembership, Person  # noqa: E402
from tenants import migrate  # noqa: E402
from tenants.context import tenant_context  # noqa: E402
from tenants.database import create_engine, session_factory  # noqa: E402
from tenants.models import Tenant  # noqa: E402
from tenants.settings import get_settings  # noqa: E402

BYPASS_ROLE = "gvi_bench_bypass"


def queries(tenant_id, explicit: bool) -> dict:
    def scoped(stmt, *models):
        if explicit:
            for model in models:
                stmt = stmt.where(model.tenant_id == tenant_id)
        return stmt

    return {
        "incidents page (50, newest first)": scoped(
            select(Incident).order_by(Incident.occurred_at.desc(), Incident.id.desc()).limit(50), Incident),
        "people page (50, by family name)": scoped(
            select(Person).order_by(Person.family_name, Person.id).limit(50), Person),
        "group members (join)": scoped(
            select(Person.id, Group.name).join(GroupMembership, GroupMembership.person_id == Person.id)
            .join(Group, Group.id == GroupMembership.group_id).order_by(Group.name, Person.id), Person, GroupMembership, Group),
        "incidents per year (aggregate)": scoped(
            select(year := extract("year", Incident.occurred_at), func.count()).group_by(year).order_by(year), Incident),
    }


async def main(rounds: int) -> None:
    admin = os.environ.get("GVI_BENCH_ADMIN_URL")
    settings = get_settings()
    if admin:
        from tenants.database import normalise_url

        admin = normalise_url(admin)
        owner = admin
    else:
        from tenants import embedded

        urls = embedded.start(Path(tempfile.mkdtemp(prefix="gvi-bench-rls-")), settings.owner_role, settings.app_role)
        admin, owner = urls.superuser, urls.owner
    await migrate.upgrade(owner)
    app_url = make_url(owner).set(username=settings.app_role).render_as_string(hide_password=False)
    bypass_url = make_url(owner).set(username=BYPASS_ROLE).render_as_string(hide_password=False)
    su = create_engine(admin, pool_size=1, max_overflow=0, isolation_level="AUTOCOMMIT")
    async with su.connect() as conn:
        await conn.execute(text(f"DROP ROLE IF EXISTS {BYPASS_ROLE}"))
        await conn.execute(text(f"CREATE ROLE {BYPASS_ROLE} LOGIN BYPASSRLS IN ROLE {settings.app_role}"))
        await conn.execute(text(f"ALTER ROLE {BYPASS_ROLE} INHERIT"))
    await su.dispose()
    app = create_engine(app_url, pool_size=2, max_overflow=0)
    bypass = create_engine(bypass_url, pool_size=2, max_overflow=0)
    await load(session_factory(app))
    async with session_factory(app)() as s:
        tenant_id = await s.scalar(select(Tenant.id).where(Tenant.slug == "malmo"))
    enforced, bypassed = queries(tenant_id, explicit=False), queries(tenant_id, explicit=True)
    app_sessions, bypass_sessions = session_factory(app), session_factory(bypass)

    async def run(sessions, stmt):
        with tenant_context(tenant_id):  # the bypass role ignores the setting: its rows come from the condition
            async with sessions() as s, s.begin():
                return (await s.execute(stmt)).all()

    for name in enforced:  # same rows both ways, or the comparison means nothing
        a, b = await run(app_sessions, enforced[name]), await run(bypass_sessions, bypassed[name])
        def plain(rows):
            return [tuple(str(getattr(x, "id", x)) for x in r) for r in rows]

        assert plain(a) == plain(b) and a, name
    times = {(name, v): [] for name in enforced for v in ("enforced", "bypassed")}
    for _ in range(rounds):
        for name in enforced:
            for variant, sessions, stmt in (("enforced", app_sessions, enforced[name]), ("bypassed", bypass_sessions, bypassed[name])):
                start = time.perf_counter()
                await run(sessions, stmt)
                times[(name, variant)].append((time.perf_counter() - start) * 1000)
    print(f"\n{rounds} rounds, Malmö demo city, one transaction per query\n")
    print("| query | bypassed ms (median) | enforced ms (median) | RLS cost |")
    print("|---|---:|---:|---:|")
    for name in enforced:
        b, e = statistics.median(times[(name, "bypassed")]), statistics.median(times[(name, "enforced")])
        print(f"| {name} | {b:.3f} | {e:.3f} | {(e / b - 1) * 100:+.1f} % |")
    total_b = sum(statistics.median(times[(n, "bypassed")]) for n in enforced)
    total_e = sum(statistics.median(times[(n, "enforced")]) for n in enforced)
    print(f"| all four | {total_b:.3f} | {total_e:.3f} | {(total_e / total_b - 1) * 100:+.1f} % |")
    await app.dispose()
    await bypass.dispose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=300)
    asyncio.run(main(parser.parse_args().rounds))
