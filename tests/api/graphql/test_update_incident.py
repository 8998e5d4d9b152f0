"""updateIncident tried the way it breaks: stale versions, concurrent editors, refused roles, another city's
incident, bad fields, replays — and in every refusal nothing is written."""

from __future__ import annotations

import asyncio
import uuid

from sqlalchemy import select

from domain.audit.models import AuditAction
from domain.identity.principal import Role
from domain.incidents.models import Incident
from tenants.context import tenant_context
from tenants.database import session_factory
from tests.api.graphql.conftest import http, request, user
from tests.api.graphql.test_domain_writes import audit_entries

CREATE = """mutation($input: IncidentInput!) { createIncident(input: $input) {
  incident { id version } errors { field code message } } }"""
UPDATE = """mutation($input: UpdateIncidentInput!, $key: String) { updateIncident(input: $input, idempotencyKey: $key) {
  incident { id version type area killed injured confirmed description externalReference occurredAt }
  errors { field code message } replayed } }"""
WHEN = "2024-03-02T21:40:00+01:00"
SHOOTING = {"type": "shooting", "occurredAt": WHEN, "confirmed": True, "killed": 0, "injured": 1, "area": "Rosengård"}


def edit(incident_id: str, version: int, **changes) -> dict:
    return {"incidentId": incident_id, "expectedVersion": version, **SHOOTING, **changes}


async def stored(app_engine, tenant_id, incident_id: str) -> Incident:
    from strawberry.relay import GlobalID

    with tenant_context(tenant_id):
        async with session_factory(app_engine)() as s, s.begin():
            return await s.scalar(select(Incident).where(Incident.id == uuid.UUID(GlobalID.from_id(incident_id).node_id)))


async def recorded(s, **changes) -> str:
    created = (await s.execute(request(CREATE, input={**SHOOTING, **changes})))["createIncident"]
    assert created["errors"] == [] and created["incident"]["version"] == 1
    return created["incident"]["id"]


async def test_edit_changes_the_incident_with_one_audit_entry(cities, gql_session, app_sessions, app_engine):
    a, _ = cities
    async with gql_session(user(a, Role.analyst)) as s:
        incident_id = await recorded(s)
        before = len(await audit_entries(app_sessions, a.id))
        done = (await s.execute(request(UPDATE, input=edit(incident_id, 1, area="Seved", killed=1, injured=2,
                                                          description="Två skott mot en bil", type="other_serious_violence"))))
    done = done["updateIncident"]
    assert done["errors"] == [] and done["replayed"] is False
    assert {k: done["incident"][k] for k in ("version", "type", "area", "killed", "injured", "description")} == {
        "version": 2, "type": "other_serious_violence", "area": "Seved", "killed": 1, "injured": 2,
        "description": "Två skott mot en bil"}
    entries = (await audit_entries(app_sessions, a.id))[before:]
    assert [(e.action, e.object_type) for e in entries] == [(AuditAction.write, "updateIncident")]
    assert str(entries[0].object_id) == str((await stored(app_engine, a.id, incident_id)).id)


async def test_an_edit_from_an_old_version_is_a_conflict_and_overwrites_nothing(cities, gql_session, app_engine):
    a, _ = cities
    async with gql_session(user(a, Role.coordinator)) as s:
        incident_id = await recorded(s)
        first = (await s.execute(request(UPDATE, input=edit(incident_id, 1, area="Seved"))))["updateIncident"]
        late = (await s.execute(request(UPDATE, input=edit(incident_id, 1, area="Möllevången", killed=3))))["updateIncident"]
    assert first["errors"] == [] and first["incident"]["version"] == 2
    assert late["incident"] is None
    assert [(e["field"], e["code"]) for e in late["errors"]] == [("input.expectedVersion", "conflict")]
    assert "now version 2" in late["errors"][0]["message"]
    row = await stored(app_engine, a.id, incident_id)
    assert (row.area, row.killed, row.version) == ("Seved", 0, 2)


