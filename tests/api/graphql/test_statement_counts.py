"""DataLoaders: lists with nested relations issue a fixed number of SQL statements, whatever the page size."""

from __future__ import annotations

from sqlalchemy import event

from domain.identity.principal import Role
from tests.api.graphql.conftest import http, user

INCIDENTS = """query($n: Int!) { incidents(first: $n, order: OCCURRED_AT) { edges { node { id type occurredAt
  groups { id name } people { role person { id displayName } } } } } }"""
PEOPLE = """query($n: Int!) { people(first: $n) { edges { node { id displayName
  memberships { position current group { name } } supportCases { status providerOrganisation { name } } } } } }"""


async def statements_per_size(app, city, query, sizes, field):
    application, principals = app
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    database = application.state.database
    # the request's pool and the audit pool (the read's audit entry is written on its own connection)
    engines = [e.sync_engine for e in (database.engine, database.audit_engine) if e is not None]
    for engine in engines:
        event.listen(engine, "before_cursor_execute", count)
    per_size = {}
    try:
        async with http(application, principals, user(city, Role.coordinator)) as c:
            for n in sizes:
                statements.clear()
                r = await c.post("/graphql", json={"query": query, "variables": {"n": n}})
                body = r.json()
                assert "errors" not in body, body
                edges = body["data"][field]["edges"]
                assert len(edges) == n
                per_size[n] = (list(statements), edges)
    finally:
        for engine in engines:
            event.remove(engine, "before_cursor_execute", count)
    return per_size


async def test_incidents_with_groups_and_people(app, malmo):
    per_size = await statements_per_size(app, malmo, INCIDENTS, (10, 100), "incidents")
    for n, (_, edges) in per_size.items():
        assert any(e["node"]["groups"] for e in edges) and any(e["node"]["people"] for e in edges), n
    small, large = (per_size[n][0] for n in (10, 100))
    assert len(small) == len(large), (small, large)
    # rate limit, tenant scope, the page, groups (joined), people (joined), and the one audit entry
    # (its own transaction: scope, chain lock, head, insert)
    assert len(large) == 9, large


async def test_people_with_memberships_and_support_cases(app, malmo):
    per_size = await statements_per_size(app, malmo, PEOPLE, (10, 50), "people")
    for n, (_, edges) in per_size.items():
        assert any(e["node"]["memberships"] for e in edges) and any(e["node"]["supportCases"] for e in edges), n
    small, large = (per_size[n][0] for n in (10, 50))
    assert len(small) == len(large), (small, large)
    # rate limit, scope, page, memberships, support cases, their groups, their organisations, audit (4)
    assert len(large) == 11, large
