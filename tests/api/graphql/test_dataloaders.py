"""DataLoaders: a page of organisations with their city costs a fixed number of statements, whatever its size."""

from __future__ import annotations

from sqlalchemy import event

from domain.identity.principal import Role
from tests.api.graphql.conftest import http, make_city, user
from tests.conftest import purge_tenant

QUERY = "query($n: Int!) { organisations(first: $n) { totalCount edges { node { name city { name slug } } } } }"


async def test_statement_count_does_not_grow_with_page_size(app, app_engine, owner_engine):
    application, principals = app
    city = await make_city(app_engine, 60)
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    engine = application.state.database.engine.sync_engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        per_size = {}
        async with http(application, principals, user(city, Role.coordinator)) as c:
            for n in (1, 10, 60):
                statements.clear()
                r = await c.post("/graphql", json={"query": QUERY, "variables": {"n": n}})
                edges = r.json()["data"]["organisations"]["edges"]
                assert len(edges) == n and all(e["node"]["city"]["slug"] == city.tenant.slug for e in edges)
                per_size[n] = list(statements)
    finally:
        event.remove(engine, "before_cursor_execute", count)
        await purge_tenant(owner_engine, city.id)
    # tenant scope, one page, one count, one batched city load (the rate-limit token is spent on the
    # driver, past SQLAlchemy: test_statement_counts counts the driver's statements too)
    assert len(per_size[1]) == len(per_size[10]) == len(per_size[60]) == 4, per_size[60]
