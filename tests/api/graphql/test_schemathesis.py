"""A Schemathesis GraphQL run over the whole schema (every query and mutation field), against the ASGI app:
generated operations may be refused (4xx, typed errors) but never crash the server (5xx)."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.identity.principal import Role
from tenants.settings import Settings
from tests.api.graphql.conftest import PRINCIPAL_HEADER, PURPOSE, make_app, user

EXAMPLES_PER_OPERATION = 4

# Strawberry's Decimal travels as a string; anything numeric-looking (and some that is not) will do.
schemathesis.graphql.scalar("Decimal", st.sampled_from(["0", "1.5", "24", "25", "-1", "abc"]).map(schemathesis.graphql.nodes.String))


def test_no_server_errors_anywhere_in_the_schema(test_database, cities):
    a, _ = cities
    # development: introspection on (Schemathesis reads the schema from the app); no rate limit in the way
    app, principals = make_app(test_database, Settings(env="development", rate_limit_user_per_minute=100_000))
    headers = {PRINCIPAL_HEADER: principals.key(user(a, Role.coordinator)), "X-GVI-Purpose": PURPOSE}
    schema = schemathesis.graphql.from_asgi("/graphql", app, headers=headers)
    operations = [result.ok() for result in schema.get_all_operations()]
    names = {op.label for op in operations}
    assert len(operations) > 60 and any("ingestIncidents" in n for n in names) and any("incidents" in n for n in names)
    failures: list[tuple[str, int, str]] = []
    calls = answered = 0

    def runner(operation):
        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def run(case):
            nonlocal calls, answered
            response = case.call(headers=headers)
            calls += 1
            answered += response.status_code == 200
            if response.status_code >= 500:
                failures.append((operation.label, response.status_code, response.text[:300]))
            elif response.status_code == 200:
                for error in response.json().get("errors") or []:
                    if error.get("extensions", {}).get("code") == "INTERNAL_SERVER_ERROR":
                        failures.append((operation.label, 200, str(error)[:300]))

        return run

    for operation in operations:
        runner(operation)()
    assert calls >= len(operations) and answered > calls // 2  # most operations really ran (authenticated, valid)
    assert failures == [], failures[:5]
