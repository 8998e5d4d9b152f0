"""Every limit: a query at the cap runs, one over it is refused with a clear error and ZERO resolver calls."""

from __future__ import annotations

from dataclasses import replace

import pytest
from strawberry.extensions import SchemaExtension

from api.graphql.context import GraphQLContext
from api.graphql.limits import Limits, operation_cost
from api.graphql.schema import build_schema
from domain.identity.principal import Role
from tenants.context import tenant_context
from tenants.database import session_factory
from tenants.settings import Settings
from tests.api.graphql.conftest import http, user


class CountResolvers(SchemaExtension):
    calls = 0

    def resolve(self, _next, root, info, *args, **kwargs):
        CountResolvers.calls += 1
        return _next(root, info, *args, **kwargs)


# Each test tightens the limit it probes and leaves the others roomy.
ROOMY = Limits(max_depth=20, max_tokens=10_000, max_aliases=100, max_cost=100_000)
_schemas: dict[Limits, object] = {}


def schema_for(limits: Limits):
    if limits not in _schemas:
        _schemas[limits] = build_schema(limits=limits, extra_extensions=[CountResolvers])
    return _schemas[limits]


@pytest.fixture
async def run(cities, app_engine):
    a, _ = cities
    principal = user(a, Role.coordinator)

    async def execute(query: str, limits: Limits = ROOMY, **variables):
        CountResolvers.calls = 0
        with tenant_context(a.id):
            async with session_factory(app_engine)() as session, session.begin():
                context = GraphQLContext(principal=principal, session=session, request_id="test")
                result = await schema_for(limits).execute(query, variable_values=variables or None, context_value=context)
        return result, CountResolvers.calls

    yield execute


def codes(result) -> list[str]:
    return [e.extensions["code"] for e in result.errors or []]


async def test_depth(run):
    limits = replace(ROOMY, max_depth=3)
    ok, calls_ok = await run("{ organisations(first: 2) { edges { node { id } } } }", limits)  # depth 3
    over, calls = await run("{ organisations(first: 2) { edges { node { city { name } } } } }", limits)  # depth 4
    assert ok.errors is None and calls_ok > 0
    assert codes(over) == ["DEPTH_LIMIT_EXCEEDED"] and "exceeds maximum operation depth of 3" in over.errors[0].message
    assert calls == 0 and over.data is None


async def test_tokens(run):
    # "{" "viewer" "{" "kind"… "}" "}" and the end of the document: 5 + number of leaf names
    limits = replace(ROOMY, max_tokens=40)
    ok, _ = await run("{ viewer { " + "kind " * 35 + "} }", limits)  # 40 tokens
    over, calls = await run("{ viewer { " + "kind " * 36 + "} }", limits)  # 41 tokens
    assert ok.errors is None
    assert codes(over) == ["TOKEN_LIMIT_EXCEEDED"] and "more than 40 tokens" in over.errors[0].message
    assert calls == 0


async def test_aliases(run):
    limits = replace(ROOMY, max_aliases=3)
    ok, _ = await run("{ a: viewer { kind } b: viewer { kind } c: viewer { kind } }", limits)
    over, calls = await run("{ a: viewer { kind } b: viewer { kind } c: viewer { kind } d: viewer { kind } }", limits)
    assert ok.errors is None
    assert codes(over) == ["ALIAS_LIMIT_EXCEEDED"] and calls == 0


async def test_cost(run):
    # organisations(first: 5) { edges { node { id } } } = 1 + 5 × (1 + (1 + 1)) = 16; __typename adds 1
    at_cap = "{ organisations(first: 5) { edges { node { id } } } }"
    one_over = "{ __typename organisations(first: 5) { edges { node { id } } } }"
    limits = replace(ROOMY, max_cost=16)
    assert operation_cost(schema_for(limits)._schema, _parse(at_cap), {}, limits) == 16
    ok, _ = await run(at_cap, limits)
    over, calls = await run(one_over, limits)
    by_variable, calls_var = await run("query($n: Int!) { organisations(first: $n) { edges { node { id } } } }", limits, n=6)
    assert ok.errors is None
    assert codes(over) == ["COST_LIMIT_EXCEEDED"] and "operation cost 17 exceeds the limit of 16" in over.errors[0].message
    assert codes(by_variable) == ["COST_LIMIT_EXCEEDED"]
    assert calls == 0 and calls_var == 0


