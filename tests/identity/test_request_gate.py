"""The request gate (``gvi_client_gate``): an API client's checks and its rate-limit spend in one round trip.

It runs as the runtime role, so RLS decides what it can read: asked for a client under another city it
finds nothing. It spends only for a client that may call, and the spend is committed on its own, so a
request that fails afterwards still counts.
"""

from __future__ import annotations

import asyncpg
import pytest
from sqlalchemy import text

from domain.identity import clients
from tenants import ratelimit
from tenants.context import tenant_context
from tenants.database import transaction
from tests.identity.conftest import running_app
from tests.identity.test_tokens import bearer, get_token


@pytest.fixture
async def api_client(city, sessions):
    with tenant_context(city.tenant.id):
        async with transaction(sessions) as s:
            return await clients.create(s, tenant_slug=city.slug, name="Polisens ärendesystem",
                                        scopes="programme:read incidents:write")


GATE = "select * from gvi_client_gate($1, $2, $3, $4, $5, true)"


def _dsn(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


async def _bucket(owner_engine, client_pk) -> float | None:
    async with owner_engine.connect() as conn:
        return (await conn.execute(text("select tokens from rate_limit_buckets where subject_hash = :h"),
                                   {"h": ratelimit.subject_hash("api_client", client_pk)})).scalar()


async def test_gate_reads_only_the_named_city_through_rls(test_database, city, other_city, api_client, owner_engine):
    """Naming another city than the client's (a forged or confused token): no client, no spend, no
    tenant left behind on the connection."""
    conn = await asyncpg.connect(_dsn(test_database.app_url))
    try:
        client_id = api_client.client.client_id
        crossed = await conn.fetchrow(GATE, other_city.tenant.id, client_id, 1, 100.0, 1.0)
        assert crossed["tenant_status"] == "active" and crossed["client_pk"] is None and crossed["allowed"] is None
        assert await _bucket(owner_engine, api_client.client.id) is None
        assert await conn.fetchval("select coalesce(current_setting('app.tenant_id', true), '')") == ""
        # nor can it read a table of the city outside the statement
        assert await conn.fetchval("select count(*) from api_clients") == 0
        found = await conn.fetchrow(GATE, city.tenant.id, client_id, 1, 100.0, 1.0)
        assert found["client_pk"] == api_client.client.id and found["allowed"] is True
        assert await _bucket(owner_engine, api_client.client.id) == 99.0
        stale = await conn.fetchrow(GATE, city.tenant.id, client_id, 2, 100.0, 1.0)  # a rotated-away version
        assert stale["secret_version"] == 1 and stale["allowed"] is None
        assert await _bucket(owner_engine, api_client.client.id) == 99.0
        assert await conn.fetchval("select relpersistence from pg_class where relname = 'rate_limit_buckets'") == b"u"  # unlogged
    finally:
        await conn.close()


async def test_refused_tokens_spend_nothing_and_failed_requests_still_count(auth_settings, test_database, city,
                                                                           api_client, sessions, owner_engine):
    settings = auth_settings.model_copy(update={"rate_limit_client_per_minute": 3})
    async with running_app(settings, test_database.app_url) as web:
        token = (await get_token(web, api_client.client.client_id, api_client.secret)).json()["access_token"]
        failing = {"query": "{ noSuchField }"}
        answers = [await web.post("/graphql", json=failing, headers=bearer(token)) for _ in range(3)]
        assert [r.status_code for r in answers] == [200, 200, 200]  # GraphQL errors, but answered
        assert all(r.json()["errors"] for r in answers)
        refused = await web.post("/graphql", json={"query": "{ viewer { kind } }"}, headers=bearer(token))
        assert refused.status_code == 429 and 1 <= int(refused.headers["retry-after"]) <= 60
        # a token refused by the gate (revoked client) is not charged to the bucket
        before = await _bucket(owner_engine, api_client.client.id)
        with tenant_context(city.tenant.id):
            async with transaction(sessions) as s:
                await clients.revoke(s, await clients.require(s, api_client.client.client_id))
        for _ in range(3):
            r = await web.post("/graphql", json={"query": "{ viewer { kind } }"}, headers=bearer(token))
            assert r.status_code == 401 and "revoked" in r.json()["detail"]
        assert await _bucket(owner_engine, api_client.client.id) == before
