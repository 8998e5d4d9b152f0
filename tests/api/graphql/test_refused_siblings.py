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