async def test_page_size(run):
    ok, _ = await run("{ organisations(first: 100) { edges { node { id } } } }")
    over, calls = await run("{ organisations(first: 101) { edges { node { id } } } }")
    over_var, calls_var = await run("query($n: Int!) { organisations(first: $n) { totalCount } }", n=101)
    negative, calls_neg = await run("{ organisations(first: -1) { totalCount } }")
    assert ok.errors is None
    for result in (over, over_var, negative):
        assert codes(result) == ["PAGE_SIZE_EXCEEDED"] and "at most 100 items per page" in result.errors[0].message
    assert calls == calls_var == calls_neg == 0


async def test_over_limit_over_http_and_batches(cities, app):
    application, principals = app
    a, _ = cities
    deep = "{ organisations(first: 100) { edges { node { city { organisations: name } } } } }"
    nested = "{ " + " ".join(f"a{i}: organisations(first: 100) {{ edges {{ node {{ id name kind active }} }} }}" for i in range(25)) + " }"
    async with http(application, principals, user(a, Role.analyst)) as c:
        cost = (await c.post("/graphql", json={"query": nested})).json()
        ok = await c.post("/graphql", json={"query": deep})
        batch_ok = await c.post("/graphql", json=[{"query": "{ viewer { kind } }"}] * 10)
        batch_over = await c.post("/graphql", json=[{"query": "{ viewer { kind } }"}] * 11)
    assert cost["data"] is None and cost["errors"][0]["extensions"]["code"] == "COST_LIMIT_EXCEEDED"
    assert ok.status_code == 200 and "errors" not in ok.json()
    assert batch_ok.status_code == 200 and len(batch_ok.json()) == 10
    assert batch_over.status_code == 400 and "at most 10 operations" in batch_over.text


def _parse(query: str):
    from graphql import parse

    return parse(query)



async def test_cost_counts_page_sizes_as_graphql_coerces_them(run):
    """Issue 9.7: ``100.0`` and a variable's default once cost as 20 each (30,301 ran under 10,000)."""
    limits = replace(ROOMY, max_cost=10_000)
    groups = "groups(first: $n) { edges { node { id timeline(first: $n) { edges { cursor } } } } }"  # 20,401 at 100
    as_float, calls_float = await run("query($n: Int!) { " + groups + " }", limits, n=100.0)
    as_default, calls_default = await run("query($n: Int = 100) { " + groups + " }", limits)
    assert operation_cost(schema_for(limits)._schema, _parse("query($n: Int = 100) { " + groups + " }"), {}, limits) == 20_401
    for result in (as_float, as_default):
        assert codes(result) == ["COST_LIMIT_EXCEEDED"], result.errors
    assert calls_float == calls_default == 0


async def test_a_batch_is_costed_and_rate_limited_as_a_whole(cities, test_database):
    from tests.api.graphql.conftest import make_app

    a, _ = cities
    page = "{ organisations(first: 100) { edges { node { id name kind active } } } }"  # 1 + 100 × (1 + (1 + 4)) = 601
    application, principals = make_app(test_database, Settings(env="test", rate_limit_user_per_minute=12))
    async with application.router.lifespan_context(application):
        async with http(application, principals, user(a, Role.analyst)) as c:
            under = await c.post("/graphql", json=[{"query": page}] * 10)  # 6,010: under the limit
            costly = "{ " + " ".join(f"a{i}: organisations(first: 100) {{ edges {{ node {{ id name kind active }} }} }}"
                                     for i in range(6)) + " }"  # 3,606 each
            too_costly = await c.post("/graphql", json=[{"query": costly}] * 3)  # 10,818 as a whole
            # 10 + 1 (the refused batch) spent of 12: ten more operations are over the budget
            refused = await c.post("/graphql", json=[{"query": "{ viewer { kind } }"}] * 10)
    assert under.status_code == 200 and len(under.json()) == 10
    assert too_costly.status_code == 400, too_costly.text
    assert "batch cost 10818 exceeds the limit of 10000" in too_costly.text
    assert refused.status_code == 429  # ten operations spend ten tokens, not one
