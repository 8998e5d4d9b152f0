"""Per-user and per-client rate limits: 429 with Retry-After, one budget shared by two app instances."""

from __future__ import annotations

from domain.identity.principal import Role
from tenants.settings import Settings
from tests.api.graphql.conftest import api_client, http, make_app, user

QUERY = {"query": "{ viewer { kind } }"}


async def test_budget_is_shared_across_instances(cities, test_database):
    a, _ = cities
    settings = Settings(env="test", rate_limit_user_per_minute=3, rate_limit_client_per_minute=5)
    first, first_principals = make_app(test_database, settings)
    second, second_principals = make_app(test_database, settings)
    caller, other, client = user(a, Role.coordinator), user(a, Role.viewer), api_client(a, "programme:read")
    async with first.router.lifespan_context(first), second.router.lifespan_context(second):
        async with http(first, first_principals, caller) as one, http(second, second_principals, caller) as two:
            allowed = [await one.post("/graphql", json=QUERY), await two.post("/graphql", json=QUERY),
                       await one.post("/graphql", json=QUERY)]
            refused_two = await two.post("/graphql", json=QUERY)
            refused_one = await one.post("/graphql", json=QUERY)
        async with http(second, second_principals, other) as c:
            other_user = await c.post("/graphql", json=QUERY)
        async with http(first, first_principals, client) as c:
            client_answers = [(await c.post("/graphql", json=QUERY)).status_code for _ in range(6)]
    assert [r.status_code for r in allowed] == [200, 200, 200]
    for refused in (refused_two, refused_one):
        assert refused.status_code == 429
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert 1 <= int(refused.headers["retry-after"]) <= 60
        assert "3 requests per minute" in refused.json()["detail"]
    assert other_user.status_code == 200  # budgets are per subject
    assert client_answers == [200] * 5 + [429]  # API clients have their own (larger) budget
