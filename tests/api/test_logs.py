"""The logs of a full demo run hold no identity number and no demo person's name, and every line is
one JSON object naming its request id."""

from __future__ import annotations

import io
import json
import logging
import re
import uuid

import pytest
from asgi_correlation_id import CorrelationIdFilter
from fastapi import Request
from pythonjsonlogger.json import JsonFormatter

from api.graphql.context import get_principal
from api.logging import config as logging_config
from api.redaction import RedactingFilter
from domain.audit.pii import find_identity_numbers
from domain.demo.cities import FAMILY
from domain.identity.principal import Principal, Role, SubjectKind
from tenants.context import set_tenant
from tests.api.graphql.conftest import PRINCIPAL_HEADER, make_app

PURPOSE = "weekly review of the focus list"


@pytest.fixture
def captured_logs():
    """Every log record at DEBUG, formatted exactly as ``gvi serve`` formats them."""
    formatter_config = dict(logging_config("DEBUG", "json")["formatters"]["default"])
    formatter_config.pop("()")
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter(**formatter_config))
    handler.addFilter(CorrelationIdFilter(default_value="-"))
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield stream
    root.removeHandler(handler)
    root.setLevel(level)


async def test_demo_run_logs_no_personal_data(captured_logs, demo, test_database):
    malmo = demo["malmo"]
    app, principals = make_app(test_database)
    coordinator = Principal(kind=SubjectKind.user, id=uuid.uuid4(), name="Demo coordinator", tenant_id=malmo.id,
                            role=Role.coordinator, mfa=True)
    principals.by_key["coordinator"] = coordinator

    async def signed_in(request: Request) -> Principal:  # as the real dependency does: the city scopes every transaction
        set_tenant(coordinator.tenant_id)
        return coordinator

    app.dependency_overrides[get_principal] = signed_in
    import httpx

    seen_numbers: set[str] = set()
    seen_names: set[str] = set()
    request_ids: set[str] = set()
    async with app.router.lifespan_context(app), httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://testserver",
            headers={PRINCIPAL_HEADER: "coordinator", "X-GVI-Purpose": PURPOSE}) as c:

        async def gql(query: str, **variables) -> dict:
            r = await c.post("/graphql", json={"query": query, "variables": variables})
            request_ids.add(r.headers["x-request-id"])
            return r.json()

        listing = await gql("{ people(first: 100) { edges { node { id givenName familyName identityNumber } } } }")
        assert "data" in listing, listing
        people = [e["node"] for e in listing["data"]["people"]["edges"]]
        assert len(people) >= 50
        for p in people:
            seen_names.add(f"{p['givenName']} {p['familyName']}")
            if p["identityNumber"]:
                seen_numbers.add(p["identityNumber"])
        someone = next(p for p in people if p["identityNumber"])
        # look-ups, writes and refusals that carry identity numbers and names in their input
        await gql("query($n: String) { people(filter: {identityNumber: $n}) { totalCount } }", n=someone["identityNumber"])
        await gql("query($n: String) { people(filter: {identityNumber: $n}) { totalCount } }", n="19900231-1234")
        await gql("query($n: String) { people(filter: {nameContains: $n}) { totalCount } }", n=someone["familyName"])
        created = await gql("""mutation($n: String) { createPerson(input: {givenName: "Tova", familyName: "Lindqvist",
            identityNumber: $n, address: "Storgatan 1, Malmö", phone: "070-1234567"}) { person { id } errors { field code } } }""",
                            n="19811218-9876")
        seen_names.add("Tova Lindqvist")
        seen_numbers.add("19811218-9876")
        assert created["data"]["createPerson"]["errors"] == [], created
        await gql("""mutation($n: String) { createPerson(input: {givenName: "Tova", familyName: "Lindqvist",
            identityNumber: $n}) { person { id } errors { field code message } } }""", n="19811218-9876")  # a duplicate
        await gql("""mutation { createPerson(input: {givenName: "Tova", familyName: "Lindqvist", identityNumber: "811218-9877"})
            { errors { field code message } } }""")  # a wrong check digit
        await gql("{ people(first: 5) { edges { node { id givenName identityNumber timeline(first: 5) { totalCount } } } } }")
        await gql("{ people(first: 1000) { totalCount } }")  # over the page limit: a refusal
        await gql("query { people(filter: {identityNumber: 198112189876}) { totalCount } }")  # wrong type: validation error
        person_id = someone["id"]
        from strawberry.relay import GlobalID

        pk = GlobalID.from_id(person_id).node_id
        for fmt in ("json", "csv"):
            r = await c.get(f"/api/people/{pk}/subject-access", params={"format": fmt})
            request_ids.add(r.headers["x-request-id"])
            assert r.status_code == 200, r.text
        r = await c.get(f"/api/people/{uuid.uuid4()}/subject-access")
        assert r.status_code == 404
        r = await c.post("/auth/login", json={"tenant": "malmo", "username": someone["identityNumber"],
                                             "password": f"{someone['givenName']} {someone['familyName']}"})
        assert r.status_code == 401
        await c.post("/graphql", content=b'{"query": "{ people { edges { node { givenName } } } ',
                     headers={"content-type": "application/json"})  # a body that is not JSON

    text = captured_logs.getvalue()
    lines = [json.loads(line) for line in text.splitlines()]
    assert len(lines) >= 15
    for line in lines:
        assert {"time", "level", "logger", "message", "request_id"} <= set(line), line
    access = [line for line in lines if line["logger"] == "gvi.access"]
    assert request_ids <= {line["request_id"] for line in access}
    assert {line["route"] for line in access} >= {"/graphql", "/api/people/{person_id}/subject-access", "/auth/login"}

    assert find_identity_numbers(text) == [], [line for line in text.splitlines() if find_identity_numbers(line)]
    digits = re.sub(r"\D", "", text)
    for number in seen_numbers:
        assert re.sub(r"\D", "", number)[-10:] not in digits, "an identity number reached the log"
    for name in seen_names:
        assert name not in text, f"a person's name reached the log: {name}"
    for family in FAMILY:
        assert not re.search(rf"\b{family}\b", text), f"a demo family name reached the log: {family}"
    assert "Storgatan" not in text and "1234567" not in text
