"""Compiled reads answer exactly as the resolvers do (``api.graphql.compiled``).

Every query runs against two apps on the same database — compiler off and on — for every city role,
API clients with different scopes, two cities, with and without a purpose: the answers must be equal
(``data`` with its key order and number types, ``errors``) and so must the audit entries each request
leaves. The compiled path must never reach graphql-core's executor. Both apps run their transactions
in a session time zone far from UTC; the data includes a city written for the purpose (microsecond
timestamps, NULLs, empty lists, a person with a long name).
"""

from __future__ import annotations

import dataclasses
import json
import uuid
from contextlib import asynccontextmanager
from datetime import UTC, date

import pytest
import strawberry.schema.schema as strawberry_schema
from graphql import ExecutionResult as GraphQLExecutionResult
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import nodes
from hypothesis_graphql import strategies as gql
from sqlalchemy import event, func, select
from strawberry.extensions import SchemaExtension

from api.graphql.compiled.extension import CompiledReads
from domain.audit.models import AuditEntry
from domain.identity.permissions import ALL_SCOPES
from domain.identity.principal import Role
from domain.organisations.models import Organisation
from tenants.context import tenant_context
from tenants.settings import Settings
from tests.api.graphql.conftest import PURPOSE, api_client, http, make_app, user
from tests.api.graphql.test_benchmark_queries import FIGURES, INCIDENTS, PERSON

SESSION_TIME_ZONE = "America/Los_Angeles"

PAGE = ("query Page($n: Int!, $after: String, $order: IncidentOrder! = OCCURRED_AT) { a: incidents(first: $n, after: $after, "
        "order: $order) { __typename pageInfo { endCursor hasNextPage } edges { cursor node { ...I } } totalCount } } "
        "fragment I on Incident { __typename id occurredAt createdAt area policeArea policeRegion description "
        "externalReference confirmed killed injured type ... on Incident { groups { __typename id name aliases areas "
        "status createdAt description } } people { role person { id displayName givenName familyName nickname "
        "birthYear supervisionStatus supervisionUntil note createdAt } } }")
TIMELINE = ("query T($id: ID!, $n: Int = 7, $after: String) { person(id: $id) { id displayName timeline(first: $n, after: $after) "
            "{ edges { cursor node { at kind title refId __typename } } pageInfo { hasNextPage endCursor } } "
            "again: displayName } }")
BOTH = ("query Both($id: ID!) { person(id: $id) { ...P } incidents(first: 3) { edges { node { id people { person { ...P } } } } } "
        "cityFigures(period: MONTH, from: \"2018-11-15\", to: \"2019-02-01\") { period startsOn killed } } "
        "fragment P on Person { id displayName birthYear }")
FIGURES_VARIANTS = [
    ("query($p: FiguresPeriod!) { cityFigures(period: $p, from: \"2017-03-01\", to: \"2019-05-31\") { period startsOn "
     "shootingsWithInjury explosions peopleReached } }", {"p": "QUARTER"}),
    ("query($p: FiguresPeriod!) { cityFigures(period: $p, from: \"2017-03-01\", to: \"2018-02-28\") { startsOn period "
     "callInsHeld clientsAttending customNotifications supportAccepted } }", {"p": "MONTH"}),
    ("{ cityFigures(period: YEAR) { period killed } }", {}),  # from the first record: the resolvers
    ("{ cityFigures(period: YEAR, from: \"2019-01-01\", to: \"2018-01-01\") { period } }", {}),  # refused
]
REFUSED_OR_ODD = [
    ("query($n: Int!) { incidents(first: $n) { edges { node { id } } pageInfo { hasNextPage endCursor } } }", {"n": 0}),
    ("query($n: Int!) { incidents(first: $n) { edges { node { id } } } }", {"n": 101}),
    ("{ incidents(first: 2, after: \"garbage\") { edges { node { id } } pageInfo { endCursor } } }", {}),
    ("{ incidents(first: 2, after: \"\") { edges { node { id } } pageInfo { endCursor } } }", {}),
    ("{ incidents(first: 2, filter: {confirmed: true}) { edges { node { id confirmed } } } }", {}),
    ("{ incidents(first: 2) { edges { node { id involvement { involvement } } } } }", {}),
    ("query($id: ID!) { person(id: $id) { id } }", {"id": "not-a-global-id"}),
    ("query($id: ID!) { person(id: $id) { id timeline(first: 0) { edges { cursor } pageInfo { endCursor } } } }",
     {"id": "UGVyc29uOjAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMA=="}),
    ("query($id: ID!) { person(id: $id) { id displayName } }", {"id": "R3JvdXA6MDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAw"}),
    ("{ incidents(first: 1) { edges { node { id @include(if: true) } } } }", {}),
    ("{ incidents { totalCount edges { node { id } } } }", {}),  # no arguments at all: the defaults
]


