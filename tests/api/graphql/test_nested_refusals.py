"""The per-incident relations (``groups``, ``groupLinks``, ``people``) check their permission in the
resolver, without awaiting when the page prefetched their rows: the refusals must be the same as with
the ``Requires`` extension (FORBIDDEN or BAD_USER_INPUT, never null; one ``denied`` entry per operation)."""

from __future__ import annotations

from gql.transport.exceptions import TransportQueryError

from domain.audit.models import AuditOutcome
from domain.identity.principal import Role
from tests.api.graphql.conftest import api_client, request, user
from tests.api.graphql.test_domain_writes import audit_entries

PAGE = ("{ incidents(first: 20) { edges { node { id groups { id } groupLinks { role } "
        "people { role person { id } } } } } }")


async def refused(session, query: str) -> tuple[list[dict], dict | None]:
    try:
        data = await session.execute(request(query))
    except TransportQueryError as exc:
        return exc.errors or [], exc.data
    raise AssertionError(f"not refused: {data}")


async def test_a_client_without_groups_and_people_scopes_is_refused_on_every_linked_field(malmo, gql_session, app_sessions):
    a = malmo
    before = len(await audit_entries(app_sessions, a.id))
    async with gql_session(api_client(a, "incidents:read")) as s:
        errors, data = await refused(s, PAGE)
    assert errors and {e["extensions"]["code"] for e in errors} == {"FORBIDDEN"}
    assert {e["path"][-1] for e in errors} <= {"groups", "groupLinks", "people"}
    after = await audit_entries(app_sessions, a.id)
    assert [e.outcome for e in after[before:]] == [AuditOutcome.denied]


async def test_the_malmo_page_refuses_people_without_a_purpose_and_groups_without_the_scope(malmo, gql_session):
    async with gql_session(user(malmo, Role.coordinator), purpose=None) as s:
        errors, _ = await refused(s, "{ incidents(first: 50) { edges { node { id people { person { id } } } } } }")
    assert errors and errors[0]["extensions"]["code"] == "BAD_USER_INPUT"
    async with gql_session(api_client(malmo, "incidents:read", "people:read")) as s:
        errors, _ = await refused(s, "{ incidents(first: 50) { edges { node { id groups { id } } } } }")
    assert errors and {e["extensions"]["code"] for e in errors} == {"FORBIDDEN"}
    assert all(e["path"][-1] == "groups" for e in errors)


async def test_prefetched_and_loaded_answers_agree(malmo, gql_session):
    client = api_client(malmo, "incidents:read", "groups:read", "people:read")
    query = "{ incidents(first: 50) { edges { node { id groups { id } people { role person { id } } } } } }"
    by_fragment = ("{ incidents(first: 50) { edges { node { id ...L } } } } "
                   "fragment L on Incident { groups { id } people { role person { id } } }")
    async with gql_session(client) as s:
        direct = await s.execute(request(query))
        fragment = await s.execute(request(by_fragment))
        one = []
        for edge in direct["incidents"]["edges"][:5]:
            node = await s.execute(request("query($id: ID!) { incident(id: $id) { id groups { id } "
                                           "people { role person { id } } } }", id=edge["node"]["id"]))
            one.append(node["incident"])
    assert direct == fragment
    assert one == [e["node"] for e in direct["incidents"]["edges"][:5]]
    assert any(e["node"]["groups"] for e in direct["incidents"]["edges"])
    assert any(e["node"]["people"] for e in direct["incidents"]["edges"])
