"""Retention: a dry run lists, a run erases (once) and logs, and the city's figures stay equal."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, text

from domain.audit.models import AuditAction, AuditEntry
from domain.identity.permissions import Category
from domain.lifecycle import registry, retention
from tenants.context import tenant_context
from tenants.errors import ValidationFailed
from tenants.rls import DEFAULT_PRIVILEGES, tenant_rls_statements
from tenants.settings import get_settings
from tests.tenants.test_cli import gvi

NOW = datetime(2026, 11, 25, tzinfo=UTC)


@pytest.fixture(scope="module")
async def probe_people(owner_engine):
    """People, incidents and the links between them, as the domain will have them."""
    async with owner_engine.begin() as conn:
        for ddl in ("""
            create table probe_people (tenant_id uuid not null references tenants(id) on delete cascade,
                id uuid not null, alias text not null, last_event_at timestamptz not null, primary key (tenant_id, id));
            create table probe_incidents (tenant_id uuid not null references tenants(id) on delete cascade,
                id uuid not null, occurred_on date not null, killed int not null, injured int not null,
                primary key (tenant_id, id));
            create table probe_involvements (tenant_id uuid not null references tenants(id) on delete cascade,
                id uuid not null, incident_id uuid not null, person_id uuid, role text not null,
                primary key (tenant_id, id),
                foreign key (tenant_id, incident_id) references probe_incidents (tenant_id, id),
                foreign key (tenant_id, person_id) references probe_people (tenant_id, id) on delete set null (person_id))
        """).split(";"):
            await conn.execute(text(ddl))
        for table in ("probe_people", "probe_incidents", "probe_involvements"):
            for statement in tenant_rls_statements(table, DEFAULT_PRIVILEGES, get_settings().app_role):
                await conn.execute(text(statement))

    async def candidates(session, cutoff):
        rows = await session.execute(text("select id, last_event_at from probe_people where last_event_at < :c order by id"),
                                     {"c": cutoff})
        return [registry.Candidate("person", r.id, r.last_event_at) for r in rows]

    async def erase(session, candidate):
        # the person goes; the incidents and their involvement rows stay, unlinked, so the figures hold
        links = await session.scalar(text("select count(*) from probe_involvements where person_id = :p"),
                                     {"p": candidate.object_id})
        await session.execute(text("delete from probe_people where id = :p"), {"p": candidate.object_id})
        return {"people": 1, "involvements_unlinked": links}

    registry.register_eraser(registry.Eraser(Category.people, "probe_people", candidates, erase))
    yield
    registry.unregister("probe_people")
    async with owner_engine.begin() as conn:
        await conn.execute(text("drop table probe_involvements, probe_incidents, probe_people"))


async def figures(session) -> tuple:
    return tuple((await session.execute(text(
        """select (select count(*) from probe_incidents), (select sum(killed) from probe_incidents),
                  (select sum(injured) from probe_incidents), (select count(*) from probe_involvements),
                  (select count(distinct role) from probe_involvements)"""))).one())


async def test_dry_run_then_run_keeps_the_figures(committed_tenant, app_sessions, probe_people):
    old, recent = uuid.uuid4(), uuid.uuid4()
    with tenant_context(committed_tenant.id):
        async with app_sessions() as s, s.begin():
            await retention.set_policy(s, category=Category.people, erase_after_months=36, basis="programme decision")
            policy = await retention.set_policy(s, category=Category.people, erase_after_months=24,
                                                basis="styrgruppens beslut 2026-10-01")
            assert policy.erase_after_months == 24
            with pytest.raises(ValidationFailed):
                await retention.set_policy(s, category=Category.people, erase_after_months=0, basis="x")
            for pid, alias, when in ((old, "A", NOW - timedelta(days=800)), (recent, "B", NOW - timedelta(days=30))):
                await s.execute(text("insert into probe_people values (:t, :i, :a, :w)"),
                                {"t": committed_tenant.id, "i": pid, "a": alias, "w": when})
            for n, people in enumerate(([old, recent], [old], [recent])):
                inc = uuid.uuid4()
                await s.execute(text("insert into probe_incidents values (:t, :i, :d, :k, :j)"),
                                {"t": committed_tenant.id, "i": inc, "d": (NOW - timedelta(days=900 - n)).date(), "k": n,
                                 "j": 2})
                for p in people:
                    await s.execute(text("insert into probe_involvements values (:t, :i, :inc, :p, :r)"),
                                    {"t": committed_tenant.id, "i": uuid.uuid4(), "inc": inc, "p": p,
                                     "r": "victim" if p == old else "suspect"})
            before = await figures(s)

    dry = await retention.run(app_sessions, tenant=committed_tenant, dry_run=True, now=NOW)
    assert [(i.candidate.object_id, i.erased) for i in dry.items] == [(old, False)]
    with tenant_context(committed_tenant.id):
        async with app_sessions() as s, s.begin():
            assert await s.scalar(text("select count(*) from probe_people")) == 2

    done = await retention.run(app_sessions, tenant=committed_tenant, dry_run=False, now=NOW)
    assert [(i.candidate.object_id, i.erased) for i in done.items] == [(old, True)]
    again = await retention.run(app_sessions, tenant=committed_tenant, dry_run=False, now=NOW)
    assert again.items == []  # idempotent

    with tenant_context(committed_tenant.id):
        async with app_sessions() as s, s.begin():
            assert list(await s.scalars(text("select id from probe_people"))) == [recent]
            assert await s.scalar(text("select count(*) from probe_involvements where person_id is null")) == 2
            assert await figures(s) == before == (3, 3, 6, 4, 2)
            log = list(await s.scalars(select(AuditEntry)))
    assert [(e.action, e.object_id, e.actor_name, e.details["removed"]) for e in log] == [
        (AuditAction.erase, old, "retention", {"people": 1, "involvements_unlinked": 2})]


def test_cli_names_an_unknown_tenant(test_database):
    out = gvi(test_database, "retention", "run", "--tenant", "no-such-city", "--dry-run")
    assert out.returncode == 2 and "tenant 'no-such-city' not found" in out.stderr
    ok = gvi(test_database, "retention", "run", "--dry-run")
    assert ok.returncode == 0 and "would be erased (dry run)" in ok.stdout
