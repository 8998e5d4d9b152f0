"""Request ids, security headers, input limits and the fault barrier, on the real app."""

from __future__ import annotations

import uuid

import httpx
import pytest

from api.app import create_app
from api.middleware.input_limits import MAX_BODY_BYTES
from api.middleware.security_headers import API_CSP
from tenants.settings import Settings

UNREACHABLE = "postgresql+asyncpg://gvi_app@127.0.0.1:1/gvi"


@pytest.fixture
async def app_client(test_database):
    app = create_app(Settings(env="test"), app_database_url=test_database.app_url)

    async def boom():
        raise RuntimeError("secret internals: select * from people where name = 'Anna'")

    app.add_api_route("/test-boom", boom)
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app, raise_app_exceptions=False),
                                     base_url="http://testserver") as c:
            yield c


@pytest.mark.parametrize("incoming", ["POL-2020-0301-17", "a" * 128, "sys:ärende.1".encode().decode("ascii", "ignore"),
                                      "0f8fad5b-d9cb-469f-a165-70867728950e"])
async def test_agency_correlation_ids_are_kept(app_client, incoming):
    r = await app_client.get("/healthz", headers={"X-Request-ID": incoming})
    assert r.headers["x-request-id"] == incoming


@pytest.mark.parametrize("incoming", ["a" * 129, "two words", "x;y", "<script>", "id\tx"])
async def test_unsafe_request_ids_are_replaced(app_client, incoming):
    r = await app_client.get("/healthz", headers={"X-Request-ID": incoming})
    assert r.headers["x-request-id"] != incoming
    uuid.UUID(r.headers["x-request-id"])


async def test_unexpected_error_is_problem_json_with_request_id_and_no_internals(app_client):
    r = await app_client.get("/test-boom", headers={"X-Request-ID": "POL-1"})
    assert r.status_code == 500
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.headers["x-request-id"] == "POL-1" and r.json()["request_id"] == "POL-1"
    assert "select" not in r.text and "Anna" not in r.text
    assert r.headers["x-content-type-options"] == "nosniff"


async def test_security_headers_on_every_answer(app_client):
    for path in ("/healthz", "/api/no/such/page"):  # other unknown paths are the web UI's client routes
        r = await app_client.get(path)
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY"
        assert r.headers["content-security-policy"] == API_CSP
        assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
        assert r.headers["referrer-policy"] == "no-referrer"
        assert "strict-transport-security" not in r.headers  # plain HTTP: no HSTS


async def test_hsts_only_over_tls(test_database):
    app = create_app(Settings(env="test"), app_database_url=test_database.app_url)
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="https://testserver") as c:
            r = await c.get("/healthz")
    assert r.headers["strict-transport-security"].startswith("max-age=")


async def test_a_route_can_bring_its_own_csp(test_database):
    app = create_app(Settings(env="test"), app_database_url=test_database.app_url)
    app.state.header_policy.route_csp("/ui", "default-src 'self'")
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as c:
            ui, api = await c.get("/ui/app.js"), await c.get("/healthz")
    assert ui.headers["content-security-policy"] == "default-src 'self'"
    assert api.headers["content-security-policy"] == API_CSP


async def test_oversized_body_is_413_declared_or_streamed(app_client):
    big = b"{" + b" " * MAX_BODY_BYTES + b"}"
    r = await app_client.post("/graphql", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["errors"][0]["field"] == "body"

    async def chunks():  # no Content-Length: counted as it arrives
        for _ in range(5):
            yield b" " * (MAX_BODY_BYTES // 4)

    r = await app_client.post("/auth/login", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413, r.text
    assert r.headers["content-type"].startswith("application/problem+json")


async def test_purpose_header_is_capped(app_client):
    r = await app_client.post("/graphql", json={"query": "{ viewer { kind } }"}, headers={"X-GVI-Purpose": "p" * 201})
    assert r.status_code == 400
    assert r.json()["errors"][0] == {"field": "X-GVI-Purpose", "code": "too_long",
                                     "message": "must be at most 200 characters (got 201)"}


async def test_graphql_transport_refusals_are_problem_json(app_client):
    r = await app_client.post("/graphql", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code in (400, 401)
    assert r.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize("method,path,kwargs", [
    ("post", "/auth/login", {"json": {"tenant": "malmo", "username": "u", "password": "p" * 12}}),
    ("post", "/oauth/token", {"data": {"grant_type": "client_credentials"}, "auth": ("malmo.x", "secret")}),
])
async def test_database_away_is_503_with_retry_after(method, path, kwargs):
    app = create_app(Settings(env="test"), app_database_url=UNREACHABLE)
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app, raise_app_exceptions=False),
                                     base_url="http://t") as c:
            r = await getattr(c, method)(path, headers={"X-Request-ID": "POL-9"}, **kwargs)
    assert r.status_code == 503, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["detail"] == "database unavailable, retry"
    assert r.headers["retry-after"].isdigit() and r.headers["x-request-id"] == "POL-9"
    assert "127.0.0.1" not in r.text and "refused" not in r.text.lower()


async def test_graphql_internal_errors_carry_the_request_id():
    from types import SimpleNamespace

    import strawberry

    from api.graphql.errors import ErrorPolicy

    @strawberry.type
    class Broken:
        @strawberry.field
        def secret(self) -> str:
            raise RuntimeError("select * from people")

    result = await strawberry.Schema(query=Broken, extensions=[ErrorPolicy]).execute(
        "{ secret }", context_value=SimpleNamespace(request_id="POL-2020-0301-17", failed=False))
    [error] = result.errors
    assert error.extensions == {"code": "INTERNAL_SERVER_ERROR", "requestId": "POL-2020-0301-17"}
    assert "POL-2020-0301-17" in error.message and "select" not in error.message