def principals(city, organisation_ids):
    out = [user(city, role) for role in Role if not role.is_national]
    for organisation_id in organisation_ids:
        out.append(dataclasses.replace(user(city, Role.outreach), organisation_id=organisation_id))
    out.append(api_client(city, "incidents:read", "groups:read", "people:read", "figures:read"))
    out.append(api_client(city, "incidents:read", "figures:read"))
    out.append(api_client(city, *sorted(ALL_SCOPES)))
    return out


@pytest.fixture
async def both_apps(test_database):
    apps = []
    for compile_reads in (False, True):
        app, principals_ = make_app(test_database, Settings(env="test", graphql_compile=compile_reads))
        apps.append((app, principals_))

    @asynccontextmanager
    async def running():
        async with apps[0][0].router.lifespan_context(apps[0][0]), apps[1][0].router.lifespan_context(apps[1][0]):
            listeners = []
            for app, _ in apps:
                database = app.state.database
                for engine in (database.engine, database.audit_engine):
                    if engine is None:
                        continue

                    def far_from_utc(conn):
                        conn.exec_driver_sql(f"set local time zone '{SESSION_TIME_ZONE}'")

                    event.listen(engine.sync_engine, "begin", far_from_utc)
                    listeners.append((engine.sync_engine, far_from_utc))
            try:
                yield apps
            finally:
                for engine, listener in listeners:
                    event.remove(engine, "begin", listener)

    async with running() as started:
        yield started


