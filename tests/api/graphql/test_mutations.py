"""createOrganisation: payload errors, permissions, idempotency (replay, conflict, 100 concurrent duplicates)."""

from __future__ import annotations

import asyncio
import uuid

from sqlalchemy import func, select

from domain.identity.principal import Role
from domain.organisations.models import Organisation
from tenants.context import tenant_context
from tenants.database import session_factory
from tenants.idempotency import IdempotencyKey
from tests.api.graphql.conftest import api_client, http, request, user

CREATE = """mutation($input: CreateOrganisationInput!, $key: String) {
  createOrganisation(input: $input, idempotencyKey: $key) {
    organisation { id name kind active }
    errors { field code message }
    replayed
  }
}"""


async def count_rows(app_engine, tenant_id, model, *where) -> int:
    with tenant_context(tenant_id):
        async with session_factory(app_engine)() as s, s.begin():
            return await s.scalar(select(func.count()).select_from(model).where(*where))


async def test_create_then_validation_errors_in_payload(cities, gql_session, app_engine):
    a, _ = cities
    async with gql_session(user(a, Role.coordinator)) as s:
        created = (await s.execute(request(CREATE, input={"name": "  Fryshuset ", "kind": "civil_society"})))["createOrganisation"]
        duplicate = (await s.execute(request(CREATE, input={"name": "Fryshuset", "kind": "school"})))["createOrganisation"]
        empty = (await s.execute(request(CREATE, input={"name": " ", "kind": "school"})))["createOrganisation"]
        bad_key = (await s.execute(request(CREATE, input={"name": "X", "kind": "school"}, key="")))["createOrganisation"]
    assert created["errors"] == [] and created["organisation"]["name"] == "Fryshuset" and created["replayed"] is False
    assert duplicate == {"organisation": None, "replayed": False, "errors": [
        {"field": "input.name", "code": "already_exists", "message": "an organisation named 'Fryshuset' already exists"}]}
    assert empty["errors"][0]["field"] == "input.name" and empty["errors"][0]["code"] == "required"
    assert bad_key["errors"][0]["field"] == "idempotencyKey"
    assert await count_rows(app_engine, a.id, Organisation, Organisation.name.in_(["Fryshuset", "X"])) == 1


async def test_role_without_write_gets_forbidden_in_payload(cities, gql_session, app_engine):
    a, _ = cities
    async with gql_session(user(a, Role.outreach)) as s:
        refused = (await s.execute(request(CREATE, input={"name": "Outreach org", "kind": "school"})))["createOrganisation"]
    assert refused["organisation"] is None
    assert refused["errors"] == [{"field": None, "code": "forbidden", "message": "role outreach may not write programme"}]
    assert await count_rows(app_engine, a.id, Organisation, Organisation.name == "Outreach org") == 0


async def test_replay_returns_same_result_and_other_input_conflicts(cities, gql_session, app_engine):
    a, _ = cities
    client = api_client(a, "programme:read", "programme:write")
    key = str(uuid.uuid4())
    async with gql_session(client) as s:
        first = (await s.execute(request(CREATE, input={"name": "Polisen Syd", "kind": "police"}, key=key)))["createOrganisation"]
        again = (await s.execute(request(CREATE, input={"name": "Polisen Syd", "kind": "police"}, key=key)))["createOrganisation"]
        other = (await s.execute(request(CREATE, input={"name": "Polisen Nord", "kind": "police"}, key=key)))["createOrganisation"]
    assert first["replayed"] is False and again["replayed"] is True
    assert again["organisation"] == first["organisation"] and again["errors"] == []
    assert other["organisation"] is None
    assert other["errors"][0]["field"] == "idempotencyKey" and other["errors"][0]["code"] == "idempotency_key_reused"
    assert await count_rows(app_engine, a.id, Organisation, Organisation.name.like("Polisen%")) == 1
    assert await count_rows(app_engine, a.id, IdempotencyKey, IdempotencyKey.key == key) == 1


async def test_refused_write_leaves_key_free_for_a_corrected_retry(cities, gql_session):
    a, _ = cities
    key = str(uuid.uuid4())
    async with gql_session(user(a, Role.coordinator)) as s:
        refused = (await s.execute(request(CREATE, input={"name": "", "kind": "school"}, key=key)))["createOrganisation"]
        fixed = (await s.execute(request(CREATE, input={"name": "Skolan", "kind": "school"}, key=key)))["createOrganisation"]
    assert refused["errors"][0]["code"] == "required"
    assert fixed["errors"] == [] and fixed["organisation"]["name"] == "Skolan"


async def test_hundred_concurrent_duplicates_write_one_row(cities, app, app_engine):
    a, _ = cities
    application, principals = app
    client = api_client(a, "programme:write", "programme:read")
    key = f"batch-{uuid.uuid4()}"
    body = {"query": CREATE, "variables": {"input": {"name": "Socialtjänsten", "kind": "social_services"}, "key": key}}
    async with http(application, principals, client) as c:
        responses = await asyncio.gather(*(c.post("/graphql", json=body) for _ in range(100)))
    assert {r.status_code for r in responses} == {200}
    payloads = [r.json()["data"]["createOrganisation"] for r in responses]
    assert all(p["errors"] == [] for p in payloads), [p for p in payloads if p["errors"]][:1]
    assert len({p["organisation"]["id"] for p in payloads}) == 1
    assert sum(1 for p in payloads if not p["replayed"]) == 1
    assert await count_rows(app_engine, a.id, Organisation, Organisation.name == "Socialtjänsten") == 1
    assert await count_rows(app_engine, a.id, IdempotencyKey, IdempotencyKey.key == key) == 1
