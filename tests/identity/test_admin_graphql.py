"""Account administration through GraphQL behind the real sign-in: the initial password signs the new user
in, a disabled account cannot, and the signed-in coordinator cannot disable or demote themselves."""

from __future__ import annotations

from strawberry.relay import to_base64

from domain.identity.principal import Role
from domain.organisations.models import OrganisationKind
from tests.identity.conftest import running_app, sign_in_role

CREATE = """mutation($input: CreateUserInput!) { createUser(input: $input) {
  user { id username } initialPassword errors { field code } } }"""
STATUS = """mutation($input: SetUserStatusInput!) { setUserStatus(input: $input) { user { status } errors { field code } } }"""
ROLE = """mutation($input: SetUserRoleInput!) { setUserRole(input: $input) { user { role } errors { field code } } }"""
ME = """{ users(first: 50, filter: {role: coordinator}) { edges { node { id username } } } }"""


async def test_created_user_signs_in_until_disabled(web, city, auth_settings, test_database):
    csrf = await sign_in_role(web, Role.coordinator, city)

    async def gql(query: str, **variables) -> dict:
        r = await web.post("/graphql", json={"query": query, "variables": variables}, headers={"X-CSRF-Token": csrf})
        assert r.status_code == 200, r.text
        return r.json()["data"]

    org = to_base64("Organisation", city.organisations[OrganisationKind.social_services])
    made = (await gql(CREATE, input={"username": "ny.handlaggare", "displayName": "Ny Handläggare", "role": "caseworker",
                                     "organisationId": org}))["createUser"]
    assert made["errors"] == [] and made["initialPassword"]
    async with running_app(auth_settings, test_database.app_url) as newcomer:
        login = {"tenant": city.slug, "username": "ny.handlaggare", "password": made["initialPassword"]}
        first = await newcomer.post("/auth/login", json=login)
        assert first.status_code == 200 and first.json()["stage"] == "mfa_enrolment"  # a caseworker enrols TOTP first
        off = (await gql(STATUS, input={"userId": made["user"]["id"], "status": "disabled"}))["setUserStatus"]
        assert off["errors"] == [] and off["user"]["status"] == "disabled"
        refused = await newcomer.post("/auth/login", json=login)
        assert refused.status_code == 401
    me = next(e["node"]["id"] for e in (await gql(ME))["users"]["edges"] if e["node"]["username"] == "coordinator")
    own = (await gql(STATUS, input={"userId": me, "status": "disabled"}))["setUserStatus"]
    assert own["errors"] == [{"field": "input.userId", "code": "own_account"}]
    demoted = (await gql(ROLE, input={"userId": me, "role": "viewer"}))["setUserRole"]
    assert demoted["errors"] == [{"field": "input.userId", "code": "own_account"}]
