"""One test per defect of the independent security test (issue 9): each failed before its fix.

The scenario (``scenario.build``) gives one person a row in every category; the callers are the
city roles and API clients with narrow scopes. Expectations come from the permission matrix.
"""

from __future__ import annotations

import uuid

import pytest
from gql.transport.exceptions import TransportQueryError
from sqlalchemy import func, select

from domain.audit.models import AuditAction, AuditEntry
from domain.identity.permissions import Access, Action, access
from domain.identity.principal import Role
from tenants.context import tenant_context
from tests.api.graphql import scenario
from tests.api.graphql.conftest import api_client, request, user
from tests.api.graphql.matrix_oracle import timeline_category


@pytest.fixture
async def world(cities, app_sessions) -> scenario.Scenario:
    return await scenario.build(app_sessions, cities[0])


async def run(session, query: str, **variables) -> tuple[dict | None, list[dict]]:
    try:
        return await session.execute(request(query, **variables)), []
    except TransportQueryError as exc:
        return exc.data, exc.errors or []


TIMELINE = "query($id: ID!) { person(id: $id) { timeline(first: 100) { edges { node { kind refId } } } } }"


@pytest.mark.parametrize("caller", ["caseworker", "analyst", "outreach", "people-only client", "coordinator"])
async def test_item2_a_timeline_shows_only_the_kinds_the_caller_may_read(world, gql_session, caller):
    principal = (api_client(world.city, "people:read") if caller == "people-only client"
                 else world.person_by_role(Role(caller)))
    async with gql_session(principal) as s:
        data, errors = await run(s, TIMELINE, id=world.gid("Person", world.subject))
    assert not errors
    events = data["person"]["timeline"]["edges"]
    kinds = {e["node"]["kind"] for e in events}
    for kind in kinds:
        assert access(principal, timeline_category(kind), Action.read) is not Access.none, (caller, kind)
    if principal.role is Role.outreach:  # own organisation only: its case, its outreach, its task
        refs = {e["node"]["refId"] for e in events}
        assert str(world.own_case) in refs and str(world.own_outreach) in refs and str(world.own_task) in refs
        assert not refs & {str(world.other_case), str(world.other_outreach), str(world.other_task)}
        assert not any(k.startswith("consent_") for k in kinds)  # the consent is on the other organisation's case
    if caller == "coordinator":
        assert {"incident", "membership_started", "designation_started", "focus_list_started", "enforcement",
                "custom_notification", "support_offered", "consent_given", "outreach_contact", "task"} <= kinds
    if caller == "people-only client":
        assert kinds <= {"designation_started"}


async def test_item3_close_persons_apply_the_same_visibility_as_person_lookup(world, gql_session):
    query = ("query($id: ID!) { person(id: $id) { closePersons { relation person { id identityNumber } } } }")
    async with gql_session(world.outreach_worker()) as s:
        data, errors = await run(s, query, id=world.gid("Person", world.subject))
        direct, _ = await run(s, "query($id: ID!) { person(id: $id) { id } }", id=world.gid("Person", world.close))
    assert not errors and direct["person"] is None  # not assigned to the outreach worker's organisation
    assert data["person"]["closePersons"] == []  # and not reachable through the subject either
    async with gql_session(user(world.city, Role.coordinator)) as s:
        data, _ = await run(s, query, id=world.gid("Person", world.subject))
    assert [link["person"]["id"] for link in data["person"]["closePersons"]] == [world.gid("Person", world.close)]


async def test_item3_every_nested_person_of_an_outreach_worker_is_one_it_may_open(world, gql_session):
    query = """{ supportCases(first: 50) { edges { node { person { id closePersons { person { id } } } } } }
                 tasks(first: 50) { edges { node { person { id } } } }
                 outreachActivities(first: 50) { edges { node { person { id } otherPerson { id } } } } }"""
    async with gql_session(world.outreach_worker()) as s:
        data, errors = await run(s, query)
        assert not errors
        listed, _ = await run(s, "{ people(first: 100) { edges { node { id } } } }")
    may_open = {e["node"]["id"] for e in listed["people"]["edges"]}
    assert may_open == {world.gid("Person", world.subject)}
    seen = set()

    def walk(value):
        if isinstance(value, dict):
            if "person" in value and isinstance(value["person"], dict):
                seen.add(value["person"]["id"])
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(data)
    assert seen and seen <= may_open


