"""One read path (issue 13): a REST list and its GraphQL list come from the same domain statement behind
the same gate, so they show every caller the same rows and refuse the same callers."""

from __future__ import annotations

from strawberry import relay

from domain.access.paging import fetch_every
from domain.access.viewer import Viewer
from domain.identity import clients, users
from domain.identity.principal import Role
from domain.organisations import reading as organisations
from tenants.context import tenant_context
from tenants.database import transaction
from tests.api.graphql.conftest import api_client, http, user

ORGANISATIONS = "{ organisations(first: 100) { edges { node { id name kind active } } } }"
USERS = "{ users(first: 100) { edges { node { id username role status } } } }"
CLIENTS = "{ apiClients(first: 100) { edges { node { clientId name scopes } } } }"


def _uuid(global_id: str) -> str:
    return relay.GlobalID.from_id(global_id).node_id


async def _both(application, principals, principal, path: str, query: str):
    async with http(application, principals, principal) as c:
        return await c.get(path), (await c.post("/graphql", json={"query": query})).json()


async def test_organisations_agree_for_restricted_callers_and_are_refused_alike(app, cities):
    application, principals = app
    a, b = cities
    expected = sorted((str(o.id), o.name, o.kind.value, o.active) for o in a.organisations)
    # outreach reads most categories for its own organisation only; the partner list is the city's whole one
    for principal in (user(a, Role.outreach), user(a, Role.viewer), api_client(a, "programme:read")):
        rest, graphql = await _both(application, principals, principal, "/api/organisations", ORGANISATIONS)
        assert rest.status_code == 200, rest.text
        listed = [(o["id"], o["name"], o["kind"], o["active"]) for o in rest.json()]
        nodes = [e["node"] for e in graphql["data"]["organisations"]["edges"]]
        assert listed == [(_uuid(n["id"]), n["name"], n["kind"].lower(), n["active"]) for n in nodes], principal.name
        assert sorted(listed) == expected  # city b's organisations stay in city b
        assert [name for _, name, _, _ in listed] == sorted(name for _, name, _, _ in expected)
    for principal in (user(a, Role.auditor), api_client(a, "people:read")):
        rest, graphql = await _both(application, principals, principal, "/api/organisations", ORGANISATIONS)
        assert rest.status_code == 403, rest.text
        assert graphql["data"]["organisations"] is None
        assert [e["extensions"]["code"] for e in graphql["errors"]] == ["FORBIDDEN"]
    assert len(b.organisations) == 3


async def test_accounts_and_clients_agree_for_the_coordinator_and_are_refused_alike(app, cities, app_sessions):
    application, principals = app
    a, _ = cities
    with tenant_context(a.id):
        async with transaction(app_sessions) as s:
            for name, role in (("zed", Role.viewer), ("amy", Role.analyst), ("max", Role.caseworker)):
                await users.create_user(s, username=name, display_name=name.title(), role=role, password=None,
                                        organisation_id=a.organisations[0].id)
        for name in ("Socialtjänsten", "Polisen"):  # one transaction each: clients list oldest first
            async with transaction(app_sessions) as s:
                await clients.create(s, tenant_slug=a.tenant.slug, name=name, scopes="people:read")

    rest, graphql = await _both(application, principals, user(a, Role.coordinator), "/api/users", USERS)
    assert rest.status_code == 200, rest.text
    listed = [(u["id"], u["username"], u["role"], u["status"]) for u in rest.json()]
    nodes = [e["node"] for e in graphql["data"]["users"]["edges"]]
    assert listed == [(_uuid(n["id"]), n["username"], n["role"].lower(), n["status"].lower()) for n in nodes]
    assert [u[1] for u in listed] == ["amy", "max", "zed"]

    rest, graphql = await _both(application, principals, user(a, Role.coordinator), "/api/clients", CLIENTS)
    assert rest.status_code == 200, rest.text
    listed = [(c["client_id"], c["name"], c["scopes"]) for c in rest.json()]
    nodes = [e["node"] for e in graphql["data"]["apiClients"]["edges"]]
    assert listed == [(n["clientId"], n["name"], n["scopes"]) for n in nodes]
    assert [c[1] for c in listed] == ["Socialtjänsten", "Polisen"]

    for path, query, field in (("/api/users", USERS, "users"), ("/api/clients", CLIENTS, "apiClients")):
        rest, graphql = await _both(application, principals, user(a, Role.analyst), path, query)
        assert rest.status_code == 403, rest.text
        assert graphql["data"][field] is None
        assert [e["extensions"]["code"] for e in graphql["errors"]] == ["FORBIDDEN"]


async def test_every_page_of_a_list_is_the_whole_list_in_order(cities, app_sessions):
    """What the REST lists answer in one piece: page after page, no row twice or missing."""
    a, _ = cities
    viewer = Viewer(user(a, Role.viewer))
    with tenant_context(a.id):
        async with transaction(app_sessions) as s:
            for order in ("name", "created_at_desc"):
                def list_page(page, order=order):
                    return organisations.list_organisations(s, viewer, None, order, page)

                whole = await fetch_every(list_page)
                for size in (1, 3, 7):
                    assert [o.id for o in await fetch_every(list_page, page_size=size)] == [o.id for o in whole]
    assert sorted(o.id for o in whole) == sorted(o.id for o in a.organisations)
