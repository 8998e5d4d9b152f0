"""Schemathesis over the OpenAPI surface (REST, /auth/*, /oauth/token, /public, health), against the ASGI
app on real PostgreSQL: generated requests may be refused (4xx) but never crash the server (5xx), and
no answer ever carries a stack trace, SQL or driver text.

Each operation runs as a city coordinator, then as an auditor (who reaches the audit routes), on the
same database: the auditor's searches page through the entries the coordinator's generated writes
left. A Schemathesis state machine is not used: the REST surface has no route that addresses a
resource it created (no links to follow), so it would only repeat these calls.
"""

from __future__ import annotations

import re

import schemathesis
from hypothesis import HealthCheck, given, settings

from domain.identity.principal import Role
from tenants.settings import Settings
from tests.api.graphql.conftest import PRINCIPAL_HEADER, PURPOSE, cities, make_app, user  # noqa: F401 (fixture)

EXAMPLES_PER_OPERATION = 12
LEAKS = re.compile(r"Traceback|SELECT |asyncpg|sqlalchemy|File \"")


def _schema(test_database):
    # development: /openapi.json exists; the limits stay but high enough for a generated run
    app, principals = make_app(test_database, Settings(
        env="development", rate_limit_user_per_minute=100_000, login_ip_max_failures=100_000,
        login_max_failures=100_000, public_rate_limit_per_minute=100_000))
    return app, principals, schemathesis.openapi.from_asgi("/openapi.json", app)


def _check(failures: list, label: str, response) -> None:
    if response.status_code >= 500:
        failures.append((label, response.status_code, response.text[:300]))
    elif LEAKS.search(response.text):
        failures.append((label, response.status_code, "leak: " + response.text[:300]))


def test_no_server_errors_or_leaks_on_any_route(test_database, cities):  # noqa: F811
    a, _ = cities
    app, principals, schema = _schema(test_database)
    operations = [result.ok() for result in schema.get_all_operations()]
    labels = {op.label for op in operations}
    assert {"POST /api/organisations", "GET /api/audit", "POST /auth/login", "POST /oauth/token"} <= labels, labels
    failures: list[tuple[str, int, str]] = []
    statuses: dict[str, set[int]] = {}

    def runner(operation, headers):
        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def run(case):
            response = case.call(headers=headers)
            statuses.setdefault(operation.label, set()).add(response.status_code)
            _check(failures, operation.label, response)

        return run

    for role in (Role.coordinator, Role.auditor):
        headers = {PRINCIPAL_HEADER: principals.key(user(a, role)), "X-GVI-Purpose": PURPOSE}
        for operation in operations:
            runner(operation, headers)()

    assert failures == [], failures[:5]
    # the run reached the routes for real (authenticated, valid input), not only their refusals
    assert 200 in statuses["GET /api/organisations"] and 201 in statuses["POST /api/organisations"], statuses
    assert 200 in statuses["GET /api/audit"], statuses
