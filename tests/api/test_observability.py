"""Metrics at /metrics (token, bounded labels, multi-process) and tracing switched by configuration."""

from __future__ import annotations

import uuid

import httpx
import pytest
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from prometheus_client.parser import text_string_to_metric_families

from api.app import create_app
from api.observability import metrics, tracing
from domain.identity.principal import Role
from tenants.settings import Settings
from tests.api.graphql import conftest as graphql_fixtures
from tests.api.graphql.conftest import http, make_app, user

cities = graphql_fixtures.cities  # two committed cities (a fixture)

TOKEN = "scrape-" + uuid.uuid4().hex


async def scrape(client: httpx.AsyncClient) -> list:
    r = await client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/plain")
    return list(text_string_to_metric_families(r.text))


def samples(families: list, prefix: str = "gvi_") -> list:
    return [s for f in families if f.name.startswith(prefix) for s in f.samples]


@pytest.fixture
async def app_and_client(test_database):
    app, principals = make_app(test_database, Settings(env="test", metrics_token=TOKEN))
    async with app.router.lifespan_context(app):
        yield app, principals


async def test_metrics_need_the_configured_token(test_database):
    app = create_app(Settings(env="test"), app_database_url=test_database.app_url)
    async with app.router.lifespan_context(app), httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        r = await c.get("/metrics")
        assert r.status_code == 404  # no token configured: the endpoint does not exist
        assert "gvi_" not in r.text
    app = create_app(Settings(env="test", metrics_token=TOKEN), app_database_url=test_database.app_url)
    async with app.router.lifespan_context(app), httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}, {"Authorization": f"Basic {TOKEN}"},
                        {"Authorization": f"Bearer {TOKEN}x"}):
            r = await c.get("/metrics", headers=headers)
            assert r.status_code == 401, headers
            assert r.headers["content-type"].startswith("application/problem+json")
            assert "gvi_http" not in r.text
        families = await scrape(c)
    names = {f.name for f in families}
    assert {"gvi_http_requests", "gvi_http_request_duration_seconds", "gvi_db_pool_checked_out", "gvi_db_pool_capacity",
            "gvi_audit_entries", "gvi_rate_limit_refusals", "gvi_graphql_operations", "gvi_ingested_incidents"} <= names


async def test_label_values_are_bounded_and_carry_no_input(app_and_client, cities, monkeypatch):
    """Paths, methods, operation names and ids sent by callers never become label values."""
    monkeypatch.setattr(metrics, "OPERATION_NAMES", metrics.OperationNames(limit=3))
    app, principals = app_and_client
    malmo, _ = cities
    secret = "198112189876"  # a valid identity number: must never appear in /metrics
    marker = uuid.uuid4().hex
    async with http(app, principals, user(malmo, Role.coordinator)) as c:
        before = {(s.name, tuple(sorted(s.labels.items()))): s.value for s in samples(await scrape(c))}
        for i in range(20):
            await c.get(f"/api/no/such/{marker}/{i}")  # API prefixes never fall back to the web UI
            await c.get(f"/api/people/{uuid.uuid4()}/subject-access", params={"format": "json", "q": secret})
            await c.request("PROPFIND" if i % 2 else "BREW", f"/graphql?{marker}")
            name = f"Op{marker[:6]}{i}"
            await c.post("/graphql", json={"query": f"query {name} {{ viewer {{ kind }} }}", "operationName": name})
        await c.post("/graphql", json={"query": "{ viewer { kind } }"})  # anonymous operation
        await c.post("/graphql", json={"query": f'query P{secret} {{ people(filter: {{identityNumber: "{secret}"}}) {{ totalCount }} }}'})
        await c.post("/graphql", json={"query": "query { nope(", "operationName": marker})  # does not parse
        await c.post("/graphql", json={"query": "{ viewer { kind } }", "operationName": "x" * 500})
        await c.post("/graphql", json={"query": "mutation { ingestIncidents(input: []) { created } }"})
        families = await scrape(c)

    routes = {metrics.UNMATCHED}
    for r in app.router.routes:  # included routers expand to their routes with the full template
        routes |= {c.path_format for c in r.effective_route_contexts()} if hasattr(r, "effective_route_contexts") else {r.path}
    # the registry is the process's: judge the series this test's requests created or moved
    found = [s for s in samples(families) if before.get((s.name, tuple(sorted(s.labels.items())))) != s.value]
    assert found
    text = repr([s.labels for s in found])
    assert marker not in text and secret not in text and "x" * 65 not in text
    for s in found:
        labels = s.labels
        if "route" in labels:
            assert labels["route"] in routes, labels
        if "method" in labels:
            assert labels["method"] in metrics.METHODS | {"other"}, labels
        if "status" in labels:
            assert labels["status"].isdigit() and len(labels["status"]) == 3
        if "operation" in labels:
            assert len(labels["operation"]) <= 64
    operations = {s.labels["operation"] for s in found if s.name == "gvi_graphql_operations_total"}
    # three of this test's names were admitted, then everything else is "other"
    assert {"anonymous", "other"} <= operations
    assert len({o for o in operations if o.startswith(f"Op{marker[:6]}")}) == 3
    assert not any(secret in o for o in operations)
    assert any(s.labels.get("route") == "/api/people/{person_id}/subject-access" for s in found)
    assert any(s.labels.get("route") == metrics.UNMATCHED and s.labels.get("status") == "404" for s in found)
    assert any(s.labels.get("method") == "other" for s in found)