async def test_two_editors_at_once_one_wins_the_other_gets_a_conflict(cities, app, app_engine):
    a, _ = cities
    application, principals = app
    coordinator = user(a, Role.coordinator)
    async with http(application, principals, coordinator) as c:
        created = (await c.post("/graphql", json={"query": CREATE, "variables": {"input": SHOOTING}})).json()
        incident_id = created["data"]["createIncident"]["incident"]["id"]
        answers = await asyncio.gather(*(c.post("/graphql", json={"query": UPDATE, "variables": {
            "input": edit(incident_id, 1, area=f"Område {n}")}}) for n in range(8)))
    payloads = [r.json()["data"]["updateIncident"] for r in answers]
    won = [p for p in payloads if not p["errors"]]
    assert len(won) == 1, payloads
    assert all([(e["field"], e["code"]) for e in p["errors"]] == [("input.expectedVersion", "conflict")]
               for p in payloads if p is not won[0])
    row = await stored(app_engine, a.id, incident_id)
    assert (row.version, row.area) == (2, won[0]["incident"]["area"])


async def test_roles_without_incident_write_are_refused_and_nothing_changes(cities, gql_session, app_engine):
    a, _ = cities
    async with gql_session(user(a, Role.coordinator)) as s:
        incident_id = await recorded(s)
    for role in (Role.caseworker, Role.outreach, Role.viewer, Role.auditor):
        async with gql_session(user(a, role)) as s:
            refused = (await s.execute(request(UPDATE, input=edit(incident_id, 1, killed=5))))["updateIncident"]
        assert refused["incident"] is None, role
        assert [e["code"] for e in refused["errors"]] == ["forbidden"], role
    row = await stored(app_engine, a.id, incident_id)
    assert (row.killed, row.version) == (0, 1)


async def test_another_citys_incident_is_not_found(cities, gql_session, app_engine):
    a, b = cities
    async with gql_session(user(a, Role.coordinator)) as s:
        incident_id = await recorded(s)
    async with gql_session(user(b, Role.coordinator)) as s:
        refused = (await s.execute(request(UPDATE, input=edit(incident_id, 1, killed=5))))["updateIncident"]
        not_an_incident = (await s.execute(request(UPDATE, input=edit("bm9wZQ==", 1))))["updateIncident"]
    assert refused["incident"] is None
    assert [(e["field"], e["code"]) for e in refused["errors"]] == [("input.incidentId", "not_found")]
    assert [(e["field"], e["code"]) for e in not_an_incident["errors"]] == [("input.incidentId", "not_found")]
    row = await stored(app_engine, a.id, incident_id)
    assert (row.killed, row.version) == (0, 1)


async def test_bad_fields_are_named_together_and_nothing_is_written(cities, gql_session, app_engine):
    a, _ = cities
    async with gql_session(user(a, Role.coordinator)) as s:
        incident_id = await recorded(s, externalReference="PM-2024-1")
        await recorded(s, externalReference="PM-2024-2")
        bad = (await s.execute(request(UPDATE, input=edit(incident_id, 0, killed=-1, occurredAt="2099-01-01T00:00:00+00:00",
                                                          area="x" * 201))))["updateIncident"]
        taken = (await s.execute(request(UPDATE, input=edit(incident_id, 1, externalReference="PM-2024-2",
                                                            area="Seved"))))["updateIncident"]
    assert bad["incident"] is None
    assert {(e["field"], e["code"]) for e in bad["errors"]} == {
        ("input.expectedVersion", "invalid"), ("input.killed", "negative"), ("input.occurredAt", "in_future"),
        ("input.area", "too_long")}
    assert [(e["field"], e["code"]) for e in taken["errors"]] == [("input.externalReference", "already_recorded")]
    row = await stored(app_engine, a.id, incident_id)
    assert (row.killed, row.area, row.external_reference, row.version) == (0, "Rosengård", "PM-2024-1", 1)


async def test_a_retried_edit_is_replayed_not_applied_twice(cities, gql_session, app_engine):
    a, _ = cities
    key = str(uuid.uuid4())
    async with gql_session(user(a, Role.coordinator)) as s:
        incident_id = await recorded(s)
        first = (await s.execute(request(UPDATE, input=edit(incident_id, 1, area="Seved"), key=key)))["updateIncident"]
        again = (await s.execute(request(UPDATE, input=edit(incident_id, 1, area="Seved"), key=key)))["updateIncident"]
        other = (await s.execute(request(UPDATE, input=edit(incident_id, 1, area="Lindängen"), key=key)))["updateIncident"]
    assert first["errors"] == [] and again["errors"] == [] and again["replayed"] is True
    assert again["incident"]["version"] == 2  # the retry did not count as a second edit (nor as a conflict)
    assert [(e["field"], e["code"]) for e in other["errors"]] == [("idempotencyKey", "idempotency_key_reused")]
    row = await stored(app_engine, a.id, incident_id)
    assert (row.area, row.version) == ("Seved", 2)
