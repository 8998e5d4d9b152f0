"""DataLoaders: lists with nested relations issue a fixed number of SQL statements, whatever the page size."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from domain.identity.principal import Role
from tenants.settings import Settings
from tests.api.graphql.conftest import http, make_app, user
from tests.api.graphql.test_benchmark_queries import INCIDENTS as BENCHMARK_INCIDENTS
from tests.api.graphql.test_benchmark_queries import PERSON

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


@pytest.fixture
async def resolver_app(test_database):
    """The app with the compiler off: every field through its resolver and the DataLoaders."""
    app, principals = make_app(test_database, Settings(env="test", graphql_compile=False))
    async with app.router.lifespan_context(app):
        yield app, principals


async def test_incidents_with_groups_and_people(resolver_app, malmo):
    per_size = await statements_per_size(resolver_app, malmo, INCIDENTS, (10, 100), "incidents")
    for n, (_, edges) in per_size.items():
        assert any(e["node"]["groups"] for e in edges) and any(e["node"]["people"] for e in edges), n
    small, large = (per_size[n][0] for n in (10, 100))
    assert len(small) == len(large), (small, large)
    # rate limit, tenant scope, the page, groups (joined), people (joined), and the one audit entry
    # (its own transaction: scope, chain lock, head, insert)
    assert len(large) == 9, large


async def test_people_with_memberships_and_support_cases(resolver_app, malmo):
    per_size = await statements_per_size(resolver_app, malmo, PEOPLE, (10, 50), "people")
    for n, (_, edges) in per_size.items():
        assert any(e["node"]["memberships"] for e in edges) and any(e["node"]["supportCases"] for e in edges), n
    small, large = (per_size[n][0] for n in (10, 50))
    assert len(small) == len(large), (small, large)
    # rate limit, scope, page, memberships, support cases, their groups, their organisations, audit (4)
    assert len(large) == 11, large


@pytest.mark.parametrize("query", [INCIDENTS, BENCHMARK_INCIDENTS.replace("$first", "$n")])
async def test_compiled_incidents_are_one_statement_whatever_the_page_size(app, malmo, query):
    per_size = await statements_per_size(app, malmo, query, (10, 50, 100), "incidents")
    sizes = [len(statements) for statements, _ in per_size.values()]
    assert len(set(sizes)) == 1, per_size
    # rate limit, tenant scope, the one compiled statement, and the audit entry (scope, chain lock, head, insert)
    assert sizes[0] == 7, per_size[100][0]


async def test_a_compiled_person_with_timeline_is_one_statement(app, malmo):
    application, principals = app
    per_size = await statements_per_size(app, malmo, INCIDENTS, (10,), "incidents")
    person_id = next(link["person"]["id"] for e in per_size[10][1] for link in e["node"]["people"])
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    engine = application.state.database.engine.sync_engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        async with http(application, principals, user(malmo, Role.coordinator)) as c:
            for size in (1, 50, 100):
                statements.clear()
                query = PERSON.replace("timeline(first: 50)", f"timeline(first: {size})")
                body = (await c.post("/graphql", json={"query": query, "variables": {"id": person_id}})).json()
                assert "errors" not in body and body["data"]["person"], body
                assert len(statements) == 3, statements  # rate limit, tenant scope, the compiled statement
    finally:
        event.remove(engine, "before_cursor_execute", count)
