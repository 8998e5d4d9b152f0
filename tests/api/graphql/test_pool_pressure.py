"""More concurrent audited reads than the request pool has connections: every request answers.

Each audited read holds its request transaction while it writes its audit entry in a transaction of
its own. When both came from one pool, a burst larger than the pool deadlocked (every connection held
by a request waiting for a second one). Audit entries now have their own pool.
"""

from __future__ import annotations

import asyncio

import httpx

from domain.identity.principal import Role
from tenants.settings import Settings
from tests.api.graphql.conftest import PURPOSE, make_app, user

QUERY = "{ people(first: 3) { edges { node { id displayName } } } }"


async def test_burst_larger_than_the_pool_completes(test_database, malmo):
    app, principals = make_app(test_database, Settings(env="test", pool_size=2, pool_max_overflow=0))
    headers = {"X-Test-Principal": principals.key(user(malmo, Role.coordinator)), "X-GVI-Purpose": PURPOSE}
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t", headers=headers) as c:
            responses = await asyncio.wait_for(
                asyncio.gather(*(c.post("/graphql", json={"query": QUERY}) for _ in range(12))), timeout=60)
    assert [r.status_code for r in responses] == [200] * 12
    assert all(len(r.json()["data"]["people"]["edges"]) == 3 for r in responses)
