"""Bad input over HTTP is the caller's mistake: a 4xx naming the field, never a 500, never driver
text (issue 10 item 11; the reproductions of the independent security test and more)."""

from __future__ import annotations

import base64

import pytest

from domain.identity.principal import Role
from tests.identity.conftest import sign_in_role

LEAKS = ("INSERT INTO", "SELECT ", "[SQL", "[parameters", "asyncpg", "sqlalchemy", "Traceback")


def clean(response) -> None:
    assert response.status_code < 500, (response.status_code, response.text[:500])
    assert not [m for m in LEAKS if m in response.text], response.text[:500]


def basic(raw: bytes) -> dict:
    return {"Authorization": "Basic " + base64.b64encode(raw).decode()}


@pytest.mark.parametrize(("form", "headers"), [
    ({"grant_type": "client_credentials", "client_id": "malmo\x00x", "client_secret": "s"}, {}),
    ({"grant_type": "client_credentials", "client_id": "malmo.\x00", "client_secret": "s"}, {}),
    ("grant_type=client_credentials&client_id=%ED%A0%80&client_secret=s", {}),
    ("grant_type=client_credentials&client_id=malmo.%00&client_secret=s", {}),
    ({"grant_type": "client_credentials"}, basic(b"malmo.abc\x00:secret")),
    ({"grant_type": "client_credentials"}, basic(b"\xff\xfe:\xff")),
    ({"grant_type": "client_credentials"}, {"Authorization": "Basic !!!not base64"}),
    ({"grant_type": "client_credentials", "client_id": "x" * 100_000, "client_secret": "s"}, {}),
])
async def test_token_endpoint_refuses_bad_client_ids(web, form, headers):
    if isinstance(form, str):  # raw, as a hostile client sends it
        headers = headers | {"content-type": "application/x-www-form-urlencoded"}
        response = await web.post("/oauth/token", content=form.encode(), headers=headers)
    else:
        response = await web.post("/oauth/token", data=form, headers=headers)
    clean(response)
    assert response.status_code in (400, 401), response.text
    assert response.json()["error"] in ("invalid_client", "invalid_request"), response.text


@pytest.mark.parametrize("body", [
    {"tenant": "malmo\x00", "username": "u", "password": "p"},
    {"tenant": "malmo", "username": "u\x00", "password": "p"},
    {"tenant": "malmo", "username": "u", "password": "p\x00"},
    '{"tenant": "\\ud800", "username": "u", "password": "p"}',
    {"tenant": "malmo", "username": "u" * 100_000, "password": "p"},
])
async def test_login_refuses_unstorable_fields_naming_them(web, body):
    if isinstance(body, str):  # raw JSON: a lone surrogate escape no client library would send
        response = await web.post("/auth/login", content=body.encode(), headers={"content-type": "application/json"})
    else:
        response = await web.post("/auth/login", json=body)
    clean(response)
    assert response.status_code in (401, 422), response.text
    if response.status_code == 422:
        assert response.json()["errors"][0]["field"] in ("tenant", "username", "password"), response.text


@pytest.mark.parametrize("raw", [b"[1, 2]", b'"just a string"', b"[" * 100_000 + b"]" * 100_000, b"\xff\xfe", b"null"])
async def test_json_bodies_that_are_not_objects_are_refused(web, raw):
    for path in ("/auth/login", "/graphql"):
        response = await web.post(path, content=raw, headers={"content-type": "application/json"})
        clean(response)
        assert 400 <= response.status_code < 500, (path, response.text)


@pytest.mark.parametrize("tenant", ["malmo%00", "%F0%9F%92%A9" * 200, "x" * 5000, "..%2F..", "%ED%A0%80"])
async def test_oidc_login_refuses_bad_city_names(web, tenant):
    response = await web.get(f"/auth/oidc/{tenant}/login")
    clean(response)
    assert response.status_code in (401, 404, 422), response.text  # unknown city, or not a city's name
    if response.status_code == 422:
        assert response.json()["errors"][0]["field"] == "path.tenant", response.text


@pytest.mark.parametrize("query", [
    "since=0001-01-01T00:00:00%2B14:00", "until=9999-12-31T23:59:59-12:00", "since=0001-01-01", "until=10000-01-01",
    "before=99999999999999999999999", "before=-1", "person=%00", "since=2019-01-01T00:00:00%00",
])
async def test_audit_search_refuses_out_of_range_parameters(web, city, query):
    csrf = await sign_in_role(web, Role.auditor, city)
    response = await web.get(f"/api/audit?{query}", headers={"X-CSRF-Token": csrf})
    clean(response)
    assert response.status_code == 422, response.text
    field = query.partition("=")[0]
    assert response.json()["errors"][0]["field"] == f"query.{field}", response.text
