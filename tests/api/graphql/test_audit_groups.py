"""Many concurrent audited reads of one city: one entry each, one intact chain, fewer commits than reads.

Audit entries of reads are committed in groups (``domain.audit.service``): the reads of one city that
finish together share one transaction and one chain lock, and each request answers only after its
own entry is committed.
"""

from __future__ import annotations

import asyncio

import httpx
from sqlalchemy import event, select

from domain.audit import verify
from domain.audit.models import AuditAction, AuditEntry
from domain.identity.principal import Role
from tenants.context import tenant_context
from tenants.database import session_factory
from tests.api.graphql.conftest import PURPOSE, make_app, user

QUERY = "{ people(first: 3) { edges { node { id displayName } } } }"
READS = 48


async def test_concurrent_audited_reads_keep_one_entry_each_and_one_chain(test_database, malmo, app_engine):
    app, principals = make_app(test_database)
    headers = {"X-Test-Principal": principals.key(user(malmo, Role.coordinator)), "X-GVI-Purpose": PURPOSE}
    request_ids = [f"group-read-{i}" for i in range(READS)]
    commits = []

    def committed(conn) -> None:
        commits.append(conn)

    async with app.router.lifespan_context(app):
        audit_engine = app.state.database.audit_engine.sync_engine
        event.listen(audit_engine, "commit", committed)
        try:
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t",
                                         headers=headers) as c:
                responses = await asyncio.wait_for(asyncio.gather(*(
                    c.post("/graphql", json={"query": QUERY}, headers={"X-Request-ID": rid}) for rid in request_ids)),
                    timeout=120)
        finally:
            event.remove(audit_engine, "commit", committed)
    assert [r.status_code for r in responses] == [200] * READS
    assert all(len(r.json()["data"]["people"]["edges"]) == 3 and "errors" not in r.json() for r in responses)
    sessions = session_factory(app_engine)
    with tenant_context(malmo.id):
        async with sessions() as s, s.begin():
            rows = list(await s.scalars(select(AuditEntry).where(AuditEntry.request_id.in_(request_ids))))
    assert sorted(e.request_id for e in rows) == sorted(request_ids)  # exactly one entry per read
    assert {e.action for e in rows} == {AuditAction.search}
    assert len(commits) < READS  # grouped: reads that finished together shared a commit
    [report] = await verify.verify(sessions, slug=malmo.tenant.slug)
    assert report.broken is None
