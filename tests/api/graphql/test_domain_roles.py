"""Every domain query and mutation per role and API-client scope: allowed, or refused with FORBIDDEN.

The expectation comes from the shared policy (``domain.identity.permissions``), so the schema and
the matrix cannot drift apart. Mutations are sent with input the service refuses (missing rows,
empty names), so an allowed caller gets a validation error and nothing is written.
"""

from __future__ import annotations

import functools
import uuid
from dataclasses import replace

import pytest
from strawberry.relay import to_base64

from domain.identity.permissions import ALL_SCOPES, Action, Category, can
from domain.identity.principal import Role
from tests.api.graphql.conftest import api_client, http, user

C = Category
NOBODY = {name: to_base64(name, uuid.uuid4()) for name in (
    "Person", "Group", "GroupRelationship", "Incident", "IncidentReview", "CallIn", "CustomNotification",
    "EnforcementAction", "SupportCase", "OutreachActivity", "Task", "ContextEvent", "Organisation", "Membership",
    "Designation", "User", "ApiClient", "SharingAgreement", "DataSubjectRequest")}

QUERIES: dict[str, tuple[Category, str]] = {
    "people": (C.people, "{ people(first: 1) { edges { node { id } } } }"),
    "groups": (C.groups, "{ groups(first: 1) { edges { node { id } } } }"),
    "groupNetwork": (C.groups, "{ groupNetwork { id } }"),
    "incidents": (C.incidents, "{ incidents(first: 1) { edges { node { id } } } }"),
    "incidentReviews": (C.incidents, "{ incidentReviews(first: 1) { edges { node { id } } } }"),
    "callIns": (C.callins, "{ callIns(first: 1) { edges { node { id } } } }"),
    "customNotifications": (C.notifications, "{ customNotifications(first: 1) { edges { node { id } } } }"),
    "enforcementActions": (C.enforcement, "{ enforcementActions(first: 1) { edges { node { id } } } }"),
    "focusList": (C.enforcement, "{ focusList { id } }"),
    "supportCases": (C.support, "{ supportCases(first: 1) { edges { node { id } } } }"),
    "outreachActivities": (C.outreach, "{ outreachActivities(first: 1) { edges { node { id } } } }"),
    "tasks": (C.tasks, "{ tasks(first: 1) { edges { node { id } } } }"),
    "contextEvents": (C.programme, "{ contextEvents(first: 1) { edges { node { id } } } }"),
    "programme": (C.programme, "{ programme { name } }"),
    "users": (C.administration, "{ users(first: 1) { edges { node { id } } } }"),
    "apiClients": (C.administration, "{ apiClients(first: 1) { edges { node { id } } } }"),
    "identityProvider": (C.administration, "{ identityProvider { issuer } }"),
    "sharingAgreements": (C.administration, "{ sharingAgreements(first: 1) { edges { node { id } } } }"),
    "dataSubjectRequests": (C.administration, "{ dataSubjectRequests(first: 1) { edges { node { id } } } }"),
    "cityFigures": (C.figures, '{ cityFigures(period: YEAR, from: "2019-01-01", to: "2019-12-31") { period killed } }'),
    **{field: (category, f'{{ {field}(id: "{NOBODY[type_name]}") {{ id }} }}') for field, type_name, category in (
        ("person", "Person", C.people), ("group", "Group", C.groups), ("groupRelationship", "GroupRelationship", C.groups),
        ("incident", "Incident", C.incidents), ("incidentReview", "IncidentReview", C.incidents),
        ("callIn", "CallIn", C.callins), ("customNotification", "CustomNotification", C.notifications),
        ("enforcementAction", "EnforcementAction", C.enforcement), ("supportCase", "SupportCase", C.support),
        ("outreachActivity", "OutreachActivity", C.outreach), ("task", "Task", C.tasks),
        ("contextEvent", "ContextEvent", C.programme))},
}

