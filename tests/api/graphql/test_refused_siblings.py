"""A refused top-level field answers null + FORBIDDEN; readable siblings survive (issue 10.10)."""

from __future__ import annotations

from domain.identity.principal import Role
from tests.api.graphql.conftest import http, user


async def test_refused_field_leaves_readable_siblings(app, cities):
    application, principals = app
    a, _ = cities
    query = "{ viewer { kind } organisations(first: 1) { totalCount } enforcementActions(first: 1) { totalCount } }"
    async with http(application, principals, user(a, Role.caseworker)) as c:
        body = (await c.post("/graphql", json={"query": query})).json()
    assert body["data"] is not None, body
    assert body["data"]["viewer"] == {"kind": "user"}
    assert body["data"]["organisations"] == {"totalCount": 7}
    assert body["data"]["enforcementActions"] is None
    assert [(e["path"], e["extensions"]["code"]) for e in body["errors"]] == [(["enforcementActions"], "FORBIDDEN")]


async def test_graphql_transport_refusals_are_problem_json(app, cities):
    """Strawberry's own 400s (unparsable JSON, no query, a batch over the limit) were text/plain."""
    application, principals = app
    a, _ = cities
    async with http(application, principals, user(a, Role.coordinator)) as c:
        answers = [
            await c.post("/graphql", content=b"{not json", headers={"content-type": "application/json"}),
            await c.post("/graphql", json={"variables": {}}),
            await c.post("/graphql", json=[{"query": "{ viewer { kind } }"}] * 11),
        ]
    for r in answers:
        assert r.status_code == 400, r.text
        assert r.headers["content-type"].startswith("application/problem+json"), r.headers
        body = r.json()
        assert body["status"] == 400 and body["detail"] and body["request_id"] == r.headers["x-request-id"]
