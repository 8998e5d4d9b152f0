"""Cities with users of every role, apps on the test database, and sign-in helpers.

The app opens its own connections (as the runtime role), so the data here is committed and removed
afterwards by deleting the test tenants (everything else cascades).
"""

from __future__ import annotations

import random
import tempfile
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from api.app import create_app
from domain.identity import totp, users
from domain.identity.principal import CITY_ROLES, NATIONAL_ROLES, Role
from domain.organisations.models import Organisation, OrganisationKind
from tenants.context import tenant_context
from tenants.database import session_factory, transaction
from tenants.models import Tenant
from tenants.settings import Settings
from tests.conftest import spare_kommunkod

PASSWORD = "correct horse battery staple 42"
BASE_URL = "https://testserver"

ORG_FOR_ROLE = {
    Role.coordinator: OrganisationKind.municipality_other,
    Role.analyst: OrganisationKind.police,
    Role.caseworker: OrganisationKind.social_services,
    Role.outreach: OrganisationKind.civil_society,
    Role.viewer: OrganisationKind.municipality_other,
    Role.auditor: OrganisationKind.municipality_other,
}


@dataclass
class City:
    tenant: Tenant
    organisations: dict[OrganisationKind, uuid.UUID]
    totp_secrets: dict[str, str] = field(default_factory=dict)

    @property
    def slug(self) -> str:
        return self.tenant.slug


@pytest.fixture(scope="session")
def key_dir() -> Path:
    return Path(tempfile.mkdtemp(prefix="gvi-identity-keys-"))


@pytest.fixture(scope="session")
def auth_settings(key_dir: Path) -> Settings:
    return Settings(env="test", data_dir=key_dir, public_url=BASE_URL)


@pytest.fixture(scope="session")
def sessions(app_engine):
    return session_factory(app_engine)


async def make_city(sessions, owner_engine, *, with_users: bool = True) -> City:
    tid = uuid.uuid4()
    slug = f"c{tid.hex[:10]}"
    async with transaction(sessions) as s:
        tenant = Tenant(id=tid, slug=slug, name=f"Stad {slug}", kommunkod=spare_kommunkod())
        s.add(tenant)
    orgs: dict[OrganisationKind, uuid.UUID] = {}
    city = City(tenant, orgs)
    with tenant_context(tid):
        async with transaction(sessions) as s:
            for kind in OrganisationKind:
                org = Organisation(id=uuid.uuid4(), tenant_id=tid, name=f"{kind.value} {slug}", kind=kind)
                s.add(org)
                orgs[kind] = org.id
            await s.flush()
            if with_users:
                for role in CITY_ROLES:
                    secret = totp.new_secret()
                    city.totp_secrets[role.value] = secret
                    await users.create_user(s, username=role.value, display_name=f"Test {role.value}",
                                            organisation_id=orgs[ORG_FOR_ROLE[role]], role=role, password=PASSWORD,
                                            totp_secret=secret)
    return city


async def drop_city(owner_engine, city: City) -> None:
    from tests.conftest import purge_tenant

    await purge_tenant(owner_engine, city.tenant.id)


@pytest.fixture
async def city(sessions, owner_engine) -> AsyncIterator[City]:
    c = await make_city(sessions, owner_engine)
    yield c
    await drop_city(owner_engine, c)


@pytest.fixture
async def other_city(sessions, owner_engine) -> AsyncIterator[City]:
    c = await make_city(sessions, owner_engine)
    yield c
    await drop_city(owner_engine, c)


@dataclass
class Nationals:
    suffix: str
    totp_secrets: dict[str, str]

    def username(self, role: Role) -> str:
        return f"{role.value.replace('_', '.')}.{self.suffix}"


@pytest.fixture
async def nationals(sessions, owner_engine) -> AsyncIterator[Nationals]:
    n = Nationals(uuid.uuid4().hex[:6], {})
    async with transaction(sessions) as s:
        for role in NATIONAL_ROLES:
            secret = totp.new_secret()
            n.totp_secrets[role.value] = secret
            await users.create_national_user(s, username=n.username(role), display_name=f"Test {role.value}", role=role,
                                             password=PASSWORD, totp_secret=secret)
    yield n
    async with owner_engine.begin() as conn:
        await conn.execute(text("delete from national_users where username like :p"), {"p": f"%.{n.suffix}"})


@asynccontextmanager
async def running_app(settings: Settings, app_url: str, address: str | None = None) -> AsyncIterator[httpx.AsyncClient]:
    """An app instance and a client; each gets its own client address unless one is named."""
    app = create_app(settings, app_database_url=app_url)
    address = address or f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, client=(address, 50000))
        async with httpx.AsyncClient(transport=transport, base_url=BASE_URL) as c:
            c.app = app  # type: ignore[attr-defined]
            yield c


@pytest.fixture
async def web(auth_settings, test_database) -> AsyncIterator[httpx.AsyncClient]:
    async with running_app(auth_settings, test_database.app_url) as c:
        yield c


_used_steps: dict[str, int] = {}


def fresh_code(secret: str) -> str:
    """A code the platform has not seen yet (codes cannot be replayed within their time step)."""
    now_step = int(time.time() // totp.STEP)
    step = max(now_step, _used_steps.get(secret, -1) + 1)
    if step > now_step + 1:  # both usable steps spent: wait for the next one
        time.sleep((now_step + 1) * totp.STEP - time.time() + 0.1)
        return fresh_code(secret)
    _used_steps[secret] = step
    return totp.current_code(secret, at=step * totp.STEP)


async def sign_in(client: httpx.AsyncClient, tenant: str | None, username: str, secret: str | None,
                  password: str = PASSWORD) -> str:
    """Password + TOTP; returns the CSRF token of the authenticated session."""
    r = await client.post("/auth/login", json={"tenant": tenant, "username": username, "password": password})
    assert r.status_code == 200, r.text
    body = r.json()
    if body["stage"] == "authenticated":
        return body["csrf_token"]
    assert body["stage"] == "mfa_required", body
    r = await client.post("/auth/mfa", json={"code": fresh_code(secret)},
                          headers={"X-CSRF-Token": body["csrf_token"]})
    assert r.status_code == 200, r.text
    return r.json()["csrf_token"]


async def sign_in_role(client: httpx.AsyncClient, role: Role, city: City | None = None,
                       nationals: Nationals | None = None) -> str:
    if role.is_national:
        return await sign_in(client, None, nationals.username(role), nationals.totp_secrets[role.value])
    return await sign_in(client, city.slug, role.value, city.totp_secrets[role.value])