N = NOBODY
BASIS = {"source": "s", "assessedBy": "a", "confidence": "high", "reviewDate": "2020-01-01"}
MUTATIONS: dict[str, tuple[Category, dict]] = {
    "createGroup": (C.groups, {"name": " "}),
    "setGroupStatus": (C.groups, {"groupId": N["Group"], "status": "dormant"}),
    "assessGroupRisk": (C.groups, {"groupId": N["Group"], "level": "high", "assessedOn": "2020-01-01", "basis": "x",
                                   "confidence": "low"}),
    "relateGroups": (C.groups, {"groupAId": N["Group"], "groupBId": N["Group"], "kind": "conflict", "startedOn": "2020-01-01"}),
    "endGroupRelationship": (C.groups, {"relationshipId": N["GroupRelationship"], "endedOn": "2020-01-01"}),
    "createPerson": (C.people, {"givenName": "", "familyName": ""}),
    "setSupervision": (C.people, {"personId": N["Person"], "status": "none"}),
    "addClosePerson": (C.people, {"personId": N["Person"], "closePersonId": N["Person"], "relation": "parent"}),
    "addMembership": (C.groups, {"personId": N["Person"], "groupId": N["Group"], "position": "core", "startedOn": "2020-01-01",
                                 "basis": BASIS}),
    "designate": (C.people, {"personId": N["Person"], "kind": "at_risk", "startedOn": "2020-01-01", "basis": BASIS}),
    "reconfirmMembership": (C.groups, {"id": N["Membership"], "source": "s", "assessedBy": "a", "confidence": "low",
                                       "reviewDate": "2020-01-01"}),
    "reconfirmDesignation": (C.people, {"id": N["Designation"], "source": "s", "assessedBy": "a", "confidence": "low",
                                        "reviewDate": "2020-01-01"}),
    "endMembership": (C.groups, {"id": N["Membership"], "endedOn": "2020-01-01"}),
    "endDesignation": (C.people, {"id": N["Designation"], "endedOn": "2020-01-01"}),
    "createIncident": (C.incidents, {"type": "shooting", "occurredAt": "2099-01-01T00:00:00+00:00", "confirmed": True,
                                     "killed": 0, "injured": -1}),
    "updateIncident": (C.incidents, {"incidentId": N["Incident"], "expectedVersion": 1, "type": "shooting",
                                     "occurredAt": "2019-01-01T00:00:00+00:00", "confirmed": True, "killed": 0, "injured": 0}),
    "linkIncidentGroup": (C.incidents, {"incidentId": N["Incident"], "groupId": N["Group"], "role": "target"}),
    "linkIncidentPerson": (C.incidents, {"incidentId": N["Incident"], "personId": N["Person"], "role": "victim"}),
    "assessInvolvement": (C.incidents, {"incidentId": N["Incident"], "groupId": N["Group"], "involvement": "likely",
                                        "confidence": "low"}),
    "holdIncidentReview": (C.incidents, {"heldOn": "2099-01-01"}),
    "decideIncidentReview": (C.incidents, {"reviewId": N["IncidentReview"], "incidentId": N["Incident"], "decision": "x"}),
    "planCallIn": (C.callins, {"heldOn": "2020-01-01", "venue": ""}),
    "recordCallInRehearsal": (C.callins, {"callInId": N["CallIn"], "rehearsalOn": "2020-01-01"}),
    "markCallInHeld": (C.callins, {"callInId": N["CallIn"]}),
    "cancelCallIn": (C.callins, {"callInId": N["CallIn"], "reason": "Lokalen brann"}),
    "addCallInSpeaker": (C.callins, {"callInId": N["CallIn"], "name": "x", "category": "municipality"}),
    "inviteCallInClient": (C.callins, {"callInId": N["CallIn"], "personId": N["Person"]}),
    "recordAttendance": (C.callins, {"clientId": str(uuid.uuid4()), "attendance": "attended"}),
    "recordCustomNotification": (C.notifications, {"personId": N["Person"], "deliveredOn": "2020-01-01", "setting": "home",
                                                   "deliveredBy": "x", "organisationIds": [], "outcome": "delivered",
                                                   "supportOffered": False}),
    "recordEnforcementAction": (C.enforcement, {"type": "arrest", "takenOn": "2020-01-01", "organisationId": N["Organisation"]}),
    "addToFocusList": (C.enforcement, {"personId": N["Person"], "groupId": N["Group"], "startedOn": "2020-01-01",
                                       "basis": BASIS}),
    "removeFromFocusList": (C.enforcement, {"designationId": N["Designation"], "endedOn": "2020-01-01"}),
    "offerSupport": (C.support, {"personId": N["Person"], "providerType": "housing", "offeredOn": "2020-01-01"}),
    "transitionSupportCase": (C.support, {"caseId": N["SupportCase"], "to": "accepted", "on": "2020-01-01"}),
    "recordConsent": (C.support, {"personId": N["Person"], "action": "given", "recordedOn": "2020-01-01", "scope": "x",
                                  "caseId": N["SupportCase"]}),
    "logOutreach": (C.outreach, {"kind": "hours", "occurredOn": "2099-01-01", "worker": "", "hours": "1"}),
    "createTask": (C.tasks, {"title": ""}),
    "setTaskStatus": (C.tasks, {"taskId": N["Task"], "status": "done"}),
    "saveProgrammeSettings": (C.programme, {"name": "", "startedOn": "2020-01-01"}),
    "setProgrammePhase": (C.programme, {"phase": "partnership", "startedOn": "2020-01-02", "endedOn": "2020-01-01"}),
    "recordFidelityCheck": (C.programme, {"element": "call_ins", "status": "met", "assessedOn": "2099-01-01", "evidence": ""}),
    "addContextEvent": (C.programme, {"title": "", "startedOn": "2020-01-01"}),
    "recordNationalSharing": (C.administration, {"reference": "", "signatory": "S", "signedOn": "2020-01-01"}),
    "createOrganisation": (C.programme, {"name": "", "kind": "school"}),
    "createUser": (C.administration, {"username": "", "displayName": "X", "role": "viewer", "organisationId": N["Organisation"]}),
    "setUserRole": (C.administration, {"userId": N["User"], "role": "viewer"}),
    "setUserStatus": (C.administration, {"userId": N["User"], "status": "disabled"}),
    "resetUserMfa": (C.administration, {"userId": N["User"]}),
    "createApiClient": (C.administration, {"name": "", "scopes": []}),
    "rotateApiClientSecret": (C.administration, {"apiClientId": N["ApiClient"]}),
    "revokeApiClient": (C.administration, {"apiClientId": N["ApiClient"]}),
    "saveIdentityProvider": (C.administration, {"issuer": "", "clientId": "", "organisationId": N["Organisation"],
                                                "roleMapping": []}),
    "recordSharingAgreement": (C.administration, {"reference": "", "title": "", "validFrom": "2020-01-01", "parties": [],
                                                  "terms": []}),
    "endSharingAgreement": (C.administration, {"agreementId": N["SharingAgreement"], "validUntil": "2020-01-01"}),
    "registerDataSubjectRequest": (C.administration, {"kind": "access", "receivedOn": "2099-01-01"}),
    "startDataSubjectRequest": (C.administration, {"requestId": N["DataSubjectRequest"]}),
    "extendDataSubjectRequest": (C.administration, {"requestId": N["DataSubjectRequest"], "reason": "x"}),
    "closeDataSubjectRequest": (C.administration, {"requestId": N["DataSubjectRequest"], "status": "completed",
                                                   "outcome": "x"}),
}


