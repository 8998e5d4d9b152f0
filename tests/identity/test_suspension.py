"""Suspending a city (issue 10.12): its users, sessions and API clients get a 403 naming the reason;
its data stays; resuming opens it again."""

from __future__ import annotations

from sqlalchemy import func, select

from domain.identity import clients
from domain.identity.principal import Role
from domain.organisations.models import Organisation
from tenants import service as tenant_service
from tenants.context import tenant_context
from tenants.database import transaction
from tests.identity.conftest import PASSWORD, sign_in_role

REASON = "the data-sharing agreement lapsed on 2026-11-30"


async def test_suspended_city_refuses_users_sessions_and_clients_naming_the_reason(web, city, sessions):
    with tenant_context(city.tenant.id):
        async with transaction(sessions) as s:
            issued = await clients.create(s, tenant_slug=city.slug, name="agency", scopes="programme:read")
            organisations = await s.scalar(select(func.count()).select_from(Organisation))
    token = (await web.post("/oauth/token", data={"grant_type": "client_credentials"},
                            auth=(issued.client.client_id, issued.secret))).json()["access_token"]
    await sign_in_role(web, Role.coordinator, city)  # a live session
    assert (await web.get("/auth/me")).status_code == 200

    async with transaction(sessions) as s:
        tenant = await tenant_service.suspend(s, city.slug, reason=REASON)
        assert tenant.suspended_at is not None and tenant.suspension_reason == REASON

    answers = {
        "session": await web.get("/auth/me"),
        "bearer": await web.post("/graphql", json={"query": "{ viewer { kind } }"},
                                 headers={"Authorization": f"Bearer {token}"}),
        "login": await web.post("/auth/login", json={"tenant": city.slug, "username": "viewer", "password": PASSWORD}),
    }
    for what, r in answers.items():
        assert r.status_code == 403, (what, r.text)
        assert r.headers["content-type"].startswith("application/problem+json"), what
        assert "suspended" in r.json()["detail"] and REASON in r.json()["detail"], (what, r.json())
    r = await web.post("/oauth/token", data={"grant_type": "client_credentials"},
                       auth=(issued.client.client_id, issued.secret))
    assert r.status_code == 403 and REASON in r.json()["error_description"], r.text

    with tenant_context(city.tenant.id):  # data untouched
        async with transaction(sessions) as s:
            assert await s.scalar(select(func.count()).select_from(Organisation)) == organisations

    async with transaction(sessions) as s:
        tenant = await tenant_service.resume(s, city.slug)
        assert tenant.suspended_at is None and tenant.suspension_reason is None
    r = await web.post("/graphql", json={"query": "{ viewer { kind } }"}, headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200 and r.json()["data"]["viewer"]["kind"] == "api_client", r.text


async def test_suspension_needs_a_reason(city, sessions):
    import pytest

    from tenants.errors import ValidationFailed

    async with transaction(sessions) as s:
        with pytest.raises(ValidationFailed) as refused:
            await tenant_service.suspend(s, city.slug, reason="  ")
    assert refused.value.errors[0].field == "reason"
