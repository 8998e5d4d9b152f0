"""DataLoaders: lists with nested relations issue a fixed number of SQL statements, whatever the page size."""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

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


@asynccontextmanager
async def counting(engines, statements: list[str]):
    """Every statement sent on the engines' connections: SQLAlchemy's, and those sent on the raw driver
    connection (the gate, a compiled read's own transaction), which SQLAlchemy never sees. Transaction
    control alone (BEGIN, COMMIT, ROLLBACK) is not a statement here."""

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    def raw(record) -> None:
        query = record.query.strip().rstrip(";").strip()
        if not query or query == "select 1":
            return  # the pool's liveness check at checkout
        if query.split(None, 1)[0].upper() in {"BEGIN", "COMMIT", "ROLLBACK"} and ";" not in query:
            return  # transaction control
        if "pg_catalog." in query or "set_config('jit'" in query:
            return  # the driver's own type introspection, once per new connection
        statements.append(query)  # BEGIN sent with the tenant scope in one round trip counts as the scope

    def on_connect(dbapi_connection, record) -> None:
        dbapi_connection.driver_connection.add_query_logger(raw)

    for engine in engines:
        await engine.dispose()  # new connections, so each gets the driver-level logger
        event.listen(engine.sync_engine, "before_cursor_execute", count)
        event.listen(engine.sync_engine, "connect", on_connect)
    try:
        yield
    finally:
        for engine in engines:
            event.remove(engine.sync_engine, "before_cursor_execute", count)
            event.remove(engine.sync_engine, "connect", on_connect)
            await engine.dispose()


async def settled() -> None:
    await asyncio.sleep(0.05)  # the driver reports a statement through the loop, right after it ran


async def statements_per_size(app, city, query, sizes, field):
    application, principals = app
    statements: list[str] = []
    database = application.state.database
    # the request's pool and the audit pool (the read's audit entry is written on its own connection)
    engines = [e for e in (database.engine, database.audit_engine) if e is not None]
    per_size = {}
    async with counting(engines, statements), http(application, principals, user(city, Role.coordinator)) as c:
        await c.post("/graphql", json={"query": query, "variables": {"n": sizes[0]}})  # new connections warm up
        for n in sizes:
            await settled()
            statements.clear()
            r = await c.post("/graphql", json={"query": query, "variables": {"n": n}})
            body = r.json()
            assert "errors" not in body, body
            edges = body["data"][field]["edges"]
            assert len(edges) == n
            await settled()
            per_size[n] = (list(statements), edges)
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
    assert len(large) == 9, "\n".join(x[:60].replace("\n", " ") for x in large)


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
    async with counting([application.state.database.engine], statements), \
            http(application, principals, user(malmo, Role.coordinator)) as c:
        for size in (1, 1, 50, 100):  # the first request warms up a new connection
            await settled()
            statements.clear()
            query = PERSON.replace("timeline(first: 50)", f"timeline(first: {size})")
            body = (await c.post("/graphql", json={"query": query, "variables": {"id": person_id}})).json()
            assert "errors" not in body and body["data"]["person"], body
            await settled()
            assert len(statements) == 3, statements  # rate limit, tenant scope, the compiled statement
