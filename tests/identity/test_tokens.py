"""OAuth2 client credentials: tokens work within their scopes, and every untrustworthy token is refused."""

from __future__ import annotations

import time
import uuid

import pytest
from joserfc import jwt
from joserfc.jwk import ECKey

from api.auth import tokens
from domain.identity import clients
from tenants.context import tenant_context
from tenants.database import transaction


@pytest.fixture
async def api_client(city, sessions):
    with tenant_context(city.tenant.id):
        async with transaction(sessions) as s:
            issued = await clients.create(s, tenant_slug=city.slug, name="Polisens ärendesystem",
                                          scopes="programme:read incidents:write")
    return issued


async def get_token(web, client_id, secret, scope=None, *, basic=True):
    data = {"grant_type": "client_credentials"}
    if scope is not None:
        data["scope"] = scope
    if basic:
        return await web.post("/oauth/token", data=data, auth=(client_id, secret))
    return await web.post("/oauth/token", data={**data, "client_id": client_id, "client_secret": secret})


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


async def test_token_works_within_its_scopes_and_not_beyond(web, city, api_client):
    r = await get_token(web, api_client.client.client_id, api_client.secret)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["token_type"] == "Bearer" and body["expires_in"] == 300
    assert body["scope"] == "incidents:write programme:read"
    assert r.headers["cache-control"] == "no-store"
    token = body["access_token"]
    r = await web.get("/api/organisations", headers=bearer(token))
    assert r.status_code == 200 and len(r.json()) == len(city.organisations)
    r = await web.post("/api/organisations", headers=bearer(token), json={"name": "X", "kind": "school"})
    assert r.status_code == 403
    assert "may not write programme" in r.json()["detail"] and "incidents:write" in r.json()["detail"]
    r = await web.get("/api/users", headers=bearer(token))
    assert r.status_code == 403
    me = (await web.get("/auth/me", headers=bearer(token))).json()
    assert me["kind"] == "api_client" and me["tenant"]["slug"] == city.slug


async def test_token_with_narrower_scope_and_post_auth(web, api_client):
    r = await get_token(web, api_client.client.client_id, api_client.secret, "programme:read", basic=False)
    assert r.status_code == 200 and r.json()["scope"] == "programme:read"
    claims = jwt.decode(r.json()["access_token"], web.app.state.auth.keyring.key_set(), algorithms=["ES256"]).claims
    assert claims["sub"] == api_client.client.client_id and claims["tid"] == str(api_client.client.tenant_id)
    assert claims["aud"] == "urn:gvi:api" and claims["iss"] == "https://testserver"
    assert claims["exp"] - claims["iat"] == 300


async def test_scope_beyond_the_client_is_refused(web, api_client):
    r = await get_token(web, api_client.client.client_id, api_client.secret, "people:read")
    assert r.status_code == 400 and r.json()["error"] == "invalid_scope"
    assert "people:read" in r.json()["error_description"]
    r = await get_token(web, api_client.client.client_id, api_client.secret, "audit:read")
    assert r.status_code == 400 and r.json()["error"] == "invalid_scope"


async def test_wrong_secret_and_unknown_client(web, api_client):
    for client_id, secret in [(api_client.client.client_id, "not-the-secret"),
                              (f"{api_client.client.client_id[:-3]}xyz", api_client.secret)]:
        for basic in (True, False):
            r = await get_token(web, client_id, secret, basic=basic)
            assert r.status_code == 401 and r.json() == {"error": "invalid_client",
                                                         "error_description": "invalid client credentials"}, r.text
    r = await get_token(web, "nocity.abcdefghijklmnopqrstuvwx", "x")
    assert r.status_code == 401


async def test_other_grant_types_are_refused(web, api_client):
    r = await web.post("/oauth/token", data={"grant_type": "password", "username": "a", "password": "b"},
                       auth=(api_client.client.client_id, api_client.secret))
    assert r.status_code == 400 and r.json()["error"] == "unsupported_grant_type"


async def test_jwks_publishes_the_signing_key(web, api_client):
    jwks = (await web.get("/.well-known/jwks.json")).json()
    token = (await get_token(web, api_client.client.client_id, api_client.secret)).json()["access_token"]
    header = jwt.decode(token, web.app.state.auth.keyring.key_set(), algorithms=["ES256"]).header
    assert header["alg"] == "ES256" and header["typ"] == "at+jwt"
    assert header["kid"] in {k["kid"] for k in jwks["keys"]}
    assert all("d" not in k for k in jwks["keys"]), "never a private part"
    meta = (await web.get("/.well-known/oauth-authorization-server")).json()
    assert meta["token_endpoint"] == "https://testserver/oauth/token"


def _sign(web, claims: dict, key=None, kid=None, typ="at+jwt") -> str:
    ring = web.app.state.auth.keyring
    key = key or ring.active
    return jwt.encode({"alg": "ES256", "kid": kid or ring.kid, "typ": typ}, claims, key)


def _claims(web, client, **over) -> dict:
    settings = web.app.state.auth.settings
    now = int(time.time())
    base = {"iss": settings.jwt_issuer, "aud": settings.jwt_audience, "sub": client.client_id, "tid": str(client.tenant_id),
            "scope": "programme:read", "ver": client.secret_version, "iat": now, "nbf": now, "exp": now + 300,
            "jti": uuid.uuid4().hex}
    base.update(over)
    return base


async def _refused(web, token, status, message):
    r = await web.get("/api/organisations", headers=bearer(token))
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert message in r.json()["detail"], r.json()
    if status == 401:
        assert r.headers["www-authenticate"].startswith("Bearer")


