"""The coordinator's administration in GraphQL: accounts and roles, API clients (secret shown once),
the identity provider, and the registers of sharing agreements and data-subject requests.

Each write is tried the way it can break: by a role that may not act, with another city's id, with
bad input (the field is named, nothing is written), and replayed (a secret is never shown twice).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from datetime import date, timedelta

from sqlalchemy import select, text
from strawberry.relay import to_base64

from domain.audit.models import AuditAction
from domain.governance.models import DataSubjectRequest, SharingAgreement
from domain.identity import passwords
from domain.identity.models import ApiClient, IdentityProvider, User
from domain.identity.principal import Role
from tenants.context import tenant_context
from tests.api.graphql.conftest import request, user
from tests.api.graphql.test_domain_writes import audit_entries
from tests.api.graphql.test_mutations import count_rows

ERRORS = "errors { field code message } replayed"
CREATE_USER = f"""mutation($input: CreateUserInput!, $key: String) {{ createUser(input: $input, idempotencyKey: $key) {{
  user {{ id username displayName role organisationId status mfaEnrolled singleSignOn }} initialPassword {ERRORS} }} }}"""
USER_FIELDS = "user { id role status mfaEnrolled }"
SET_ROLE = f"mutation($input: SetUserRoleInput!) {{ setUserRole(input: $input) {{ {USER_FIELDS} {ERRORS} }} }}"
SET_STATUS = f"mutation($input: SetUserStatusInput!) {{ setUserStatus(input: $input) {{ {USER_FIELDS} {ERRORS} }} }}"
RESET_MFA = f"mutation($input: ResetUserMfaInput!) {{ resetUserMfa(input: $input) {{ {USER_FIELDS} {ERRORS} }} }}"
USERS = "{ users(first: 100) { totalCount edges { node { id username role status organisationId } } } }"
CLIENT_FIELDS = "apiClient { id clientId name scopes secretVersion revokedAt }"
CREATE_CLIENT = f"""mutation($input: CreateApiClientInput!, $key: String) {{
  createApiClient(input: $input, idempotencyKey: $key) {{ {CLIENT_FIELDS} clientSecret {ERRORS} }} }}"""
ROTATE = f"""mutation($input: ApiClientInput!) {{ rotateApiClientSecret(input: $input) {{ {CLIENT_FIELDS} clientSecret {ERRORS} }} }}"""
REVOKE = f"mutation($input: ApiClientInput!) {{ revokeApiClient(input: $input) {{ {CLIENT_FIELDS} {ERRORS} }} }}"
CLIENTS = "{ apiClients(first: 100) { edges { node { id clientId name scopes secretVersion revokedAt } } } }"
SAVE_IDP = """mutation($input: SaveIdentityProviderInput!) { saveIdentityProvider(input: $input) {
  identityProvider { issuer clientId roleClaim roleMapping { claimValue role } organisationId redirectUri loginUrl }
  errors { field code message } } }"""
IDP = "{ identityProvider { issuer clientId roleMapping { claimValue role } } }"
RECORD = """mutation($input: RecordSharingAgreementInput!) { recordSharingAgreement(input: $input) {
  agreement { id reference title validFrom validUntil inForce parties { organisationId signatoryName signedOn }
              terms { category legalBasis secrecyProvision } }
  errors { field code message } } }"""
END = """mutation($input: EndSharingAgreementInput!) { endSharingAgreement(input: $input) {
  agreement { id validUntil inForce } errors { field code message } } }"""
AGREEMENTS = "{ sharingAgreements(first: 50) { edges { node { id reference parties { organisationId } terms { category } } } } }"
DSR_FIELDS = "request { id kind personId status deadline extended outcome closedOn overdue }"
REGISTER = f"""mutation($input: RegisterDataSubjectRequestInput!) {{ registerDataSubjectRequest(input: $input) {{
  {DSR_FIELDS} {ERRORS} }} }}"""
START = f"mutation($input: DataSubjectRequestInput!) {{ startDataSubjectRequest(input: $input) {{ {DSR_FIELDS} {ERRORS} }} }}"
EXTEND = f"""mutation($input: ExtendDataSubjectRequestInput!) {{ extendDataSubjectRequest(input: $input) {{
  {DSR_FIELDS} {ERRORS} }} }}"""
CLOSE = f"""mutation($input: CloseDataSubjectRequestInput!) {{ closeDataSubjectRequest(input: $input) {{
  {DSR_FIELDS} {ERRORS} }} }}"""
REQUESTS = "query($open: Boolean!) { dataSubjectRequests(first: 50, openOnly: $open) { edges { node { id status } } } }"


def org_id(city, index: int = 0) -> str:
    return to_base64("Organisation", city.organisations[index].id)


def raw(global_id: str) -> uuid.UUID:
    from strawberry.relay import from_base64

    return uuid.UUID(from_base64(global_id)[1])


async def run(gql_session, principal, query: str, **variables) -> dict:
    async with gql_session(principal) as s:
        return await s.execute(request(query, **variables))


async def answer(app, principal, query: str, **variables) -> dict:
    """The raw answer (data and errors), for refusals that are GraphQL errors."""
    from tests.api.graphql.conftest import http

    application, principals = app
    async with http(application, principals, principal) as c:
        return (await c.post("/graphql", json={"query": query, "variables": variables})).json()


# --- users ------------------------------------------------------------------------------------------


async def test_coordinator_creates_a_user_with_a_password_shown_once(cities, gql_session, app_sessions):
    a, _ = cities
    coordinator = user(a, Role.coordinator)
    key = str(uuid.uuid4())
    new = {"username": "Anna.Berg", "displayName": " Anna Berg ", "role": "caseworker", "organisationId": org_id(a, 1)}
    first = (await run(gql_session, coordinator, CREATE_USER, input=new, key=key))["createUser"]
    again = (await run(gql_session, coordinator, CREATE_USER, input=new, key=key))["createUser"]
    assert first["errors"] == [] and first["replayed"] is False
    assert first["user"]["username"] == "anna.berg" and first["user"]["displayName"] == "Anna Berg"
    assert first["user"]["role"] == "caseworker" and first["user"]["organisationId"] == org_id(a, 1)
    assert first["user"]["status"] == "active" and first["user"]["mfaEnrolled"] is False
    password = first["initialPassword"]
    assert password and len(password) >= 16
    # a replay answers with the same user but never the password again
    assert again["replayed"] is True and again["user"] == first["user"] and again["initialPassword"] is None
    with tenant_context(a.id):
        async with app_sessions() as s:
            row = await s.scalar(select(User).where(User.username == "anna.berg"))
            stored_keys = [r[0] for r in await s.execute(text("select result::text from idempotency_keys"))]
    assert await passwords.verify_password(row.password_hash, password)
    assert not any(password in (k or "") for k in stored_keys)
    entries = [e for e in await audit_entries(app_sessions, a.id) if e.object_type == "createUser"]
    assert [(e.action, e.object_id) for e in entries] == [(AuditAction.write, row.id)]
    assert password not in json.dumps(entries[0].details)
    listed = (await run(gql_session, coordinator, USERS))["users"]
    assert [n["node"]["username"] for n in listed["edges"]] == ["anna.berg"] and listed["totalCount"] == 1


async def test_bad_user_input_names_the_field_and_writes_nothing(cities, gql_session, app_engine):
    a, b = cities
    coordinator = user(a, Role.coordinator)
    bad = (await run(gql_session, coordinator, CREATE_USER,
                     input={"username": "A B", "displayName": " ", "role": "analyst", "organisationId": org_id(b)}))
    fields = {(e["field"], e["code"]) for e in bad["createUser"]["errors"]}
    assert fields == {("input.username", "invalid_format"), ("input.displayName", "required"),
                      ("input.organisationId", "unknown_organisation")}
    not_an_org = (await run(gql_session, coordinator, CREATE_USER, input={
        "username": "ok", "displayName": "Ok", "role": "analyst", "organisationId": to_base64("Person", uuid.uuid4())}))
    assert [(e["field"], e["code"]) for e in not_an_org["createUser"]["errors"]] == [("input.organisationId", "not_found")]
    ok = {"username": "twice", "displayName": "Twice", "role": "viewer", "organisationId": org_id(a)}
    await run(gql_session, coordinator, CREATE_USER, input=ok)
    twice = (await run(gql_session, coordinator, CREATE_USER, input=ok))["createUser"]
    assert [(e["field"], e["code"]) for e in twice["errors"]] == [("input.username", "already_exists")]
    assert await count_rows(app_engine, a.id, User) == 1


async def test_only_the_coordinator_administers_users(cities, app, gql_session, app_engine, app_sessions):
    a, _ = cities
    created = (await run(gql_session, user(a, Role.coordinator), CREATE_USER, input={
        "username": "target", "displayName": "Target", "role": "viewer", "organisationId": org_id(a)}))["createUser"]
    target = created["user"]["id"]
    for role in (Role.analyst, Role.caseworker, Role.outreach, Role.viewer, Role.auditor):
        who = user(a, role)
        refused = (await run(gql_session, who, SET_ROLE, input={"userId": target, "role": "coordinator"}))["setUserRole"]
        assert refused["user"] is None and [e["code"] for e in refused["errors"]] == ["forbidden"], role
        made = (await run(gql_session, who, CREATE_USER, input={
            "username": f"by-{role.value}", "displayName": "X", "role": "coordinator", "organisationId": org_id(a)}))
        assert [e["code"] for e in made["createUser"]["errors"]] == ["forbidden"]
        body = await answer(app, who, USERS)
        assert body["data"]["users"] is None and body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await count_rows(app_engine, a.id, User, User.role == "coordinator") == 0
    denied = [e for e in await audit_entries(app_sessions, a.id) if e.outcome.value == "denied"]
    assert len(denied) >= 5  # every refusal is audited


async def test_role_status_and_second_factor_changes(cities, gql_session, app_sessions):
    a, _ = cities
    coordinator = user(a, Role.coordinator)
    created = (await run(gql_session, coordinator, CREATE_USER, input={
        "username": "kim", "displayName": "Kim", "role": "viewer", "organisationId": org_id(a)}))["createUser"]
    kim = created["user"]["id"]
    role = (await run(gql_session, coordinator, SET_ROLE, input={"userId": kim, "role": "analyst"}))["setUserRole"]
    assert role["errors"] == [] and role["user"]["role"] == "analyst"
    off = (await run(gql_session, coordinator, SET_STATUS, input={"userId": kim, "status": "disabled"}))["setUserStatus"]
    assert off["user"]["status"] == "disabled"
    on = (await run(gql_session, coordinator, SET_STATUS, input={"userId": kim, "status": "active"}))["setUserStatus"]
    assert on["user"]["status"] == "active"
    with tenant_context(a.id):
        async with app_sessions() as s, s.begin():
            row = await s.get(User, (a.id, raw(kim)))
            row.totp_confirmed_at, row.totp_secret_ciphertext = date(2026, 1, 1), None
    reset = (await run(gql_session, coordinator, RESET_MFA, input={"userId": kim}))["resetUserMfa"]
    assert reset["errors"] == [] and reset["user"]["mfaEnrolled"] is False
    changes = [(e.object_type, e.details.get("change")) for e in await audit_entries(app_sessions, a.id)
               if e.object_id == raw(kim) and e.action is AuditAction.write]
    assert changes == [("createUser", "created"), ("setUserRole", "role"), ("setUserStatus", "status"),
                       ("setUserStatus", "status"), ("resetUserMfa", "second factor reset")]
    # a coordinator cannot lock themselves out
    me = replace(coordinator, id=raw(kim))
    await run(gql_session, coordinator, SET_ROLE, input={"userId": kim, "role": "coordinator"})
    own = (await run(gql_session, me, SET_STATUS, input={"userId": kim, "status": "disabled"}))["setUserStatus"]
    assert [(e["field"], e["code"]) for e in own["errors"]] == [("input.userId", "own_account")]
    own_role = (await run(gql_session, me, SET_ROLE, input={"userId": kim, "role": "viewer"}))["setUserRole"]
    assert [(e["field"], e["code"]) for e in own_role["errors"]] == [("input.userId", "own_account")]


async def test_another_citys_user_is_not_found(cities, gql_session, app_sessions):
    a, b = cities
    created = (await run(gql_session, user(a, Role.coordinator), CREATE_USER, input={
        "username": "local", "displayName": "Local", "role": "viewer", "organisationId": org_id(a)}))["createUser"]
    target = created["user"]["id"]
    other = user(b, Role.coordinator)
    for query, name, extra in ((SET_ROLE, "setUserRole", {"role": "coordinator"}),
                               (SET_STATUS, "setUserStatus", {"status": "disabled"}),
                               (RESET_MFA, "resetUserMfa", {})):
        refused = (await run(gql_session, other, query, input={"userId": target, **extra}))[name]
        assert refused["user"] is None and [(e["field"], e["code"]) for e in refused["errors"]] == [("input.userId", "not_found")]
    assert (await run(gql_session, other, USERS))["users"]["edges"] == []
    with tenant_context(a.id):
        async with app_sessions() as s:
            row = await s.get(User, (a.id, raw(target)))
    assert row.role is Role.viewer and row.status.value == "active"


# --- API clients ------------------------------------------------------------------------------------


async def test_api_client_secret_is_shown_once(cities, gql_session, app_sessions, app_engine):
    a, _ = cities
    coordinator = user(a, Role.coordinator)
    key = str(uuid.uuid4())
    new = {"name": "Polisen ärendesystem", "scopes": ["incidents:write", "incidents:read"]}
    first = (await run(gql_session, coordinator, CREATE_CLIENT, input=new, key=key))["createApiClient"]
    again = (await run(gql_session, coordinator, CREATE_CLIENT, input=new, key=key))["createApiClient"]
    secret = first["clientSecret"]
    assert first["errors"] == [] and secret and first["apiClient"]["scopes"] == ["incidents:read", "incidents:write"]
    assert first["apiClient"]["clientId"].startswith(a.tenant.slug + ".")
    assert again["replayed"] is True and again["clientSecret"] is None and again["apiClient"] == first["apiClient"]
    listed = (await run(gql_session, coordinator, CLIENTS))["apiClients"]["edges"]
    assert [e["node"]["id"] for e in listed] == [first["apiClient"]["id"]]
    with tenant_context(a.id):
        async with app_sessions() as s:
            row = await s.get(ApiClient, (a.id, raw(first["apiClient"]["id"])))
            stored = [r[0] for r in await s.execute(text("select result::text from idempotency_keys"))]
    assert await passwords.verify_password(row.secret_hash, secret)
    assert not any(secret in (k or "") for k in stored)
    entries = [e for e in await audit_entries(app_sessions, a.id) if e.object_id == row.id]
    assert [e.object_type for e in entries] == ["createApiClient"] and secret not in json.dumps(entries[0].details)

    rotated = (await run(gql_session, coordinator, ROTATE, input={"apiClientId": first["apiClient"]["id"]}))
    rotated = rotated["rotateApiClientSecret"]
    assert rotated["clientSecret"] not in (None, secret) and rotated["apiClient"]["secretVersion"] == 2
    revoked = (await run(gql_session, coordinator, REVOKE, input={"apiClientId": first["apiClient"]["id"]}))["revokeApiClient"]
    assert revoked["errors"] == [] and revoked["apiClient"]["revokedAt"]
    after = (await run(gql_session, coordinator, ROTATE, input={"apiClientId": first["apiClient"]["id"]}))
    assert [(e["field"], e["code"]) for e in after["rotateApiClientSecret"]["errors"]] == [("input.apiClientId", "revoked")]
    assert after["rotateApiClientSecret"]["clientSecret"] is None
    assert await count_rows(app_engine, a.id, ApiClient) == 1


async def test_api_client_refusals(cities, gql_session, app, app_sessions):
    a, b = cities
    coordinator = user(a, Role.coordinator)
    bad = (await run(gql_session, coordinator, CREATE_CLIENT, input={"name": " ", "scopes": ["audit:read", "people:read"]}))
    assert {(e["field"], e["code"]) for e in bad["createApiClient"]["errors"]} == {
        ("input.name", "required"), ("input.scopes", "unknown_scope")}
    assert bad["createApiClient"]["clientSecret"] is None
    made = (await run(gql_session, coordinator, CREATE_CLIENT, input={"name": "Skolan", "scopes": ["figures:read"]}))
    client_id = made["createApiClient"]["apiClient"]["id"]
    for query, name in ((ROTATE, "rotateApiClientSecret"), (REVOKE, "revokeApiClient")):
        foreign = (await run(gql_session, user(b, Role.coordinator), query, input={"apiClientId": client_id}))[name]
        assert [(e["field"], e["code"]) for e in foreign["errors"]] == [("input.apiClientId", "not_found")]
        analyst = (await run(gql_session, user(a, Role.analyst), query, input={"apiClientId": client_id}))[name]
        assert [e["code"] for e in analyst["errors"]] == ["forbidden"]
    body = await answer(app, user(a, Role.analyst), CLIENTS)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    with tenant_context(a.id):
        async with app_sessions() as s:
            row = await s.get(ApiClient, (a.id, raw(client_id)))
    assert row.secret_version == 1 and row.revoked_at is None


# --- identity provider ------------------------------------------------------------------------------


async def test_identity_provider_saved_and_read_without_its_secret(cities, gql_session, app_sessions):
    a, b = cities
    coordinator = user(a, Role.coordinator)
    base = {"issuer": "https://idp.example.se/realms/stad", "clientId": "gvi", "organisationId": org_id(a),
            "roleMapping": [{"claimValue": "gvi-analytiker", "role": "analyst"}]}
    first_without_secret = (await run(gql_session, coordinator, SAVE_IDP, input=base))["saveIdentityProvider"]
    assert [(e["field"], e["code"]) for e in first_without_secret["errors"]] == [("input.clientSecret", "required")]
    bad = (await run(gql_session, coordinator, SAVE_IDP, input={**base, "issuer": "ftp://x", "clientSecret": "s",
                                                                "organisationId": org_id(b), "roleMapping": []}))
    assert {(e["field"], e["code"]) for e in bad["saveIdentityProvider"]["errors"]} == {
        ("input.issuer", "invalid_issuer"), ("input.roleMapping", "required"), ("input.organisationId", "unknown_organisation")}
    saved = (await run(gql_session, coordinator, SAVE_IDP, input={**base, "clientSecret": "provider-secret-1"}))
    idp = saved["saveIdentityProvider"]["identityProvider"]
    assert idp["issuer"] == base["issuer"] and idp["roleMapping"] == [{"claimValue": "gvi-analytiker", "role": "analyst"}]
    assert idp["redirectUri"].endswith(f"/auth/oidc/{a.tenant.slug}/callback")
    again = (await run(gql_session, coordinator, SAVE_IDP, input={**base, "clientId": "gvi-2"}))["saveIdentityProvider"]
    assert again["errors"] == [] and again["identityProvider"]["clientId"] == "gvi-2"
    from domain.identity import providers

    with tenant_context(a.id):
        async with app_sessions() as s:
            row = await s.scalar(select(IdentityProvider))
            assert await providers.client_secret(s, row) == "provider-secret-1"  # kept when left empty
    read = (await run(gql_session, coordinator, IDP))["identityProvider"]
    assert read["clientId"] == "gvi-2" and "provider-secret-1" not in json.dumps(read)
    assert (await run(gql_session, user(b, Role.coordinator), IDP))["identityProvider"] is None
    entries = [e for e in await audit_entries(app_sessions, a.id) if e.object_type == "saveIdentityProvider"]
    assert len(entries) == 2 and all("provider-secret-1" not in json.dumps(e.details) for e in entries)
    refused = (await run(gql_session, user(a, Role.caseworker), SAVE_IDP, input={**base, "clientSecret": "x"}))
    assert [e["code"] for e in refused["saveIdentityProvider"]["errors"]] == ["forbidden"]


# --- sharing agreements -----------------------------------------------------------------------------


def agreement(a, reference: str = "KS 2026/114", **over) -> dict:
    return {"reference": reference, "title": "Samverkan Sluta skjut", "validFrom": "2026-01-01",
            "parties": [{"organisationId": org_id(a, 0), "signatoryName": "Eva Ek", "signedOn": "2025-12-10"},
                        {"organisationId": org_id(a, 1), "signatoryName": "Per Lund", "signedOn": "2025-12-12",
                         "signatoryTitle": "Lokalpolisområdeschef"}],
            "terms": [{"category": "support", "legalBasis": "GDPR art. 6.1 e", "secrecyProvision": "OSL 26 kap. 9 §"}],
            **over}


async def test_sharing_agreement_register(cities, gql_session, app_sessions, app_engine):
    a, b = cities
    coordinator = user(a, Role.coordinator)
    done = (await run(gql_session, coordinator, RECORD, input=agreement(a)))["recordSharingAgreement"]
    assert done["errors"] == [] and done["agreement"]["inForce"] is True
    assert [p["signatoryName"] for p in done["agreement"]["parties"]] == ["Eva Ek", "Per Lund"]
    assert done["agreement"]["terms"] == [{"category": "support", "legalBasis": "GDPR art. 6.1 e",
                                           "secrecyProvision": "OSL 26 kap. 9 §"}]
    duplicate = (await run(gql_session, coordinator, RECORD, input=agreement(a)))["recordSharingAgreement"]
    assert [(e["field"], e["code"]) for e in duplicate["errors"]] == [("input.reference", "already_exists")]
    one_party = agreement(a, "KS 2", validUntil="2025-01-01")
    one_party["parties"] = [one_party["parties"][0], {**one_party["parties"][1], "organisationId": org_id(b)}]
    one_party["terms"].append({**one_party["terms"][0], "legalBasis": " "})
    bad = (await run(gql_session, coordinator, RECORD, input=one_party))["recordSharingAgreement"]
    assert {(e["field"], e["code"]) for e in bad["errors"]} == {
        ("input.validUntil", "before_start"), ("input.parties[1].organisationId", "not_found"),
        ("input.terms[1].category", "duplicate"), ("input.terms[1].legalBasis", "required")}
    assert await count_rows(app_engine, a.id, SharingAgreement) == 1
    ended = (await run(gql_session, coordinator, END, input={"agreementId": done["agreement"]["id"],
                                                             "validUntil": "2026-01-31"}))["endSharingAgreement"]
    assert ended["errors"] == [] and ended["agreement"]["validUntil"] == "2026-01-31"
    too_early = (await run(gql_session, coordinator, END, input={"agreementId": done["agreement"]["id"],
                                                                 "validUntil": "2025-01-31"}))["endSharingAgreement"]
    assert [(e["field"], e["code"]) for e in too_early["errors"]] == [("input.validUntil", "before_start")]
    foreign = (await run(gql_session, user(b, Role.coordinator), END, input={"agreementId": done["agreement"]["id"],
                                                                             "validUntil": "2026-12-31"}))
    assert [(e["field"], e["code"]) for e in foreign["endSharingAgreement"]["errors"]] == [("input.agreementId", "not_found")]
    assert (await run(gql_session, user(b, Role.coordinator), AGREEMENTS))["sharingAgreements"]["edges"] == []
    listed = (await run(gql_session, coordinator, AGREEMENTS))["sharingAgreements"]["edges"]
    assert [e["node"]["reference"] for e in listed] == ["KS 2026/114"]
    analyst = (await run(gql_session, user(a, Role.analyst), RECORD, input=agreement(a, "KS 3")))["recordSharingAgreement"]
    assert [e["code"] for e in analyst["errors"]] == ["forbidden"]
    kinds = [e.object_type for e in await audit_entries(app_sessions, a.id) if e.action is AuditAction.write]
    assert kinds.count("recordSharingAgreement") == 1 and kinds.count("endSharingAgreement") == 1


# --- data-subject requests --------------------------------------------------------------------------


async def test_data_subject_requests_move_through_their_states(cities, malmo, gql_session, app_engine, demo):
    a, b = cities
    coordinator = user(a, Role.coordinator)
    person = (await run(gql_session, coordinator, """mutation { createPerson(input: {givenName: "Ali", familyName: "Svensson"})
        { person { id } errors { code } } }"""))["createPerson"]["person"]["id"]
    received = (date.today() - timedelta(days=3)).isoformat()
    future = (await run(gql_session, coordinator, REGISTER, input={
        "kind": "access", "receivedOn": (date.today() + timedelta(days=2)).isoformat(),
        "handledByOrganisationId": org_id(b)}))["registerDataSubjectRequest"]
    assert {(e["field"], e["code"]) for e in future["errors"]} == {
        ("input.receivedOn", "in_future"), ("input.handledByOrganisationId", "not_found")}
    async with gql_session(user(malmo, Role.coordinator)) as s:
        malmo_person = (await s.execute(request("{ people(first: 1) { edges { node { id } } } }")))["people"]["edges"][0]["node"]["id"]
    foreign_person = (await run(gql_session, coordinator, REGISTER, input={
        "kind": "access", "receivedOn": received, "personId": malmo_person}))["registerDataSubjectRequest"]
    assert [(e["field"], e["code"]) for e in foreign_person["errors"]] == [("input.personId", "not_found")]
    assert await count_rows(app_engine, a.id, DataSubjectRequest) == 0

    made = (await run(gql_session, coordinator, REGISTER, input={
        "kind": "access", "receivedOn": received, "personId": person, "handledByOrganisationId": org_id(a)}))
    made = made["registerDataSubjectRequest"]["request"]
    assert made["status"] == "received" and made["personId"] == person and made["overdue"] is False
    started = (await run(gql_session, coordinator, START, input={"requestId": made["id"]}))["startDataSubjectRequest"]
    assert started["request"]["status"] == "in_progress"
    twice = (await run(gql_session, coordinator, START, input={"requestId": made["id"]}))["startDataSubjectRequest"]
    assert [(e["field"], e["code"]) for e in twice["errors"]] == [("input.status", "already_started")]
    no_reason = (await run(gql_session, coordinator, EXTEND, input={"requestId": made["id"], "reason": " "}))
    assert [(e["field"], e["code"]) for e in no_reason["extendDataSubjectRequest"]["errors"]] == [("input.reason", "required")]
    extended = (await run(gql_session, coordinator, EXTEND, input={"requestId": made["id"], "reason": "Many registers"}))
    assert extended["extendDataSubjectRequest"]["request"]["extended"] is True
    bad_close = (await run(gql_session, coordinator, CLOSE, input={"requestId": made["id"], "status": "received",
                                                                   "outcome": ""}))["closeDataSubjectRequest"]
    assert {(e["field"], e["code"]) for e in bad_close["errors"]} == {("input.status", "not_final"), ("input.outcome", "required")}
    closed = (await run(gql_session, coordinator, CLOSE, input={"requestId": made["id"], "status": "completed",
                                                                "outcome": "Registerutdrag sent"}))["closeDataSubjectRequest"]
    assert closed["request"]["status"] == "completed" and closed["request"]["closedOn"] == date.today().isoformat()
    again = (await run(gql_session, coordinator, CLOSE, input={"requestId": made["id"], "status": "refused",
                                                               "outcome": "x"}))["closeDataSubjectRequest"]
    assert [(e["field"], e["code"]) for e in again["errors"]] == [("input.status", "closed")]
    assert (await run(gql_session, coordinator, REQUESTS, open=True))["dataSubjectRequests"]["edges"] == []
    assert len((await run(gql_session, coordinator, REQUESTS, open=False))["dataSubjectRequests"]["edges"]) == 1
    other = user(b, Role.coordinator)
    for query, name, extra in ((START, "startDataSubjectRequest", {}), (EXTEND, "extendDataSubjectRequest", {"reason": "x"}),
                               (CLOSE, "closeDataSubjectRequest", {"status": "refused", "outcome": "x"})):
        refused = (await run(gql_session, other, query, input={"requestId": made["id"], **extra}))[name]
        assert [(e["field"], e["code"]) for e in refused["errors"]] == [("input.requestId", "not_found")]
        forbidden = (await run(gql_session, user(a, Role.caseworker), query, input={"requestId": made["id"], **extra}))[name]
        assert [e["code"] for e in forbidden["errors"]] == ["forbidden"]
    assert (await run(gql_session, other, REQUESTS, open=False))["dataSubjectRequests"]["edges"] == []


async def test_the_shown_secret_works_once_rotated_or_revoked_it_stops(cities, gql_session, test_database):
    """End to end through the token endpoint: the secret in the answer is the client's; rotating refuses the old
    secret and the tokens issued under it; revoking refuses every token."""
    import httpx

    from api.app import create_app
    from tenants.settings import Settings

    a, _ = cities
    coordinator = user(a, Role.coordinator)
    made = (await run(gql_session, coordinator, CREATE_CLIENT, input={"name": "Skolans system",
                                                                      "scopes": ["programme:read"]}))["createApiClient"]
    client_id, secret, node = made["apiClient"]["clientId"], made["clientSecret"], made["apiClient"]["id"]
    application = create_app(Settings(env="test"), app_database_url=test_database.app_url)  # real authentication
    async with application.router.lifespan_context(application), httpx.AsyncClient(
            transport=httpx.ASGITransport(app=application), base_url="http://testserver") as web:
        async def token(with_secret: str) -> httpx.Response:
            return await web.post("/oauth/token", data={"grant_type": "client_credentials"}, auth=(client_id, with_secret))

        async def me(access: str) -> int:
            return (await web.get("/auth/me", headers={"Authorization": f"Bearer {access}"})).status_code

        first = await token(secret)
        assert first.status_code == 200, first.text
        old_token = first.json()["access_token"]
        assert await me(old_token) == 200
        rotated = (await run(gql_session, coordinator, ROTATE, input={"apiClientId": node}))["rotateApiClientSecret"]
        assert (await token(secret)).status_code == 401 and await me(old_token) == 401
        fresh = await token(rotated["clientSecret"])
        assert fresh.status_code == 200
        await run(gql_session, coordinator, REVOKE, input={"apiClientId": node})
        assert await me(fresh.json()["access_token"]) == 401
        assert (await token(rotated["clientSecret"])).status_code == 401