@pytest.mark.parametrize("caller,sees_focus_list", [("coordinator", True), ("analyst", True), ("caseworker", False),
                                                    ("outreach", False), ("people-only client", False)])
async def test_item10_designations_show_focus_list_entries_only_to_enforcement_readers(world, gql_session, caller,
                                                                                       sees_focus_list):
    principal = (api_client(world.city, "people:read") if caller == "people-only client"
                 else world.person_by_role(Role(caller)))
    query = "query($id: ID!) { person(id: $id) { designations { kind source assessedBy note } } }"
    async with gql_session(principal) as s:
        data, errors = await run(s, query, id=world.gid("Person", world.subject))
    assert not errors
    kinds = {d["kind"] for d in data["person"]["designations"]}
    assert ("focus_list" in kinds) is sees_focus_list
    assert "at_risk" in kinds


async def test_item10_a_caseworker_cannot_find_group_members_through_the_people_filter(world, gql_session):
    query = "query($g: ID!) { people(first: 10, filter: {groupId: $g}) { edges { node { id } } } }"
    async with gql_session(user(world.city, Role.caseworker)) as s:
        data, errors = await run(s, query, g=world.gid("Group", world.group))
    assert not errors and data["people"]["edges"] == []
    async with gql_session(user(world.city, Role.analyst)) as s:
        data, _ = await run(s, query, g=world.gid("Group", world.group))
    assert [e["node"]["id"] for e in data["people"]["edges"]] == [world.gid("Person", world.subject)]



async def audit_since(app_sessions, tenant_id, seq: int) -> list:
    with tenant_context(tenant_id):
        async with app_sessions() as s:
            return list(await s.scalars(select(AuditEntry).where(AuditEntry.seq > seq).order_by(AuditEntry.seq)))


async def head_seq(app_sessions, tenant_id) -> int:
    with tenant_context(tenant_id):
        async with app_sessions() as s:
            return await s.scalar(select(func.coalesce(func.max(AuditEntry.seq), 0)))


def people_in(entries) -> set[str]:
    out = set()
    for e in entries:
        if e.action in (AuditAction.read, AuditAction.search):
            out |= {str(e.object_id)} if e.object_id else set()
            out |= set((e.details or {}).get("results", []))
    return out


CREATE_TASK = """mutation($input: CreateTaskInput!) { createTask(input: $input) {
  task { id person { identityNumber closePersons { person { identityNumber } } } } errors { field code } } }"""


async def test_item4_person_data_in_a_mutation_payload_is_audited_as_a_read(world, gql_session, app_sessions):
    before = await head_seq(app_sessions, world.city.id)
    async with gql_session(user(world.city, Role.coordinator)) as s:
        data, errors = await run(s, CREATE_TASK, input={
            "title": "Follow up", "assigneeOrganisationId": world.gid("Organisation", world.own),
            "personId": world.gid("Person", world.subject)})
    assert not errors and data["createTask"]["task"]["person"]["identityNumber"]
    entries = await audit_since(app_sessions, world.city.id, before)
    assert [e.action for e in entries].count(AuditAction.write) == 1
    assert people_in(entries) == {str(world.subject), str(world.close)}  # both identity numbers left: both read


async def test_item4_the_read_entry_survives_a_rollback_caused_by_a_sibling_field(world, gql_session, app_sessions):
    # A caseworker may create tasks and read people but not groups: the sibling `group` field fails, the
    # operation is rolled back (no task, no write entry), yet the identity number did leave the server.
    before = await head_seq(app_sessions, world.city.id)
    query = """mutation($input: CreateTaskInput!) { createTask(input: $input) {
      task { id person { identityNumber } group { id } } errors { field code } } }"""
    async with gql_session(user(world.city, Role.caseworker)) as s:
        data, errors = await run(s, query, input={
            "title": "Follow up", "assigneeOrganisationId": world.gid("Organisation", world.own),
            "personId": world.gid("Person", world.subject), "groupId": world.gid("Group", world.group)})
    assert errors and errors[0]["extensions"]["code"] == "FORBIDDEN"
    assert data["createTask"]["task"]["person"]["identityNumber"]
    entries = await audit_since(app_sessions, world.city.id, before)
    assert AuditAction.write not in [e.action for e in entries]  # the write was rolled back with the request
    assert str(world.subject) in people_in(entries)  # the read was not


