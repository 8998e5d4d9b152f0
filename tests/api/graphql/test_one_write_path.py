"""One write path (issue 13): REST and GraphQL create organisations through the same domain service with
the same refusals and audit entry, and batched ingestion goes through the mutation machinery."""

from __future__ import annotations

from domain.audit.models import AuditAction
from domain.identity.principal import Role
from tests.api.graphql.conftest import http, request, user
from tests.api.graphql.test_domain_writes import audit_entries

CREATE = """mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) {
  organisation { id name } errors { field code } } }"""


async def test_rest_and_graphql_create_organisations_alike(cities, app, gql_session, app_sessions):
    a, _ = cities
    application, principals = app
    coordinator = user(a, Role.coordinator)
    before = len(await audit_entries(app_sessions, a.id))
    async with http(application, principals, coordinator) as client:
        r = await client.post("/api/organisations", json={"name": "Fältgruppen", "kind": "civil_society"})
        assert r.status_code == 201, r.text
        again = await client.post("/api/organisations", json={"name": "Fältgruppen", "kind": "civil_society"})
        blank = await client.post("/api/organisations", json={"name": " ", "kind": "civil_society"})
    async with gql_session(coordinator) as s:
        graphql = await s.execute(request(CREATE, input={"name": "Fältgruppen", "kind": "civil_society"}))
    assert again.status_code == 409 and again.json()["errors"][0]["code"] == "already_exists"
    assert graphql["createOrganisation"]["errors"] == [{"field": "input.name", "code": "already_exists"}]
    assert blank.status_code == 422 and blank.json()["errors"][0]["field"] == "name"
    entries = (await audit_entries(app_sessions, a.id))[before:]
    assert [(e.action, e.object_type, str(e.object_id)) for e in entries] == [
        (AuditAction.write, "createOrganisation", r.json()["id"])]


async def test_ingestion_is_refused_and_audited_like_every_mutation(cities, gql_session, app_sessions):
    a, _ = cities
    query = """mutation($input: [IncidentInput!]!) { ingestIncidents(input: $input) {
      created duplicates failed errors { code } results { status errors { field code } } } }"""
    item = {"type": "shooting", "occurredAt": "2020-01-01T20:00:00", "confirmed": True, "killed": 0, "injured": 0,
            "externalReference": "K-1"}
    async with gql_session(user(a, Role.caseworker)) as s:
        refused = await s.execute(request(query, input=[item]))
    assert refused["ingestIncidents"]["errors"] == [{"code": "forbidden"}]
    before = len(await audit_entries(app_sessions, a.id))
    async with gql_session(user(a, Role.analyst)) as s:
        done = await s.execute(request(query, input=[item, item, {**item, "externalReference": "K-2", "killed": -1}]))
    assert (done["ingestIncidents"]["created"], done["ingestIncidents"]["duplicates"], done["ingestIncidents"]["failed"]) == (1, 1, 1)
    assert done["ingestIncidents"]["results"][2]["errors"] == [{"field": "input[2].killed", "code": "negative"}]
    entries = (await audit_entries(app_sessions, a.id))[before:]
    assert [(e.action, e.object_type) for e in entries] == [(AuditAction.write, "ingestIncidents")]
    assert entries[0].details["received"] == 3 and len(entries[0].details["created"]) == 1


async def test_the_declared_filters_narrow_like_the_chains_they_replace(malmo, gql_session):
    async with gql_session(user(malmo, Role.coordinator)) as s:
        every = (await s.execute(request("{ groups(first: 100) { edges { node { id areas name } } } }")))["groups"]["edges"]
        area = next(a for e in every for a in e["node"]["areas"])
        narrowed = await s.execute(request("query($a: String) { groups(first: 100, filter: {area: $a}) "
                                           "{ edges { node { id areas } } } }", a=area))
        tasks = await s.execute(request("{ tasks(first: 100, filter: {openOnly: false}) { edges { node { id } } } "
                                        "open: tasks(first: 100, filter: {openOnly: true}) { edges { node { status } } } }"))
    ids = {e["node"]["id"] for e in narrowed["groups"]["edges"]}
    assert ids == {e["node"]["id"] for e in every if area in e["node"]["areas"]}
    assert {e["node"]["status"] for e in tasks["open"]["edges"]} <= {"open", "in_progress"}
    assert len(tasks["tasks"]["edges"]) >= len(tasks["open"]["edges"])