async def test_control_token_built_like_the_refusals_below_is_accepted(web, api_client):
    r = await web.get("/api/organisations", headers=bearer(_sign(web, _claims(web, api_client.client))))
    assert r.status_code == 200


async def test_expired_token(web, api_client):
    now = int(time.time())
    await _refused(web, _sign(web, _claims(web, api_client.client, iat=now - 900, nbf=now - 900, exp=now - 600)),
                   401, "access token has expired")


async def test_forged_token(web, api_client):
    rogue = ECKey.generate_key("P-256", private=True)
    await _refused(web, _sign(web, _claims(web, api_client.client), key=rogue), 401, "signature is invalid")
    # a real token whose claims were edited (scope raised) fails the signature too
    real = (await get_token(web, api_client.client.client_id, api_client.secret)).json()["access_token"]
    import base64
    import json

    head, payload, sig = real.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["scope"] = "people:read people:write"
    tampered = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    await _refused(web, f"{head}.{tampered}.{sig}", 401, "signature is invalid")


async def test_unknown_kid(web, api_client):
    rogue = ECKey.generate_key("P-256", private=True)
    await _refused(web, _sign(web, _claims(web, api_client.client), key=rogue, kid="rogue-key"), 401, "unknown key (kid)")


async def test_wrong_audience(web, api_client):
    await _refused(web, _sign(web, _claims(web, api_client.client, aud="urn:someone-else")), 401, "another audience")


async def test_wrong_issuer(web, api_client):
    await _refused(web, _sign(web, _claims(web, api_client.client, iss="https://evil.example")), 401, "another issuer")


async def test_not_an_access_token(web, api_client):
    await _refused(web, _sign(web, _claims(web, api_client.client), typ="JWT"), 401, "not an access token")
    await _refused(web, "not.a.jwt", 401, "malformed")


async def test_wrong_tenant(web, api_client, other_city):
    """A token naming another city than its client's (only possible with the signing key) is refused."""
    await _refused(web, _sign(web, _claims(web, api_client.client, tid=str(other_city.tenant.id))), 401,
                   "client does not exist in the token's city")


async def test_tenant_comes_from_the_token_never_a_header(web, city, api_client, other_city):
    token = (await get_token(web, api_client.client.client_id, api_client.secret)).json()["access_token"]
    r = await web.get("/api/organisations", params={"tenant": other_city.slug, "tenant_id": str(other_city.tenant.id)},
                      headers={**bearer(token), "X-Tenant-ID": str(other_city.tenant.id), "X-Tenant": other_city.slug})
    assert r.status_code == 200
    assert {o["id"] for o in r.json()} == {str(i) for i in city.organisations.values()}


async def test_revoked_client(web, city, api_client, sessions):
    token = (await get_token(web, api_client.client.client_id, api_client.secret)).json()["access_token"]
    with tenant_context(city.tenant.id):
        async with transaction(sessions) as s:
            await clients.revoke(s, await clients.require(s, api_client.client.client_id))
    await _refused(web, token, 401, "API client has been revoked")
    r = await get_token(web, api_client.client.client_id, api_client.secret)
    assert r.status_code == 401 and "revoked" in r.json()["error_description"]


async def test_rotated_secret(web, city, api_client, sessions):
    old_token = (await get_token(web, api_client.client.client_id, api_client.secret)).json()["access_token"]
    with tenant_context(city.tenant.id):
        async with transaction(sessions) as s:
            rotated = await clients.rotate(s, await clients.require(s, api_client.client.client_id))
    await _refused(web, old_token, 401, "before the client's secret was rotated")
    assert (await get_token(web, api_client.client.client_id, api_client.secret)).status_code == 401
    r = await get_token(web, api_client.client.client_id, rotated.secret)
    assert r.status_code == 200
    assert (await web.get("/api/organisations", headers=bearer(r.json()["access_token"]))).status_code == 200


async def test_suspended_city_gets_no_tokens_and_its_tokens_stop(web, city, api_client, owner_engine):
    from sqlalchemy import text

    token = (await get_token(web, api_client.client.client_id, api_client.secret)).json()["access_token"]
    async with owner_engine.begin() as conn:
        await conn.execute(text("update tenants set status = 'suspended', suspended_at = now(), suspension_reason = 'test' "
                                "where id = :id"), {"id": city.tenant.id})
    await _refused(web, token, 403, "suspended")
    r = await get_token(web, api_client.client.client_id, api_client.secret)
    assert r.status_code == 403 and "suspended" in r.json()["error_description"]


async def test_bad_authorization_header(web):
    r = await web.get("/api/organisations", headers={"Authorization": "Basic abc"})
    assert r.status_code == 401 and "Bearer" in r.json()["detail"]
    r = await web.get("/api/organisations")
    assert r.status_code == 401 and r.json()["detail"] == "not signed in (no valid session)"


def test_verify_unit_refusals(web=None):
    ring_key = ECKey.generate_key("P-256", private=True)
    from api.auth.keys import KeyRing

    ring = KeyRing(ECKey.import_key(ring_key.as_pem(private=True), {"kid": "k1"}), ())
    ring = KeyRing(ring.active, (ring.active,))

    class C:
        client_id, tenant_id, secret_version = "c.x", uuid.uuid4(), 1

    tok = tokens.issue(ring, issuer="https://i", audience="urn:a", client=C, scopes=["programme:read"], ttl=60)
    assert tokens.verify(ring.key_set(), tok, issuer="https://i", audience="urn:a")["scope"] == "programme:read"
    with pytest.raises(tokens.TokenRefused, match="another audience"):
        tokens.verify(ring.key_set(), tok, issuer="https://i", audience="urn:b")
