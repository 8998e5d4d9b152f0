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
