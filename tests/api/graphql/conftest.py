"""GraphQL tests: committed cities and principals, an app per test, clients per principal.

The app answers over ``httpx.ASGITransport`` (no socket). Authentication is replaced through
``app.dependency_overrides[get_principal]``: the test names the principal in a header only the
override reads, so several callers can share one app (and one rate-limit state).
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass

import httpx
import pytest
from fastapi import FastAPI, Request
from gql import Client, GraphQLRequest
from gql.transport.httpx import HTTPXAsyncTransport
from sqlalchemy.ext.asyncio import AsyncEngine

from api.app import create_app
from api.db import checkout
from api.graphql.context import get_principal
from domain.identity.principal import Principal, Role, SubjectKind
from domain.organisations.models import Organisation, OrganisationKind
from tenants.context import set_tenant, tenant_context
from tenants.database import session_factory
from tenants.models import Tenant
from tenants.settings import Settings
from tests.conftest import purge_tenant, spare_kommunkod

PRINCIPAL_HEADER = "x-test-principal"
PURPOSE = "follow-up of the weekly shooting review"


@dataclass(frozen=True)
class City:
    tenant: Tenant
    organisations: list[Organisation]

    @property
    def id(self) -> uuid.UUID:
        return self.tenant.id


def user(city: City, role: Role) -> Principal:
    return Principal(kind=SubjectKind.user, id=uuid.uuid4(), name=f"{role.value} of {city.tenant.slug}",
                     tenant_id=city.id, role=role, mfa=True)


def api_client(city: City, *scopes: str) -> Principal:
    return Principal(kind=SubjectKind.api_client, id=uuid.uuid4(), name=f"agency system of {city.tenant.slug}",
                     tenant_id=city.id, scopes=frozenset(scopes))


async def make_city(engine: AsyncEngine, organisations: int) -> City:
    sessions = session_factory(engine)
    tid = uuid.uuid4()
    tenant = Tenant(id=tid, slug=f"gql-{tid.hex[:10]}", name=f"City {tid.hex[:4]}", kommunkod=spare_kommunkod())
    async with sessions() as s, s.begin():
        s.add(tenant)
    kinds = list(OrganisationKind)
    rows = [Organisation(tenant_id=tid, id=uuid.uuid4(), name=f"Org {i:03d}", kind=kinds[i % len(kinds)], active=i % 4 != 3)
            for i in range(organisations)]
    with tenant_context(tid):
        async with sessions() as s, s.begin():
            s.add_all(rows)
    return City(tenant=tenant, organisations=rows)


@pytest.fixture
async def cities(app_engine: AsyncEngine, owner_engine: AsyncEngine) -> AsyncIterator[tuple[City, City]]:
    """Two committed cities (7 and 3 organisations), deleted with everything in them afterwards."""
    a = await make_city(app_engine, 7)
    b = await make_city(app_engine, 3)
    yield a, b
    for city in (a, b):
        await purge_tenant(owner_engine, city.id)


class Principals:
    def __init__(self) -> None:
        self.by_key: dict[str, Principal] = {}

    def key(self, principal: Principal) -> str:
        self.by_key[str(principal.id)] = principal
        return str(principal.id)


def make_app(test_database, settings: Settings | None = None) -> tuple[FastAPI, Principals]:
    app = create_app(settings or Settings(env="test"), app_database_url=test_database.app_url)
    principals = Principals()

    async def test_principal(request: Request) -> Principal:
        principal = principals.by_key[request.headers[PRINCIPAL_HEADER]]
        set_tenant(principal.tenant_id)  # as authentication does (REST routes rely on it)
        if not principal.is_national:
            # as authentication does: its lookup checks out the connection the request then runs on
            async with checkout(request):
                pass
        return principal

    app.dependency_overrides[get_principal] = test_principal
    return app, principals


@pytest.fixture
async def app(test_database) -> AsyncIterator[tuple[FastAPI, Principals]]:
    app, principals = make_app(test_database)
    async with app.router.lifespan_context(app):
        yield app, principals


@asynccontextmanager
async def http(app: FastAPI, principals: Principals, principal: Principal | None,
               purpose: str | None = PURPOSE) -> AsyncIterator[httpx.AsyncClient]:
    headers = {PRINCIPAL_HEADER: principals.key(principal)} if principal else {}
    if purpose is not None:
        headers["X-GVI-Purpose"] = purpose
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver", headers=headers) as c:
        yield c


@pytest.fixture
def gql_session(app) -> Callable:
    """``async with gql_session(principal) as s: await s.execute(GraphQLRequest(...))`` — a real GraphQL client."""
    application, principals = app

    @asynccontextmanager
    async def open_session(principal: Principal, purpose: str | None = PURPOSE):
        headers = {PRINCIPAL_HEADER: principals.key(principal)}
        if purpose is not None:
            headers["X-GVI-Purpose"] = purpose
        transport = HTTPXAsyncTransport(
            url="http://testserver/graphql",
            transport=httpx.ASGITransport(app=application),
            headers=headers,
        )
        # a generous deadline: a busy CI machine must not turn a slow answer into a failure
        async with Client(transport=transport, fetch_schema_from_transport=False, execute_timeout=120) as session:
            yield session

    return open_session


@pytest.fixture
def malmo(demo) -> City:
    """The Malmö demo city (committed once per session; read it, write only to fresh cities)."""
    return City(tenant=demo["malmo"], organisations=[])


@pytest.fixture
def goteborg(demo) -> City:
    return City(tenant=demo["goteborg"], organisations=[])


def request(query: str, **variables) -> GraphQLRequest:
    return GraphQLRequest(query, variable_values=variables or None)
