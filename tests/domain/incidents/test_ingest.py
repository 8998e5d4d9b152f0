"""Batched ingestion: the same rules as one incident, duplicates by external reference, and no
duplicate rows when two feeds send the same references at the same time."""

from __future__ import annotations

import asyncio
from datetime import datetime

from sqlalchemy import func, select

from domain.incidents import service as incidents
from domain.incidents.models import Incident
from domain.rules import STOCKHOLM
from tenants.context import tenant_context
from tenants.database import transaction


def item(reference: str | None, **overrides) -> dict:
    return {"type": "shooting", "occurred_at": datetime(2020, 3, 1, 21, 30, tzinfo=STOCKHOLM), "confirmed": True,
            "killed": 0, "injured": 1, "external_reference": reference, **overrides}


async def test_rules_and_duplicates_item_by_item(committed_tenant, app_sessions):
    with tenant_context(committed_tenant.id):
        async with transaction(app_sessions) as s:
            first = await incidents.ingest(s, [item("A"), item("B"), item(None)])
        async with transaction(app_sessions) as s:
            second = await incidents.ingest(s, [
                item("A"), item("C"), item("C"), item("D", killed=-1), item("E", occurred_at=datetime(2999, 1, 1, tzinfo=STOCKHOLM)),
                item(None)])
        async with app_sessions() as s:
            total = await s.scalar(select(func.count()).select_from(Incident))
    assert [o.status for o in first] == ["created", "created", "created"]
    assert [o.status for o in second] == ["duplicate", "created", "duplicate", "error", "error", "created"]
    assert second[0].incident_id == first[0].incident_id and second[2].incident_id == second[1].incident_id
    assert [e.field for e in second[3].error.errors] == ["killed"] and second[4].error.errors[0].code == "in_future"
    assert total == 5  # A, B, None, C, None


async def test_two_feeds_with_the_same_references_at_once_write_each_incident_once(committed_tenant, app_sessions):
    references = [f"POL-{i}" for i in range(50)]
    with tenant_context(committed_tenant.id):
        async with app_sessions() as first, app_sessions() as second:
            async with first.begin():
                mine = await incidents.ingest(first, [item(r) for r in references])
                # the second feed looks up before the first commits, then waits on the unique index
                theirs_task = asyncio.create_task(_ingest_in(second, [item(r) for r in reversed(references)]))
                await asyncio.sleep(0.5)
                assert not theirs_task.done()
            theirs = await asyncio.wait_for(theirs_task, 30)
        async with app_sessions() as s:
            count = await s.scalar(select(func.count()).select_from(Incident))
    assert count == 50
    assert {o.status for o in mine} == {"created"} and {o.status for o in theirs} == {"duplicate"}
    assert [o.incident_id for o in theirs] == [o.incident_id for o in reversed(mine)]


async def _ingest_in(session, items):
    async with session.begin():
        return await incidents.ingest(session, items)