@functools.cache
def schema_text() -> str:
    from api.graphql.schema import build_schema

    return str(build_schema())


def input_type(mutation: str) -> str:
    marker = f"  {mutation}(input: "
    return schema_text().split(marker, 1)[1].split("!", 1)[0]


PRINCIPALS = {
    **{role.value: (lambda city, role=role: replace(user(city, role), organisation_id=city.organisations[0].id)) for role in
       (Role.coordinator, Role.analyst, Role.caseworker, Role.outreach, Role.viewer, Role.auditor)},
    "client_all_scopes": lambda city: api_client(city, *ALL_SCOPES),
    "client_read_scopes": lambda city: api_client(city, *(s for s in ALL_SCOPES if s.endswith(":read"))),
    "client_no_scopes": lambda city: api_client(city),
}


@pytest.mark.parametrize("who", list(PRINCIPALS))
async def test_queries_per_role(cities, app, who):
    a, _ = cities
    principal = PRINCIPALS[who](a)
    application, principals = app
    async with http(application, principals, principal) as c:
        for field, (category, query) in QUERIES.items():
            body = (await c.post("/graphql", json={"query": query})).json()
            if can(principal, category, Action.read):
                assert "errors" not in body, (who, field, body)
            else:
                assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", (who, field, body)
                assert body["errors"][0]["path"] == [field], (who, field)
                assert body["data"] is None or body["data"][field] is None, (who, field)


@pytest.mark.parametrize("who", list(PRINCIPALS))
async def test_mutations_per_role(cities, app, who):
    a, _ = cities
    principal = PRINCIPALS[who](a)
    application, principals = app
    async with http(application, principals, principal) as c:
        for name, (category, variables) in MUTATIONS.items():
            query = f"mutation($input: {input_type(name)}!) {{ {name}(input: $input) {{ errors {{ field code }} }} }}"
            body = (await c.post("/graphql", json={"query": query, "variables": {"input": variables}})).json()
            assert "errors" not in body, (who, name, body)
            errors = body["data"][name]["errors"]
            assert errors, (who, name, "the refused input was accepted")
            codes = {e["code"] for e in errors}
            if can(principal, category, Action.write):
                assert "forbidden" not in codes, (who, name, errors)
            else:
                assert codes == {"forbidden"}, (who, name, errors)


async def test_every_mutation_is_covered():
    from api.graphql.schema import Mutation

    names = {f.graphql_name or f.python_name for f in Mutation.__strawberry_definition__.fields}
    camel = {"".join(p if i == 0 else p.capitalize() for i, p in enumerate(n.split("_"))) for n in names}
    # national statistics' other mutations take no `input` (or national users): tests/national covers them
    assert camel - {"ingestIncidents", "pauseNationalSharing", "createRelease", "publishRelease",
                    "retryReleaseJob"} == set(MUTATIONS)
