"""Every column limit is checked before the database sees the value, and no answer ever carries SQL,
driver text or bound parameters (issue 10 item 1, issue 9 item 9).

The over-long test runs EVERY mutation with an over-long value in EVERY string input (generated
from the schema), so a new mutation or input field is covered without editing this file.
"""

from __future__ import annotations

import pytest
from graphql import is_non_null_type

from domain.identity.permissions import Category
from domain.identity.principal import Role
from tests.api.graphql.conftest import api_client, http, user
from tests.api.graphql.schema_inputs import DEMO_IDS_QUERY, SCHEMA, demo_ids, mutation_request, mutations, sample, string_paths, with_value

# What a database error carries: the statement, its parameters, the driver's and the ORM's names.
LEAKS = ("INSERT INTO", "UPDATE ", "SELECT ", "[SQL", "[parameters", "asyncpg", "sqlalchemy", "psycopg",
         "Traceback", "StringDataRightTruncation", "value too long", "DataError")

LONG = "x" * 10_001  # over every column limit (Text is capped at 10,000)
WRITE_SCOPES = [f"{c.value}:{a}" for c in Category for a in ("read", "write")]


def leaks(text: str) -> list[str]:
    return [marker for marker in LEAKS if marker in text]


def cases() -> list[tuple[str, tuple]]:
    out = []
    for name in mutations():
        for arg, definition in SCHEMA.mutation_type.fields[name].args.items():
            out += [(name, path) for path in string_paths(definition.type, (arg,))]
    return out


def arguments(name: str, path: tuple, leaf: object, ids: dict[str, str]) -> dict:
    definition = SCHEMA.mutation_type.fields[name]
    args = {a: sample(d.type, a, name, ids) for a, d in definition.args.items() if is_non_null_type(d.type)}
    arg, rest = path[0], path[1:]
    base = args.get(arg)
    if base is None and rest:
        base = sample(definition.args[arg].type, arg, name, ids)
    args[arg] = with_value(base, definition.args[arg].type, rest, leaf, name, ids)
    return args


def refusal_of(answer: dict, name: str) -> list[dict]:
    """The typed refusals of one mutation's answer: GraphQL errors or the payload's errors."""
    errors = [{"code": e.get("extensions", {}).get("code"), "message": e["message"]} for e in answer.get("errors") or []]
    payload = (answer.get("data") or {}).get(name) or {}
    items = [e for result in payload.get("results") or [] for e in result.get("errors") or []]
    return errors + list(payload.get("errors") or []) + items


async def test_over_long_values_in_every_string_input_are_refused_with_a_typed_error(app, malmo):
    application, principals = app
    every_case = cases()
    assert len(every_case) > 50  # the schema's string inputs, not a hand-picked few
    async with http(application, principals, user(malmo, Role.coordinator)) as reader:
        ids = demo_ids((await reader.post("/graphql", json={"query": DEMO_IDS_QUERY})).json()["data"])
    problems = []
    async with http(application, principals, api_client(malmo, *WRITE_SCOPES)) as c:
        for name, path in every_case:
            response = await c.post("/graphql", json=mutation_request(name, arguments(name, path, LONG, ids)))
            where = f"{name} {'.'.join(map(str, path))}"
            if response.status_code >= 500 or leaks(response.text):
                problems.append(f"{where}: {response.status_code} {leaks(response.text)} {response.text[:300]}")
                continue
            if response.status_code >= 400:
                continue  # refused over HTTP (problem+json)
            refused = refusal_of(response.json(), name)
            if not refused:
                problems.append(f"{where}: accepted {len(LONG)} characters")
            elif any(r["message"].startswith("Variable '$input'") for r in refused):
                problems.append(f"{where}: the generated input does not reach the resolver: {refused}")
            elif any(r["code"] in (None, "INTERNAL_SERVER_ERROR") for r in refused):
                problems.append(f"{where}: untyped refusal {refused}")
    assert not problems, "\n".join(problems)


async def test_an_over_long_area_is_a_too_long_field_error(app, cities):
    a, _ = cities
    application, principals = app
    incident = {"type": "shooting", "occurredAt": "2019-06-01T12:00:00+02:00", "confirmed": True, "killed": 0,
                "injured": 0, "area": "a" * 201, "policeArea": "p" * 201, "policeRegion": "Syd"}
    async with http(application, principals, api_client(a, "incidents:write", "incidents:read")) as c:
        answer = (await c.post("/graphql", json=mutation_request("createIncident", {"input": incident}))).json()
    errors = answer["data"]["createIncident"]["errors"]
    assert {(e["field"], e["code"]) for e in errors} == {("input.area", "too_long"), ("input.policeArea", "too_long")}
    assert "at most 200 characters" in errors[0]["message"] and not leaks(str(answer))


async def test_ingestion_refuses_the_over_long_item_and_writes_the_others(app, cities):
    a, _ = cities
    application, principals = app
    item = {"type": "shooting", "occurredAt": "2019-06-01T12:00:00+02:00", "confirmed": True, "killed": 0, "injured": 0}
    batch = [item | {"externalReference": "ok-1"}, item | {"externalReference": "long", "policeRegion": "r" * 201},
             item | {"externalReference": "ok-2", "description": "d" * 10_001}, item | {"externalReference": "ok-3"}]
    query = "mutation($input: [IncidentInput!]!) { ingestIncidents(input: $input) { created failed results { index status " \
            "errors { field code } } errors { code } } }"
    async with http(application, principals, api_client(a, "incidents:write", "incidents:read")) as c:
        answer = (await c.post("/graphql", json={"query": query, "variables": {"input": batch}})).json()
        count = (await c.post("/graphql", json={"query": "{ incidents { totalCount } }"})).json()
    result = answer["data"]["ingestIncidents"]
    assert (result["created"], result["failed"]) == (2, 2), result
    assert result["results"][1]["errors"] == [{"field": "input[1].policeRegion", "code": "too_long"}]
    assert result["results"][2]["errors"] == [{"field": "input[2].description", "code": "too_long"}]
    assert count["data"]["incidents"]["totalCount"] == 2
    assert not leaks(str(answer))


@pytest.mark.parametrize("name", ["Ali\u202eevil", "zero\u200bwidth", "bom\ufeff", "tab\tname", "nul\x00"])
async def test_names_with_invisible_or_bidi_characters_are_refused(app, cities, name):
    a, _ = cities
    application, principals = app
    async with http(application, principals, api_client(a, "programme:write", "programme:read")) as c:
        response = await c.post("/graphql", json=mutation_request(
            "createOrganisation", {"input": {"name": name, "kind": "police"}}))
    answer = response.json()
    refused = refusal_of(answer, "createOrganisation")
    assert refused and not leaks(response.text), answer
    assert refused[0]["code"] in ("invalid_characters", "BAD_USER_INPUT"), refused
