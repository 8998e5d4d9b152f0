"""Writes through the domain services: audit (one entry per write, per read and per refusal), outreach's own-organisation
view, idempotency under 100 concurrent duplicates, and batched incident ingestion."""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import replace

from gql.transport.exceptions import TransportQueryError
from sqlalchemy import select
from strawberry.relay import to_base64

from domain.audit.models import AuditAction, AuditEntry, AuditOutcome
from domain.groups.models import Group
from domain.identity.principal import Role
from domain.incidents.models import Incident
from tenants.context import tenant_context
from tests.api.graphql.conftest import api_client, http, request, user
from tests.api.graphql.test_mutations import count_rows

PERSON = """mutation($input: CreatePersonInput!, $key: String) { createPerson(input: $input, idempotencyKey: $key) {
  person { id displayName birthYear } errors { field code message } replayed } }"""
GROUP = """mutation($input: CreateGroupInput!, $key: String) { createGroup(input: $input, idempotencyKey: $key) {
  group { id name } errors { field code message } replayed } }"""
OFFER = """mutation($input: OfferSupportInput!) { offerSupport(input: $input) { supportCase { id status } errors { field code } } }"""
INGEST = """mutation($input: [IncidentInput!]!, $key: String) { ingestIncidents(input: $input, idempotencyKey: $key) {
  created duplicates failed errors { field code message } replayed
  results { index status incident { id externalReference } errors { field code message } } } }"""


async def audit_entries(app_sessions, tenant_id) -> list[AuditEntry]:
    with tenant_context(tenant_id):
        async with app_sessions() as s:
            return list(await s.scalars(select(AuditEntry).order_by(AuditEntry.seq)))


async def test_each_operation_leaves_exactly_one_audit_entry(cities, gql_session, app_sessions):
    a, _ = cities
    coordinator = user(a, Role.coordinator)
    steps = []

    async def step(label, run, entries=1):
        before = len(await audit_entries(app_sessions, a.id))
        result = await run()
        after = await audit_entries(app_sessions, a.id)
        assert len(after) == before + entries, (label, [(e.action, e.object_type) for e in after[before:]])
        steps.append((label, after[before]))
        if entries == 2:
            steps.append((label + " read back", after[before + 1]))
        return result

    async with gql_session(coordinator) as s:
        # the write, and the read of the person its answer carries (a mutation's answer is a read too)
        created = await step("create", lambda: s.execute(request(PERSON, input={
            "givenName": "Ada", "familyName": "Lind", "identityNumber": "811228-9874"})), entries=2)
        person_id = created["createPerson"]["person"]["id"]
        await step("list", lambda: s.execute(request("{ people(first: 10) { edges { node { id displayName } } } }")))
        await step("open", lambda: s.execute(request("query($id: ID!) { person(id: $id) { displayName "
                                                     "timeline(first: 5) { edges { node { kind } } } } }", id=person_id)))
        number = await step("identity number", lambda: s.execute(request(
            "query($id: ID!) { person(id: $id) { identityNumber } }", id=person_id)))
    async with gql_session(coordinator, purpose=None) as s:
        refused = await step("no purpose", lambda: refusal(s, request("{ people(first: 1) { edges { node { id } } } }")))
    async with gql_session(user(a, Role.viewer)) as s:
        forbidden = await step("forbidden", lambda: refusal(s, request("{ incidents(first: 1) { edges { node { id } } } }")))
    entries = dict(steps)
    assert entries["create"].action is AuditAction.write and entries["create"].object_type == "createPerson"
    assert entries["create read back"].action is AuditAction.read
    assert str(entries["create read back"].object_id) == str(entries["create"].object_id)
    assert entries["list"].action is AuditAction.search and str(entries["list"].object_id or "") == ""
    assert entries["open"].action is AuditAction.read and entries["open"].purpose
    assert entries["identity number"].details == {"fields": ["identity_number"]}
    assert number["person"]["identityNumber"] == "198112289874"
    assert entries["no purpose"].outcome is AuditOutcome.denied and entries["no purpose"].details["reason"] == "no purpose given"
    assert refused[0]["extensions"]["code"] == "BAD_USER_INPUT" and "purpose" in refused[0]["message"]
    assert entries["forbidden"].outcome is AuditOutcome.denied
    assert forbidden[0]["extensions"]["code"] == "FORBIDDEN"