@pytest.mark.parametrize("mutation,input_of", [
    ("logOutreach", lambda w, p: {"kind": "contact", "occurredOn": str(scenario.DAY), "worker": "W", "hours": "1.0",
                                  "personId": p}),
    ("offerSupport", lambda w, p: {"personId": p, "providerType": "employment", "offeredOn": str(scenario.DAY)}),
    ("createTask", lambda w, p: {"title": "Look", "personId": p}),
    ("recordConsent", lambda w, p: {"personId": p, "action": "given", "recordedOn": str(scenario.DAY), "scope": "x"}),
])
async def test_item5_an_outreach_worker_cannot_make_a_person_visible_by_writing_about_them(
        world, gql_session, app_sessions, mutation, input_of):
    payload_field = {"logOutreach": "activity", "offerSupport": "supportCase", "createTask": "task",
                     "recordConsent": "person"}[mutation]
    query = (f"mutation($input: {mutation[0].upper() + mutation[1:]}Input!) {{ {mutation}(input: $input) {{ "
             f"{payload_field} {{ id }} errors {{ field code }} }} }}")
    worker = world.outreach_worker()
    async with gql_session(worker) as s:
        data, errors = await run(s, query, input=input_of(world, world.gid("Person", world.stranger)))
        assert not errors
        assert data[mutation]["errors"] == [{"field": "input.personId", "code": "not_found"}]
        looked, _ = await run(s, "query($id: ID!) { person(id: $id) { id } }", id=world.gid("Person", world.stranger))
        assert looked["person"] is None
        # the same write about a person already assigned to the organisation goes through
        data, errors = await run(s, query, input=input_of(world, world.gid("Person", world.subject)))
    assert not errors and (data[mutation]["errors"] == [] or mutation == "recordConsent")


async def test_item5_a_coordinator_assigns_a_person_to_an_organisation_explicitly(world, gql_session):
    async with gql_session(user(world.city, Role.coordinator)) as s:
        data, _ = await run(s, CREATE_TASK.replace("closePersons { person { identityNumber } }", ""), input={
            "title": "Introduce", "assigneeOrganisationId": world.gid("Organisation", world.own),
            "personId": world.gid("Person", world.stranger)})
    assert data["createTask"]["errors"] == []
    async with gql_session(world.outreach_worker()) as s:
        looked, _ = await run(s, "query($id: ID!) { person(id: $id) { id } }", id=world.gid("Person", world.stranger))
    assert looked["person"] == {"id": world.gid("Person", world.stranger)}


async def test_item8_create_task_refuses_users_and_linked_records_of_another_city(world, cities, gql_session,
                                                                                    app_sessions):
    _, elsewhere = cities
    other = await scenario.build(app_sessions, elsewhere)
    query = "mutation($input: CreateTaskInput!) { createTask(input: $input) { task { id } errors { field code } } }"
    base = {"title": "T", "assigneeOrganisationId": world.gid("Organisation", world.own)}
    async with gql_session(user(world.city, Role.coordinator)) as s:
        for extra, field in (({"assigneeUserId": str(uuid.uuid4())}, "input.assigneeUserId"),
                             ({"linkedType": "incident", "linkedId": str(other.incident)}, "input.linkedId"),
                             ({"linkedType": "incident", "linkedId": str(uuid.uuid4())}, "input.linkedId"),
                             ({"linkedType": "nonsense", "linkedId": str(world.incident)}, "input.linkedType")):
            data, errors = await run(s, query, input={**base, **extra})
            assert not errors and data["createTask"]["task"] is None, extra
            assert [e["field"] for e in data["createTask"]["errors"]] == [field], extra
        data, _ = await run(s, query, input={**base, "linkedType": "incident", "linkedId": str(world.incident)})
    assert data["createTask"]["errors"] == []
    async with gql_session(world.outreach_worker()) as s:  # outreach may not read incidents: nor link them
        data, _ = await run(s, query, input={**base, "linkedType": "incident", "linkedId": str(world.incident)})
    assert [e["field"] for e in data["createTask"]["errors"]] == ["input.linkedId"]
