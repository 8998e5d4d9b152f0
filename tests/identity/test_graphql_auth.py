"""GraphQL behind the real authentication: bearer tokens, session cookies with CSRF, national users."""

from __future__ import annotations

from domain.identity import clients
from domain.identity.principal import Role
from tenants.context import tenant_context
from tenants.database import transaction
from tests.identity.conftest import sign_in_role

QUERY = {"query": "{ viewer { kind } city { slug } organisations(first: 50) { totalCount } }"}


async def _client(city, sessions, scopes: str):
    with tenant_context(city.tenant.id):
        async with transaction(sessions) as s:
            issued = await clients.create(s, tenant_slug=city.slug, name="GraphQL-klient", scopes=scopes)
    return issued


async def test_bearer_token_within_and_beyond_its_scopes(web, city, sessions):
    issued = await _client(city, sessions, "programme:read")
    token = (await web.post("/oauth/token", data={"grant_type": "client_credentials"},
                            auth=(issued.client.client_id, issued.secret))).json()["access_token"]
    r = await web.post("/graphql", json=QUERY, headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert data["city"]["slug"] == city.slug and data["organisations"]["totalCount"] == len(city.organisations)
    narrow = await _client(city, sessions, "incidents:write")
    token = (await web.post("/oauth/token", data={"grant_type": "client_credentials"},
                            auth=(narrow.client.client_id, narrow.secret))).json()["access_token"]
    r = await web.post("/graphql", json={"query": "{ organisations(first: 5) { totalCount } }"},
                       headers={"Authorization": f"Bearer {token}"})
    assert r.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_session_cookie_needs_the_csrf_token(web, city):
    csrf = await sign_in_role(web, Role.analyst, city)
    r = await web.post("/graphql", json=QUERY)
    assert r.status_code == 403 and "CSRF" in r.json()["detail"]
    r = await web.post("/graphql", json=QUERY, headers={"X-CSRF-Token": csrf})
    assert r.status_code == 200 and r.json()["data"]["viewer"]["kind"] in ("user", "USER")


async def test_platform_admin_gets_no_city_data_through_graphql(web, nationals, city):
    csrf = await sign_in_role(web, Role.platform_admin, nationals=nationals)
    r = await web.post("/graphql", json={"query": "{ organisations(first: 5) { totalCount } }"},
                       headers={"X-CSRF-Token": csrf})
    assert r.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    r = await web.post("/graphql", json={"query": "{ city { slug } }"}, headers={"X-CSRF-Token": csrf})
    assert r.json()["data"]["city"] is None


async def test_no_credentials(web):
    r = await web.post("/graphql", json=QUERY)
    assert r.status_code == 401
