from __future__ import annotations

import httpx

from api.app import create_app
from tenants.settings import Settings


async def test_healthz_and_request_id(client):
    r = await client.get("/healthz")
    assert r.status_code == 200 and r.json() == {"status": "ok"}
    assert len(r.headers["x-request-id"]) >= 16
    r2 = await client.get("/healthz", headers={"X-Request-ID": "0f8fad5b-d9cb-469f-a165-70867728950e"})
    assert r2.headers["x-request-id"] == "0f8fad5b-d9cb-469f-a165-70867728950e"


async def test_readyz_when_migrated(client):
    r = await client.get("/readyz")
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "ready"


async def test_readyz_503_when_database_unreachable():
    app = create_app(Settings(env="test"), app_database_url="postgresql+asyncpg://gvi_app@127.0.0.1:1/gvi")
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
            r = await c.get("/readyz")
    assert r.status_code == 503
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["detail"] == "database unreachable"


async def test_unknown_route_is_problem_json(client):
    r = await client.get("/api/no/such/thing")  # other paths are the web UI's client routes
    assert r.status_code == 404
    body = r.json()
    assert r.headers["content-type"].startswith("application/problem+json")
    assert set(body) >= {"type", "title", "status", "detail", "errors", "request_id"}
    assert body["status"] == 404 and body["request_id"] == r.headers["x-request-id"]


def test_schema_state_lets_the_previous_release_serve_during_a_rollout():
    """Expand/contract: code older than the schema stays ready; code newer than the schema waits."""
    from alembic.script import ScriptDirectory

    from tenants.migrate import alembic_config, head_revision, schema_state

    script = ScriptDirectory.from_config(alembic_config())
    earlier = [r.revision for r in script.walk_revisions() if r.revision != head_revision()]
    assert earlier
    assert schema_state(head_revision()) == "current"
    assert all(schema_state(r) == "behind" for r in earlier)
    assert schema_state(None) == "behind"
    assert schema_state("f00dfeed0000") == "ahead"  # migrated by a release this code does not know


async def test_readyz_reports_the_schema_state(client):
    r = await client.get("/readyz")
    assert r.status_code == 200
    assert r.json()["schema_state"] == "current" and r.json()["schema"] == r.json()["code"]


async def test_concurrent_migrations_wait_for_each_other(owner_engine, test_database):
    """Two `gvi migrate` at once (a retried Job and an operator) serialise on an advisory lock."""
    import asyncio

    from tenants import migrate

    async with owner_engine.connect() as other:
        other = await other.execution_options(isolation_level="AUTOCOMMIT")
        await other.execute(migrate._MIGRATION_LOCK)  # another migration is running
        run = asyncio.create_task(migrate.upgrade(test_database.owner_url))
        await asyncio.sleep(1.0)
        assert not run.done()
        await other.execute(migrate._MIGRATION_UNLOCK)
        await asyncio.wait_for(run, 60)
