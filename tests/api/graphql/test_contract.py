"""Contract tests through a real GraphQL client: queries, paging, global ids, per-role refusals."""

from __future__ import annotations

import pytest
from gql.transport.exceptions import TransportQueryError

from domain.identity.principal import Role
from tests.api.graphql.conftest import api_client, request, user

ORGS = """query($first: Int!, $after: String, $filter: OrganisationFilter, $order: OrganisationOrder! = NAME) {
  organisations(first: $first, after: $after, filter: $filter, order: $order) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id name kind active city { name } } }
  }
}"""


async def test_pages_walk_every_organisation_once_in_order(cities, gql_session):
    a, _ = cities
    seen, after, pages = [], None, 0
    async with gql_session(user(a, Role.coordinator)) as s:
        while True:
            data = (await s.execute(request(ORGS, first=3, after=after)))["organisations"]
            pages += 1
            assert data["totalCount"] == 7
            seen += [e["node"]["name"] for e in data["edges"]]
            assert all(e["node"]["city"]["name"] == a.tenant.name for e in data["edges"])
            if not data["pageInfo"]["hasNextPage"]:
                break
            after = data["pageInfo"]["endCursor"]
    assert pages == 3
    assert seen == sorted(o.name for o in a.organisations)


async def test_descending_order_and_filter(cities, gql_session):
    a, _ = cities
    async with gql_session(api_client(a, "programme:read")) as s:
        first = (await s.execute(request(ORGS, first=2, order="CREATED_AT_DESC")))["organisations"]
        rest = (await s.execute(request(ORGS, first=10, after=first["pageInfo"]["endCursor"], order="CREATED_AT_DESC")))
        inactive = (await s.execute(request(ORGS, first=10, filter={"active": False})))["organisations"]
        named = (await s.execute(request(ORGS, first=10, filter={"nameContains": "g 00"})))["organisations"]
    names = [e["node"]["name"] for e in first["edges"] + rest["organisations"]["edges"]]
    assert len(names) == 7 and len(set(names)) == 7
    assert {e["node"]["name"] for e in inactive["edges"]} == {o.name for o in a.organisations if not o.active}
    assert inactive["totalCount"] == 1
    assert named["totalCount"] == 7  # "Org 000".."Org 006"


async def test_cursor_of_another_ordering_or_garbage_is_refused(cities, gql_session):
    a, _ = cities
    async with gql_session(user(a, Role.analyst)) as s:
        page = (await s.execute(request(ORGS, first=1)))["organisations"]
        with pytest.raises(TransportQueryError) as wrong_order:
            await s.execute(request(ORGS, first=1, after=page["pageInfo"]["endCursor"], order="CREATED_AT_DESC"))
        with pytest.raises(TransportQueryError) as garbage:
            await s.execute(request(ORGS, first=1, after="not-a-cursor"))
    assert wrong_order.value.errors[0]["extensions"]["code"] == "BAD_CURSOR"
    assert garbage.value.errors[0]["extensions"]["code"] == "BAD_CURSOR"
    assert "not a cursor" in garbage.value.errors[0]["message"]


async def test_node_and_typed_lookup_by_global_id(cities, gql_session):
    a, _ = cities
    async with gql_session(user(a, Role.outreach)) as s:
        listed = (await s.execute(request(ORGS, first=1)))["organisations"]["edges"][0]["node"]
        query = """query($id: ID!) { node(id: $id) { id ... on Organisation { name } }
                                    organisation(id: $id) { name kind } }"""
        data = await s.execute(request(query, id=listed["id"]))
        city = await s.execute(request("{ city { id slug } viewer { kind role readable writable } }"))
        city_node = await s.execute(request("query($id: ID!) { node(id: $id) { ... on City { slug } } }", id=city["city"]["id"]))
    assert data["node"] == {"id": listed["id"], "name": listed["name"]}
    assert data["organisation"] == {"name": listed["name"], "kind": listed["kind"]}
    assert city["city"]["slug"] == a.tenant.slug and city_node["node"] == {"slug": a.tenant.slug}
    assert city["viewer"]["role"] == "outreach" and "programme" in city["viewer"]["readable"]
    assert "programme" not in city["viewer"]["writable"]


@pytest.mark.parametrize("who", ["auditor", "client_without_scope"])
async def test_roles_without_programme_access_are_refused_not_nulled(cities, gql_session, who):
    a, _ = cities
    principal = user(a, Role.auditor) if who == "auditor" else api_client(a, "people:read")
    async with gql_session(principal) as s:
        with pytest.raises(TransportQueryError) as refused:
            await s.execute(request(ORGS, first=5))
        node_id = (await s.execute(request("{ city { id } }")))["city"]["id"]  # the city itself is not programme data
    error = refused.value.errors[0]
    assert error["extensions"]["code"] == "FORBIDDEN"
    assert error["path"] == ["organisations"]
    assert "may not read programme" in error["message"]
    assert node_id


async def test_unauthenticated_request_is_401(app):
    import httpx

    application, _ = app
    application.dependency_overrides.clear()
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=application), base_url="http://t") as c:
        r = await c.post("/graphql", json={"query": "{ viewer { kind } }"})
    assert r.status_code == 401
    assert r.headers["content-type"].startswith("application/problem+json")