async def test_outreach_sees_only_its_organisations_people_and_cases(cities, gql_session):
    a, _ = cities
    mine, other = a.organisations[0], a.organisations[1]
    async with gql_session(user(a, Role.coordinator)) as s:
        ids = [(await s.execute(request(PERSON, input={"givenName": n, "familyName": "Test"})))["createPerson"]["person"]["id"]
               for n in ("Mine", "Theirs")]
        for person_id, org in zip(ids, (mine, other), strict=True):
            offered = await s.execute(request(OFFER, input={"personId": person_id, "providerType": "housing",
                                                            "offeredOn": "2020-01-01",
                                                            "providerOrganisationId": to_base64("Organisation", org.id)}))
            assert offered["offerSupport"]["errors"] == []
    worker = replace(user(a, Role.outreach), organisation_id=mine.id)
    async with gql_session(worker) as s:
        people = await s.execute(request("{ people(first: 10) { edges { node { id displayName supportCases { status } } } } }"))
        cases = await s.execute(request("{ supportCases(first: 10) { edges { node { person { displayName } } } } }"))
        theirs = await s.execute(request("query($id: ID!) { person(id: $id) { id } }", id=ids[1]))
        refused = {field: await refusal(s, request(q)) for field, q in {
            "enforcementActions": "{ enforcementActions(first: 1) { edges { node { id } } } }",
            "groups": "{ groups(first: 1) { edges { node { id } } } }",
            "incidents": "{ incidents(first: 1) { edges { node { id } } } }",
        }.items()}
        memberships = await refusal(s, request("query($id: ID!) { person(id: $id) { memberships { position } } }", id=ids[0]))
    assert [e["node"]["displayName"] for e in people["people"]["edges"]] == ["Mine Test"]
    assert people["people"]["edges"][0]["node"]["supportCases"] == [{"status": "offered"}]
    assert [e["node"]["person"]["displayName"] for e in cases["supportCases"]["edges"]] == ["Mine Test"]
    assert theirs == {"person": None}
    for field, result in refused.items():
        assert result[0]["extensions"]["code"] == "FORBIDDEN", field
    assert memberships[0]["extensions"]["code"] == "FORBIDDEN"
    assert memberships[0]["path"] == ["person", "memberships"]


async def test_hundred_concurrent_duplicate_creates_write_one_group(cities, app, app_engine, app_sessions):
    a, _ = cities
    application, principals = app
    client = api_client(a, "groups:write", "groups:read")
    key = f"group-{uuid.uuid4()}"
    body = {"query": GROUP, "variables": {"input": {"name": "Norra gänget", "areas": ["Rosengård"]}, "key": key}}
    async with http(application, principals, client) as c:
        responses = await asyncio.gather(*(c.post("/graphql", json=body) for _ in range(100)))
    payloads = [r.json()["data"]["createGroup"] for r in responses]
    assert all(p["errors"] == [] for p in payloads), [p for p in payloads if p["errors"]][:1]
    assert len({p["group"]["id"] for p in payloads}) == 1
    assert sum(1 for p in payloads if not p["replayed"]) == 1
    assert await count_rows(app_engine, a.id, Group, Group.name == "Norra gänget") == 1
    writes = [e for e in await audit_entries(app_sessions, a.id) if e.object_type == "createGroup"]
    assert len(writes) == 1


async def refusal(session, req) -> list[dict]:
    """The GraphQL errors of an operation that must fail."""
    try:
        await session.execute(req)
    except TransportQueryError as exc:
        return exc.errors
    raise AssertionError("the operation was not refused")


def incident(i: int, **overrides) -> dict:
    return {"type": "shooting", "occurredAt": "2020-03-01T21:30:00", "confirmed": True, "killed": 0, "injured": i % 2,
            "externalReference": f"POL-{i:05d}", **overrides}


async def test_ingest_500_then_501_then_duplicates(cities, gql_session, app_engine):
    a, _ = cities
    police = api_client(a, "incidents:write", "incidents:read")
    async with gql_session(police) as s:
        first = (await s.execute(request(INGEST, input=[incident(i) for i in range(500)])))["ingestIncidents"]
        too_many = (await s.execute(request(INGEST, input=[incident(1000 + i) for i in range(501)])))["ingestIncidents"]
        again = (await s.execute(request(INGEST, input=[
            incident(0), incident(9999), incident(9999), incident(7, killed=-1, externalReference="POL-BAD")])))["ingestIncidents"]
    assert (first["created"], first["duplicates"], first["failed"], first["errors"]) == (500, 0, 0, [])
    assert [r["index"] for r in first["results"]] == list(range(500))
    assert too_many["results"] == [] and too_many["errors"][0]["code"] == "too_many"
    assert "501" in too_many["errors"][0]["message"]
    assert await count_rows(app_engine, a.id, Incident, Incident.external_reference.like("POL-01%")) == 0
    statuses = [r["status"] for r in again["results"]]
    assert statuses == ["DUPLICATE", "CREATED", "DUPLICATE", "ERROR"]
    assert again["results"][0]["incident"]["id"] == first["results"][0]["incident"]["id"]
    assert again["results"][2]["incident"]["id"] == again["results"][1]["incident"]["id"]
    assert again["results"][3]["errors"] == [{"field": "input[3].killed", "code": "negative", "message": "must not be negative"}]
    assert await count_rows(app_engine, a.id, Incident) == 501
    assert await count_rows(app_engine, a.id, Incident, Incident.external_reference == "POL-BAD") == 0


async def test_payload_errors_name_the_input_field(cities, gql_session):
    a, _ = cities
    async with gql_session(user(a, Role.coordinator)) as s:
        refused = (await s.execute(request(PERSON, input={"givenName": " ", "familyName": "X", "identityNumber": "811228-9875"})))
    errors = {e["field"]: e["code"] for e in refused["createPerson"]["errors"]}
    assert errors["input.givenName"] == "required" and "input.identityNumber" in errors
    assert refused["createPerson"]["person"] is None