@pytest.fixture
def executions(monkeypatch):
    """How often graphql-core's ``execute`` ran (Strawberry calls it through its module's name)."""
    calls = []
    original = strawberry_schema.execute

    def spy(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(strawberry_schema, "execute", spy)
    return calls


async def audit_head(app_sessions, tenant_id) -> int:
    with tenant_context(tenant_id):
        async with app_sessions() as s:
            return await s.scalar(select(func.coalesce(func.max(AuditEntry.seq), 0)))


async def audit_since(app_sessions, tenant_id, seq: int) -> list[tuple]:
    with tenant_context(tenant_id):
        async with app_sessions() as s:
            rows = await s.scalars(select(AuditEntry).where(AuditEntry.seq > seq).order_by(AuditEntry.seq))
            return [(e.actor_kind, e.actor_id, e.organisation_id, e.action, e.object_type, e.object_id, e.purpose, e.outcome,
                     e.details) for e in rows]


def normalised(body: dict) -> dict:
    """The answer without what differs between any two requests (request ids in masked messages)."""
    errors = [{"message": e["message"].split(" (request ")[0], "path": e.get("path"),
               "code": (e.get("extensions") or {}).get("code")} for e in body.get("errors") or []]
    return {"data": body.get("data"), "errors": errors}


async def ask(app, principals_, principal, purpose, query, variables, app_sessions, tenant_id):
    before = await audit_head(app_sessions, tenant_id)
    async with http(app, principals_, principal, purpose=purpose) as c:
        response = await c.post("/graphql", json={"query": query, "variables": variables})
    body = response.json()
    # json.loads keeps the key order and tells 1 from 1.0: compare the text's structure exactly
    return response.status_code, json.dumps(normalised(body)), await audit_since(app_sessions, tenant_id, before)


async def compare(apps, app_sessions, principal, purpose, query, variables, executions, *, compiled: bool = False):
    (off, off_principals), (on, on_principals) = apps
    tenant_id = principal.tenant_id
    expected = await ask(off, off_principals, principal, purpose, query, variables, app_sessions, tenant_id)
    executions.clear()
    actual = await ask(on, on_principals, principal, purpose, query, variables, app_sessions, tenant_id)
    assert actual[0] == expected[0], (query, variables, principal)
    assert actual[1] == expected[1], (query, variables, principal, expected[1][:400], actual[1][:400])
    assert actual[2] == expected[2], (query, variables, principal, expected[2], actual[2])
    if compiled:
        assert not executions, ("executed by graphql-core", query, principal)
    answer = json.loads(expected[1])
    answer["compiled"] = not executions
    return answer


async def organisation_ids(app_sessions, city) -> list[uuid.UUID]:
    with tenant_context(city.id):
        async with app_sessions() as s:
            return list(await s.scalars(select(Organisation.id).order_by(Organisation.name).limit(2)))


async def person_ids(apps, city) -> list[str]:
    app, principals_ = apps[0]
    async with http(app, principals_, user(city, Role.coordinator)) as c:
        body = (await c.post("/graphql", json={"query": INCIDENTS, "variables": {"first": 100}})).json()
    return list(dict.fromkeys(link["person"]["id"] for edge in body["data"]["incidents"]["edges"]
                              for link in edge["node"]["people"]))


def compilable_everywhere(principal, purpose) -> bool:
    """Whether the benchmark's queries are answered compiled for this caller (nothing refused)."""
    if principal.kind.value == "api_client":
        return {"incidents:read", "groups:read", "people:read", "figures:read"} <= principal.scopes
    return principal.role in (Role.coordinator, Role.analyst) and purpose is not None


async def test_compiled_reads_answer_as_the_resolvers(both_apps, malmo, goteborg, app_sessions, executions):
    apps = both_apps
    for city, other in ((malmo, goteborg), (goteborg, malmo)):
        people = await person_ids(apps, city)
        strangers = await person_ids(apps, other)
        assert people and strangers
        for principal in principals(city, await organisation_ids(app_sessions, city)):
            for purpose in (PURPOSE, None):
                compiled = compilable_everywhere(principal, purpose)
                await compare(apps, app_sessions, principal, purpose, INCIDENTS, {"first": 50}, executions,
                              compiled=compiled)
                await compare(apps, app_sessions, principal, purpose, PERSON, {"id": people[0]}, executions,
                              compiled=compiled)
                await compare(apps, app_sessions, principal, purpose, FIGURES, {}, executions, compiled=compiled)
                await compare(apps, app_sessions, principal, purpose, PERSON, {"id": strangers[0]}, executions)
                for order in ("OCCURRED_AT", "OCCURRED_AT_DESC"):
                    first = await compare(apps, app_sessions, principal, purpose, PAGE, {"n": 4, "order": order},
                                          executions)
                    end = (first["data"] or {}).get("a") and first["data"]["a"]["pageInfo"]["endCursor"]
                    if end:
                        await compare(apps, app_sessions, principal, purpose, PAGE, {"n": 4, "order": order, "after": end},
                                      executions)
                page = await compare(apps, app_sessions, principal, purpose, TIMELINE, {"id": people[1]}, executions)
                person = (page["data"] or {}).get("person")
                if person and person["timeline"]["pageInfo"]["endCursor"]:
                    await compare(apps, app_sessions, principal, purpose, TIMELINE,
                                  {"id": people[1], "after": person["timeline"]["pageInfo"]["endCursor"]}, executions)
                await compare(apps, app_sessions, principal, purpose, BOTH, {"id": people[2]}, executions)
                for query, variables in FIGURES_VARIANTS + REFUSED_OR_ODD:
                    await compare(apps, app_sessions, principal, purpose, query, variables, executions)


_DAY = st.dates(min_value=date(2016, 1, 1), max_value=date(2020, 12, 31))
SCALARS = {
    "Date": _DAY.map(lambda d: nodes.String(d.isoformat())),
    "DateTime": _DAY.map(lambda d: nodes.String(f"{d.isoformat()}T12:00:00.123456+01:00")),
    "Decimal": st.just(nodes.String("1.5")),
}


def generated(schema_text: str, count: int) -> list[str]:
    found: list[str] = []

    @settings(max_examples=count, database=None, deadline=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(gql.queries(schema_text, fields=["incidents", "person", "cityFigures"], custom_scalars=SCALARS,
                       allow_x00=False, allow_null=False))
    def collect(query: str) -> None:
        found.append(query)

    collect()
    return found


async def test_generated_queries_answer_as_the_resolvers(both_apps, malmo, app_sessions, executions):
    from api.graphql.schema import build_schema

    queries = generated(str(build_schema()), 60)
    callers = [user(malmo, Role.coordinator), user(malmo, Role.caseworker),
               api_client(malmo, "incidents:read", "groups:read", "people:read", "figures:read")]
    compiled = 0
    for query in queries:
        for principal in callers:
            compiled += (await compare(both_apps, app_sessions, principal, PURPOSE, query, {}, executions))["compiled"]
    assert compiled >= 10, compiled  # the generator reaches the compiler, not only the fallbacks


async def test_the_benchmark_queries_are_compiled(both_apps, malmo, executions):
    """The three hot queries never reach graphql-core once compiled (the spy counts its executions)."""
    (app, principals_) = both_apps[1]
    async with http(app, principals_, user(malmo, Role.coordinator)) as c:
        body = (await c.post("/graphql", json={"query": INCIDENTS, "variables": {"first": 50}})).json()
        person_id = next(link["person"]["id"] for e in body["data"]["incidents"]["edges"] for link in e["node"]["people"])
        executions.clear()
        for query, variables in ((INCIDENTS, {"first": 50}), (PERSON, {"id": person_id}), (FIGURES, {})):
            body = (await c.post("/graphql", json={"query": query, "variables": variables})).json()
            assert "errors" not in body and body["data"], body
    assert executions == []


async def test_strawberry_skips_execution_when_an_extension_sets_the_result():
    """The contract ``CompiledReads`` stands on: a result set in ``on_execute`` before yielding is the answer,
    and graphql-core's executor does not run. Fails if a Strawberry upgrade changes it."""
    import strawberry

    ran = []

    @strawberry.type
    class Query:
        @strawberry.field
        def answer(self) -> int:
            ran.append(1)
            return 1

    class Preset(SchemaExtension):
        async def on_execute(self):
            self.execution_context.result = GraphQLExecutionResult(data={"answer": 42}, errors=None)
            yield

    schema = strawberry.Schema(query=Query, extensions=[Preset])
    result = await schema.execute("{ answer }")
    assert result.data == {"answer": 42} and not result.errors and ran == []
    assert CompiledReads.on_execute is not SchemaExtension.on_execute


@pytest.mark.parametrize("time_zone", ["UTC", SESSION_TIME_ZONE, "Asia/Kathmandu", "America/St_Johns"])
async def test_the_sql_formatters_write_what_strawberry_writes(app_engine, time_zone):
    """Global ids of every node type (and a long made-up name: PostgreSQL breaks base64 lines at 76
    characters), ``DateTime`` with and without microseconds in any session time zone, days, NULLs, cursors."""
    from datetime import datetime, timedelta, timezone

    from sqlalchemy import DateTime, Uuid, literal
    from strawberry import relay

    from api.graphql.compiled.sql import base64url, global_id, iso_date, iso_datetime
    from api.graphql.pagination import encode_cursor
    from api.graphql.schema import NODE_TYPES
    from domain.access.paging import Ordering
    from domain.incidents.models import Incident
    from domain.timeline.service import TimelineEvent
    from domain.timeline.service import encode_cursor as timeline_cursor

    names = [t.__strawberry_definition__.name for t in NODE_TYPES] + ["ExtraordinarilyLongTypeNameForTheBase64LineBreak" * 2]
    ids = [uuid.UUID(int=0), uuid.uuid4(), uuid.UUID("ffffffff-ffff-ffff-ffff-ffffffffffff")]
    moments = [datetime(2019, 11, 11, 21, 30, tzinfo=UTC), datetime(2024, 2, 29, 23, 59, 59, 1, tzinfo=UTC),
               datetime(2017, 3, 26, 1, 0, 0, 999999, tzinfo=timezone(timedelta(hours=5, minutes=45))),
               datetime(1999, 12, 31, 23, 0, 0, 500000, tzinfo=UTC)]
    ordering = Ordering("occurred_at_desc", Incident.occurred_at, Incident.id, descending=True)
    async with app_engine.connect() as conn:
        await conn.exec_driver_sql(f"set time zone '{time_zone}'")
        for name in names:
            for ident in ids:
                got = await conn.scalar(select(global_id(name, literal(ident, Uuid()))))
                assert got == str(relay.GlobalID(name, str(ident))), name
        for moment in moments:
            value = literal(moment, DateTime(timezone=True))
            driver, text, day = (await conn.execute(select(value, iso_datetime(value), iso_date(func.date(value))))).one()
            assert text == driver.isoformat() and driver.tzinfo is not None
            assert day == func_date_in(time_zone, moment).isoformat()
            key = literal_key(ordering, moment, ids[1])
            assert await conn.scalar(select(key)) == encode_cursor(ordering.key(_Row(moment, ids[1])))
            event = TimelineEvent(driver, "incident", ids[1], None, "")
            got = await conn.scalar(select(base64url(iso_datetime(value).op("||")(literal("|incident|" + str(ids[1]))))))
            assert got == timeline_cursor(event)
        assert await conn.scalar(select(iso_datetime(literal(None, DateTime(timezone=True))))) is None


class _Row:
    def __init__(self, occurred_at, id):
        self.occurred_at, self.id = occurred_at.astimezone(__import__("datetime").timezone.utc), id


def func_date_in(time_zone, moment):
    from zoneinfo import ZoneInfo

    return moment.astimezone(ZoneInfo(time_zone)).date()


def literal_key(ordering, moment, ident):
    from sqlalchemy import DateTime, Uuid, literal
    from sqlalchemy.orm import aliased  # noqa: F401

    from api.graphql.compiled.rules import _cursor

    class Entity:
        occurred_at = literal(moment, DateTime(timezone=True))
        id = literal(ident, Uuid())

    return _cursor(ordering, Entity)
