"""Cross-tenant probes: Malmö's caller with Göteborg's ids, on every id-taking field, sees nothing of Göteborg."""

from __future__ import annotations

from sqlalchemy import text
from strawberry.relay import to_base64

from domain.identity.principal import Role
from tenants.context import tenant_context
from tests.api.graphql.conftest import request, user

TABLES = {  # GraphQL type → (table, typed lookup field or None)
    "Person": ("people", "person"), "Group": ("groups", "group"), "GroupRelationship": ("group_relationships", "groupRelationship"),
    "Membership": ("group_memberships", None), "Designation": ("designations", None), "Incident": ("incidents", "incident"),
    "IncidentReview": ("incident_reviews", "incidentReview"), "CallIn": ("call_ins", "callIn"),
    "CustomNotification": ("custom_notifications", "customNotification"),
    "EnforcementAction": ("enforcement_actions", "enforcementAction"), "SupportCase": ("support_cases", "supportCase"),
    "OutreachActivity": ("outreach_activities", "outreachActivity"), "Task": ("tasks", "task"),
    "ContextEvent": ("context_events", "contextEvent"), "Organisation": ("organisations", "organisation"),
}


async def foreign_ids(app_sessions, tenant_id) -> dict[str, str]:
    ids = {}
    with tenant_context(tenant_id):
        async with app_sessions() as s, s.begin():
            rows = {t: (await s.execute(text(f"select id from {t} limit 1"))).first() for t, _ in TABLES.values()}
    for type_name, (table, _) in TABLES.items():
        assert rows[table] is not None, table  # the demo fills every table probed here
        ids[type_name] = to_base64(type_name, rows[table].id)
    return ids


async def test_other_citys_ids_are_not_found_on_every_field(malmo, goteborg, gql_session, app_sessions):
    ids = await foreign_ids(app_sessions, goteborg.id)
    async with gql_session(user(malmo, Role.coordinator)) as s:
        for type_name, (_, field) in TABLES.items():
            query = "query($id: ID!) { node(id: $id) { id } " + (f"{field}(id: $id) {{ id }}" if field else "") + " }"
            data = await s.execute(request(query, id=ids[type_name]))
            assert all(v is None for v in data.values()), (type_name, data)
        filtered = await s.execute(request("""query($g: ID!, $p: ID!) {
            incidents(first: 5, filter: {groupId: $g}) { edges { node { id } } }
            people(first: 5, filter: {groupId: $g}) { edges { node { id } } }
            enforcementActions(first: 5, filter: {groupId: $g}) { edges { node { id } } }
            focusList(groupId: $g, on: "2019-06-01") { id }
            customNotifications(first: 5, filter: {personId: $p}) { edges { node { id } } }
            supportCases(first: 5, filter: {personId: $p}) { edges { node { id } } } }""", g=ids["Group"], p=ids["Person"]))
        mutations = {
            "setGroupStatus": ("SetGroupStatusInput", {"groupId": ids["Group"], "status": "dormant"}),
            "setSupervision": ("SetSupervisionInput", {"personId": ids["Person"], "status": "none"}),
            "markCallInHeld": ("MarkCallInHeldInput", {"callInId": ids["CallIn"]}),
            "transitionSupportCase": ("TransitionSupportCaseInput", {"caseId": ids["SupportCase"], "to": "withdrawn",
                                                                     "on": "2020-01-01", "reason": "probe"}),
            "setTaskStatus": ("SetTaskStatusInput", {"taskId": ids["Task"], "status": "cancelled"}),
            "linkIncidentPerson": ("LinkIncidentPersonInput", {"incidentId": ids["Incident"], "personId": ids["Person"],
                                                               "role": "victim"}),
            "endGroupRelationship": ("EndGroupRelationshipInput", {"relationshipId": ids["GroupRelationship"],
                                                                   "endedOn": "2020-01-01"}),
        }
        answers = {}
        for name, (input_type, variables) in mutations.items():
            query = f"mutation($input: {input_type}!) {{ {name}(input: $input) {{ errors {{ field code }} }} }}"
            answers[name] = (await s.execute(request(query, input=variables)))[name]["errors"]
    assert all(not (v if isinstance(v, list) else v["edges"]) for v in filtered.values()), filtered
    for name, errors in answers.items():
        assert errors and errors[0]["code"] == "not_found", (name, errors)


async def test_malmo_lists_hold_only_malmo(malmo, goteborg, gql_session, app_sessions):
    with tenant_context(goteborg.id):
        async with app_sessions() as s, s.begin():
            theirs = {str(r.id) for r in await s.execute(text("select id from incidents"))}
    async with gql_session(user(malmo, Role.coordinator)) as s:
        page = (await s.execute(request("{ incidents(first: 100) { totalCount edges { node { id } } } }")))["incidents"]
    from strawberry.relay import from_base64

    ours = {from_base64(e["node"]["id"])[1] for e in page["edges"]}
    assert ours and theirs and not ours & theirs
