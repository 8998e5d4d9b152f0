"""Production is closed by default (no introspection, IDE, suggestions or internals); development opens them."""

from __future__ import annotations

import strawberry

from api.graphql.errors import ErrorPolicy
from domain.identity.principal import Role
from tenants.settings import Settings
from tests.api.graphql.conftest import http, make_app, user

INTROSPECTION = {"query": "{ __schema { queryType { name } } }"}
TYPO = {"query": "{ organisatons(first: 1) { totalCount } }"}


async def probe(test_database, cities, env: str):
    a, _ = cities
    app, principals = make_app(test_database, Settings(env=env))
    async with app.router.lifespan_context(app):
        async with http(app, principals, user(a, Role.coordinator)) as c:
            introspection = (await c.post("/graphql", json=INTROSPECTION)).json()
            typo = (await c.post("/graphql", json=TYPO)).json()
            ide = await c.get("/graphql", headers={"accept": "text/html"})
            via_get = await c.get("/graphql", params={"query": "{ viewer { kind } }"})
    return introspection, typo, ide, via_get


async def test_production_is_closed(test_database, cities):
    introspection, typo, ide, via_get = await probe(test_database, cities, "production")
    assert introspection["data"] is None
    assert "introspection" in introspection["errors"][0]["message"].lower()
    assert "Did you mean" not in typo["errors"][0]["message"]
    assert ide.status_code == 404 and "graphiql" not in ide.text.lower()
    assert via_get.status_code != 200  # queries only by POST


async def test_development_opens_ide_and_introspection(test_database, cities):
    introspection, typo, ide, _ = await probe(test_database, cities, "development")
    assert introspection["data"] == {"__schema": {"queryType": {"name": "Query"}}}
    assert "Did you mean" in typo["errors"][0]["message"]
    assert ide.status_code == 200 and "graphiql" in ide.text.lower()


@strawberry.type
class Broken:
    @strawberry.field
    def secret(self) -> str:
        raise RuntimeError("password=hunter2 in a stack trace")


async def test_unexpected_errors_are_masked_in_every_mode():
    # An exception's text can hold SQL, bound parameters or person data: development masks it too.
    masked = strawberry.Schema(query=Broken, extensions=[ErrorPolicy])
    hidden = await masked.execute("{ secret }")
    assert "hunter2" not in hidden.errors[0].message and hidden.errors[0].extensions["code"] == "INTERNAL_SERVER_ERROR"



async def test_a_statement_stopped_by_the_timeout_is_a_typed_error_without_sql(app_engine):
    """Issue 9.1: the runtime role's statement_timeout stops a runaway statement; the caller learns
    why (QUERY_TIMEOUT), never the statement."""
    from sqlalchemy import text

    @strawberry.type
    class Slow:
        @strawberry.field
        async def slow(self) -> int:
            async with app_engine.connect() as conn:
                await conn.execute(text("set local statement_timeout = '50ms'"))
                return (await conn.execute(text("select 1 from pg_sleep(2) /* secret_marker */"))).scalar()

    result = await strawberry.Schema(query=Slow, extensions=[ErrorPolicy]).execute("{ slow }")
    [error] = result.errors
    assert error.extensions["code"] == "QUERY_TIMEOUT", error
    assert "secret_marker" not in error.message and "pg_sleep" not in error.message
