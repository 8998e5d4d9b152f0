"""OIDC single sign-on end to end against a real OpenID provider (npm `oidc-provider`, run locally).

The provider runs under Node.js from ``tests/oidc`` (installed with ``npm ci`` by ``scripts/test``, or
here when missing). A test "browser" follows every redirect: app → provider (its real login and
consent pages) → app callback.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import uuid
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit, urlunsplit

import httpx
import pytest

from domain.identity import providers
from domain.organisations.models import Organisation, OrganisationKind
from tenants.context import tenant_context
from tenants.database import transaction
from tenants.models import Tenant
from tests.conftest import spare_kommunkod
from tests.identity.conftest import BASE_URL

OIDC_DIR = Path(__file__).resolve().parent.parent / "oidc"
CLIENT_ID = "gvi-test"
CLIENT_SECRET = "gvi-test-secret-which-is-long-enough"
CITIES = {"oidc-normal": "normal", "oidc-other": "normal", "oidc-wrong-iss": "wrong-issuer", "oidc-rogue-kid": "rogue-kid"}
MAPPING = {"gvi-analysts": "analyst", "gvi-outreach": "outreach", "gvi-coordinators": "coordinator"}


@pytest.fixture(scope="session")
def oidc_providers():
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("Node.js is needed for the OIDC tests (tests/oidc) and is missing")
        pytest.skip("Node.js not installed: the OIDC end-to-end tests need it")
    if not (OIDC_DIR / "node_modules" / "oidc-provider").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=OIDC_DIR, check=True, capture_output=True, timeout=600)
    env = {**os.environ, "CLIENT_ID": CLIENT_ID, "CLIENT_SECRET": CLIENT_SECRET,
           "REDIRECT_URIS": ",".join(f"{BASE_URL}/auth/oidc/{slug}/callback" for slug in CITIES)}
    proc = subprocess.Popen([node, "provider.js"], cwd=OIDC_DIR, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    try:
        line = proc.stdout.readline()
        if not line:
            pytest.fail("the OIDC test provider did not start (run `node tests/oidc/provider.js` to see why)")
        yield {mode: p["issuer"] for mode, p in json.loads(line)["providers"].items()}
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
async def oidc_cities(oidc_providers, sessions, owner_engine):
    made = {}
    for slug, mode in CITIES.items():
        tid = uuid.uuid4()
        async with transaction(sessions) as s:
            s.add(Tenant(id=tid, slug=slug, name=f"SSO {slug}", kommunkod=spare_kommunkod()))
        with tenant_context(tid):
            async with transaction(sessions) as s:
                org = Organisation(id=uuid.uuid4(), tenant_id=tid, name="Polisen", kind=OrganisationKind.police)
                s.add(org)
                await s.flush()
                await providers.configure(s, issuer=oidc_providers[mode], client_id=CLIENT_ID, client_secret=CLIENT_SECRET,
                                          role_mapping=MAPPING, organisation_id=org.id,
                                          scopes="openid profile email groups")
        made[slug] = tid
    yield made
    from tests.conftest import purge_tenant

    for tid in made.values():
        await purge_tenant(owner_engine, tid)


def _with_param(url: str, key: str, value: str) -> str:
    parts = urlsplit(url)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    query[key] = value
    return urlunsplit(parts._replace(query=urlencode(query)))


async def through_provider(authorize_url: str, login: str) -> str:
    """Be the user at the provider: sign in, consent; returns the redirect back to the app."""
    async with httpx.AsyncClient(follow_redirects=False, timeout=10) as browser:
        url = authorize_url
        r = await browser.get(url)
        for _ in range(12):
            if r.status_code in (302, 303):
                url = urljoin(url, r.headers["location"])
                if url.startswith(BASE_URL):
                    return url
                r = await browser.get(url)
                continue
            assert r.status_code == 200, (r.status_code, r.text[:500])
            action = urljoin(url, re.search(r'action="([^"]+)"', r.text).group(1))
            if 'value="login"' in r.text:
                r = await browser.post(action, data={"prompt": "login", "login": login, "password": "any"})
            elif 'value="consent"' in r.text:
                r = await browser.post(action, data={"prompt": "consent"})
            else:
                raise AssertionError(r.text[:500])
            url = action
    raise AssertionError("the provider never redirected back")


async def sso(web, slug: str, login: str, *, tamper=None) -> httpx.Response:
    r = await web.get(f"/auth/oidc/{slug}/login")
    assert r.status_code == 302, r.text
    authorize = r.headers["location"]
    if tamper:
        authorize = tamper(authorize)
    back = await through_provider(authorize, login)
    return await web.get(back.removeprefix(BASE_URL))


async def test_authorization_request_uses_pkce_state_and_nonce(web, oidc_cities, oidc_providers):
    r = await web.get("/auth/oidc/oidc-normal/login")
    assert r.status_code == 302
    url = r.headers["location"]
    assert url.startswith(oidc_providers["normal"])
    q = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    assert q["response_type"] == "code" and q["client_id"] == CLIENT_ID
    assert q["code_challenge_method"] == "S256" and len(q["code_challenge"]) >= 43
    assert len(q["state"]) >= 20 and len(q["nonce"]) >= 20
    assert q["redirect_uri"] == f"{BASE_URL}/auth/oidc/oidc-normal/callback"
    cookie = r.headers["set-cookie"]
    assert "gvi_oidc=" in cookie and "httponly" in cookie.lower() and "secure" in cookie.lower()
    assert "path=/auth/oidc" in cookie.lower()


async def test_sign_in_through_the_real_provider(web, oidc_cities):
    r = await sso(web, "oidc-normal", "anna.analyst")
    assert r.status_code == 303, r.text
    assert r.headers["location"] == "/"
    me = (await web.get("/auth/me")).json()
    assert me["role"] == "analyst" and me["tenant"]["slug"] == "oidc-normal" and me["name"] == "anna.analyst"
    assert me["permissions"]["groups"]["read"] == "all"
    # the same person signing in again is the same account; the most privileged mapped group wins
    r = await sso(web, "oidc-normal", "cecilia.coordinator")
    assert (await web.get("/auth/me")).json()["role"] == "coordinator"
    r = await sso(web, "oidc-normal", "anna.analyst")
    first = (await web.get("/auth/me")).json()["id"]
    assert first == me["id"]


async def test_provider_jwks_is_cached_by_kid(web, oidc_cities):
    await sso(web, "oidc-normal", "olle.outreach")
    auth = web.app.state.auth
    (fingerprint, client), = [v for k, v in auth.oidc_clients.items() if k == oidc_cities["oidc-normal"]]
    kids = {k["kid"] for k in client.server_metadata["jwks"]["keys"]}
    assert kids == {"provider-key-1"}
    await sso(web, "oidc-normal", "olle.outreach")
    assert auth.oidc_clients[oidc_cities["oidc-normal"]][1] is client, "one client (and its JWKS) per city"


async def test_wrong_nonce_is_refused(web, oidc_cities):
    r = await sso(web, "oidc-normal", "anna.analyst", tamper=lambda url: _with_param(url, "nonce", "n" * 30))
    assert r.status_code == 401, r.text
    assert r.json()["detail"] == "ID token nonce does not match this sign-in"
    assert (await web.get("/auth/me")).status_code == 401


async def test_token_from_another_issuer_is_refused(web, oidc_cities):
    r = await sso(web, "oidc-wrong-iss", "anna.analyst")
    assert r.status_code == 401, r.text
    assert r.json()["detail"] == "ID token was issued by another issuer"


async def test_unknown_kid_is_refused(web, oidc_cities):
    r = await sso(web, "oidc-rogue-kid", "anna.analyst")
    assert r.status_code == 401, r.text
    assert "unknown kid" in r.json()["detail"]


async def test_forged_state_is_refused(web, oidc_cities):
    r = await sso(web, "oidc-normal", "anna.analyst", tamper=lambda url: _with_param(url, "state", "s" * 30))
    assert r.status_code == 401 and "state" in r.json()["detail"]


async def test_callback_replayed_to_another_city_is_refused(web, oidc_cities):
    r = await web.get("/auth/oidc/oidc-normal/login")
    back = await through_provider(r.headers["location"], "anna.analyst")
    other = back.replace("/oidc-normal/", "/oidc-other/")
    r = await web.get(other.removeprefix(BASE_URL))
    assert r.status_code == 401 and "state" in r.json()["detail"]
    assert (await web.get("/auth/me")).status_code == 401


async def test_callback_in_another_browser_is_refused(web, oidc_cities, auth_settings, test_database):
    from tests.identity.conftest import running_app

    r = await web.get("/auth/oidc/oidc-normal/login")
    back = await through_provider(r.headers["location"], "anna.analyst")
    async with running_app(auth_settings, test_database.app_url) as victim:
        r = await victim.get(back.removeprefix(BASE_URL))
        assert r.status_code == 401 and "state" in r.json()["detail"]


async def test_no_mapped_role_is_refused(web, oidc_cities):
    r = await sso(web, "oidc-normal", "nils.nobody")
    assert r.status_code == 403 and "no role" in r.json()["detail"]


async def test_city_without_sso(web, city):
    r = await web.get(f"/auth/oidc/{city.slug}/login")
    assert r.status_code == 404 and "no single sign-on" in r.json()["detail"]


async def test_unreachable_provider(web, sessions, owner_engine):
    """A provider that does not answer: a clear 502, not a crash."""
    tid = uuid.uuid4()
    async with transaction(sessions) as s:
        s.add(Tenant(id=tid, slug=f"sso-down-{tid.hex[:6]}", name="Down", kommunkod=spare_kommunkod()))
    try:
        with tenant_context(tid):
            async with transaction(sessions) as s:
                org = Organisation(id=uuid.uuid4(), tenant_id=tid, name="Polisen", kind=OrganisationKind.police)
                s.add(org)
                await s.flush()
                await providers.configure(s, issuer="http://127.0.0.1:9", client_id="x", client_secret="y",
                                          role_mapping=MAPPING, organisation_id=org.id)
        r = await web.get(f"/auth/oidc/sso-down-{tid.hex[:6]}/login")
        assert r.status_code == 502 and "could not be reached" in r.json()["detail"]
    finally:
        from tests.conftest import purge_tenant

        await purge_tenant(owner_engine, tid)