async def test_pool_and_domain_counters_move(app_and_client, cities):
    app, principals = app_and_client
    malmo, _ = cities

    def value(families, name, **labels) -> float:
        return sum(s.value for s in samples(families) if s.name == name and all(s.labels.get(k) == v for k, v in labels.items()))

    async with http(app, principals, user(malmo, Role.coordinator)) as c:
        before = await scrape(c)
        r = await c.post("/graphql", json={"query": """mutation { ingestIncidents(input: [
            {type: shooting, occurredAt: "2024-05-01T20:00:00+02:00", confirmed: true, killed: 0, injured: 1, externalReference: "M-1"},
            {type: shooting, occurredAt: "2024-05-02T20:00:00+02:00", confirmed: true, killed: 0, injured: 0, externalReference: "M-1"}
        ]) { created duplicates failed errors { message } } }"""})
        assert (r.json().get("data") or {}).get("ingestIncidents", {}).get("created") == 1, r.text
        after = await scrape(c)
    def grew(name, **labels) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert grew("gvi_ingested_incidents_total", result="created") == 1
    assert grew("gvi_ingested_incidents_total", result="duplicate") == 1
    assert value(after, "gvi_audit_entries_total", action="write", outcome="allowed") > value(
        before, "gvi_audit_entries_total", action="write", outcome="allowed")
    assert value(after, "gvi_db_pool_capacity", pool="request") == 20
    assert value(after, "gvi_db_pool_checked_out", pool="request") == 0  # every connection went back
    assert value(after, "gvi_db_connections_opened_total", pool="request") >= 1
    assert value(after, "gvi_graphql_operations_total", type="mutation", outcome="ok") >= 1
    assert value(after, "gvi_http_request_duration_seconds_count", route="/graphql", method="POST") >= 1, {
        (s.name, tuple(s.labels.items())) for s in samples(after) if "route" in s.labels}


async def test_tracing_off_by_default_and_on_by_configuration(test_database):
    assert tracing.provider(Settings(env="test")) is None
    exporter = InMemorySpanExporter()
    app = create_app(Settings(env="test"), app_database_url=test_database.app_url)
    provider = tracing.provider(Settings(env="test", tracing="console"), exporter=exporter)
    app.state.tracer_provider = provider
    # rebuild the middleware stack with a tracer (create_app built it without one)
    from api.observability.middleware import Observability

    for m in app.user_middleware:
        if m.cls is Observability:
            m.kwargs["tracer"] = provider.get_tracer("test")
    trace_id = "4bf92f3577b34da6a3ce929d0e0e4736"
    async with app.router.lifespan_context(app), httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        r = await c.get(f"/api/no/such/{uuid.uuid4()}?person=198112189876",
                        headers={"traceparent": f"00-{trace_id}-00f067aa0ba902b7-01", "X-Request-ID": "req-abc-123"})
        assert r.status_code == 404
        await c.get("/healthz")
    provider.force_flush()
    spans = exporter.get_finished_spans()
    assert [s.name for s in spans] == ["GET unmatched", "GET /healthz"]
    first = spans[0]
    assert format(first.context.trace_id, "032x") == trace_id  # joined the caller's trace
    assert first.attributes["http.route"] == "unmatched" and first.attributes["http.response.status_code"] == 404
    assert "198112189876" not in repr(dict(first.attributes))
    assert first.attributes["gvi.request_id"] == r.headers["x-request-id"]
