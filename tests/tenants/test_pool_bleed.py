"""1,000 interleaved transactions for two tenants over a pool of two connections: no bleed."""

from __future__ import annotations

import asyncio
import random
import uuid

import pytest
from sqlalchemy import text

from tenants.context import tenant_context
from tenants.database import create_engine, session_factory
from tenants.models import Tenant
from tests.conftest import spare_kommunkod

pytestmark = pytest.mark.usefixtures("probe_tables")


async def test_pool_of_two_never_leaks_tenant(test_database, owner_engine):
    engine = create_engine(test_database.app_url, pool_size=2, max_overflow=0)
    sessions = session_factory(engine)
    a, b = uuid.uuid4(), uuid.uuid4()
    async with sessions() as s, s.begin():
        s.add_all([Tenant(id=a, slug=f"bleed-a-{a.hex[:6]}", name="A", kommunkod=spare_kommunkod()),
                   Tenant(id=b, slug=f"bleed-b-{b.hex[:6]}", name="B", kommunkod=spare_kommunkod())])
    for tid in (a, b):
        with tenant_context(tid):
            async with sessions() as s, s.begin():
                for i in range(5):
                    await s.execute(text("insert into probe_parent values (:t, :i, 'x')"), {"t": tid, "i": 1000 + i})

    pids: set[int] = set()
    wrong = 0
    seen = {a: 0, b: 0, None: 0}

    async def one(tid):
        nonlocal wrong
        with tenant_context(tid):
            async with sessions() as s, s.begin():
                pid = await s.scalar(text("select pg_backend_pid()"))
                rows = (await s.execute(text("select tenant_id from probe_parent"))).scalars().all()
                await asyncio.sleep(0)  # let other transactions interleave on the other connection
        pids.add(pid)
        seen[tid] += len(rows)
        wrong += sum(1 for r in rows if r != tid)

    rng = random.Random(7)
    order = [rng.choice([a, b, None]) for _ in range(1000)]
    try:
        await asyncio.gather(*(one(t) for t in order))
        assert len(pids) <= 2, "pool of two must reuse the same backends"
        assert wrong == 0
        assert seen[None] == 0
        assert seen[a] == 5 * order.count(a) and seen[b] == 5 * order.count(b)
    finally:
        await engine.dispose()
        async with owner_engine.begin() as conn:
            await conn.execute(text("delete from tenants where id in (:a, :b)"), {"a": a, "b": b})
