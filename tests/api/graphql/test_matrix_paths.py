"""Generated from the schema: for every role and API-client scope set, every field path from the root
that reaches a person or a categorised object answers exactly what the permission matrix says.

For each caller and path (``matrix_oracle.paths``: every edge of the schema reaching an object type,
by its shortest path from the root, on the Malmö demo city and on a scenario city where one person
has a row in every category):

- a path through a field whose category the caller may not read is refused with FORBIDDEN and
  carries no object of that field (never a silent leak);
- a path the caller may read has no error, and every object anywhere in the answer is one the
  oracle says the caller may see (own organisation for outreach, focus-list entries only with
  enforcement, …); timeline events only of kinds whose category the caller may read;
- a root list answers exactly the rows the oracle allows (first page, compared as sets when the
  caller may see fewer rows than a page).

Mutation payloads are covered by ``test_mutation_payloads_answer_what_the_matrix_says``.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from gql.transport.exceptions import TransportQueryError
from sqlalchemy import text

from api.graphql.schema import build_schema
from domain.identity.permissions import CLIENT_CATEGORIES, Access, Category
from domain.identity.principal import Principal, Role
from tenants.context import tenant_context
from tests.api.graphql import matrix_oracle as oracle
from tests.api.graphql import scenario
from tests.api.graphql.conftest import City, api_client, request, user

READ_CATEGORIES = sorted(CLIENT_CATEGORIES, key=lambda c: c.value)
CHUNK = 6  # paths per request (aliases): stays under the token, alias and cost limits


def callers(city: City, own_organisation) -> list[tuple[str, Principal]]:
    out = [(r.value, user(city, r)) for r in (Role.coordinator, Role.analyst, Role.caseworker, Role.viewer, Role.auditor)]
    out.append(("outreach", replace(user(city, Role.outreach), organisation_id=own_organisation)))
    out += [(f"client[{c.value}]", api_client(city, f"{c.value}:read")) for c in READ_CATEGORIES]
    out += [(f"client[people+{c.value}]", api_client(city, "people:read", f"{c.value}:read"))
            for c in READ_CATEGORIES if c is not Category.people]
    out.append(("client[all]", api_client(city, *(f"{c.value}:read" for c in READ_CATEGORIES))))
    return out


async def lookup_ids(app_sessions, tenant_id) -> dict[str, str]:
    """One id per type for the look-ups: the person with the most recorded about them, any row otherwise."""
    chosen: dict[str, str] = {}
    with tenant_context(tenant_id):
        async with app_sessions() as s:
            person = await s.scalar(text(
                "select p.id from people p order by (select count(*) from designations d where d.person_id = p.id) "
                "+ (select count(*) from close_persons c where c.person_id = p.id) "
                "+ (select count(*) from support_cases c where c.person_id = p.id) desc, p.id limit 1"))
            if person is not None:
                chosen["Person"] = oracle.to_global("Person", person)
            for type_name, (table, _) in oracle.TYPES.items():
                if type_name not in chosen:
                    row = await s.scalar(text(f"select id from {table} order by id limit 1"))
                    if row is not None:
                        chosen[type_name] = oracle.to_global(type_name, row)
    return chosen


async def answer(session, query: str) -> tuple[dict | None, list[dict]]:
    try:
        return await session.execute(request(query)), []
    except TransportQueryError as exc:
        return exc.data, exc.errors or []


def check_answer(name: str, principal: Principal, rows: oracle.CityRows, path: oracle.Path, data, errors) -> None:
    refused = [c for c in path.requires() if oracle.level(principal, c) is Access.none]
    label = f"{name}: {path.label}"
    for error in errors:
        assert error.get("extensions", {}).get("code") == "FORBIDDEN", (label, error)
    if refused:
        assert errors or data is None or _empty(data), (label, "not refused", data)
        if path.steps[0].requires and oracle.level(principal, next(iter(path.steps[0].requires))) is Access.none:
            assert errors, (label, "a root field the caller may not read answered without an error")
    else:
        assert not errors, (label, errors)
    for type_name, raw in oracle.objects(data):
        assert raw in oracle.visible_ids(rows, principal, type_name), (label, "may not see", type_name, raw)
    for kind in oracle.kinds(data):
        assert oracle.level(principal, oracle.timeline_category(kind)) is not Access.none, (label, "timeline", kind)


def _empty(data) -> bool:
    return not oracle.objects(data) and not oracle.kinds(data)


async def walk_city(city: City, own_organisation, gql_session, app_sessions, schema) -> int:
    rows = await oracle.load_rows(app_sessions, city.id)
    ids = await lookup_ids(app_sessions, city.id)
    all_paths = oracle.paths(schema, ids)
    assert len(all_paths) > 60  # the walk found the schema (every edge reaching an object type)
    checked = 0
    for name, principal in callers(city, own_organisation):
        async with gql_session(principal) as s:
            # Paths the caller may read go in aliased batches (no error can null a sibling); each
            # refused path alone, so its refusal is the only thing its answer can show.
            allowed = [p for p in all_paths if all(oracle.level(principal, c) is not Access.none for c in p.requires())]
            refused = [p for p in all_paths if p not in allowed]
            for chunk in (allowed[i:i + CHUNK] for i in range(0, len(allowed), CHUNK)):
                query = "{ " + " ".join(f"p{i}: {p.selection()}" for i, p in enumerate(chunk)) + " }"
                data, errors = await answer(s, query)
                assert not errors, (name, [p.label for p in chunk], errors)
                for i, path in enumerate(chunk):
                    check_answer(name, principal, rows, path, (data or {}).get(f"p{i}"), [])
                    checked += 1
            for path in refused:
                data, errors = await answer(s, "{ " + path.selection() + " }")
                check_answer(name, principal, rows, path, data, errors)
                checked += 1
            await check_root_lists(name, principal, rows, s)
    return checked


ROOT_LISTS = {"people": "Person", "supportCases": "SupportCase", "outreachActivities": "OutreachActivity",
              "tasks": "Task", "incidents": "Incident", "groups": "Group", "enforcementActions": "EnforcementAction",
              "customNotifications": "CustomNotification", "callIns": "CallIn"}
ROOT_CATEGORY = {"Person": Category.people, "SupportCase": Category.support, "OutreachActivity": Category.outreach,
                 "Task": Category.tasks, "Incident": Category.incidents, "Group": Category.groups,
                 "EnforcementAction": Category.enforcement, "CustomNotification": Category.notifications,
                 "CallIn": Category.callins}


async def check_root_lists(name: str, principal: Principal, rows: oracle.CityRows, session) -> None:
    """Exactly the rows the oracle allows: all of them when fewer than a page, a subset otherwise."""
    for field, type_name in ROOT_LISTS.items():
        if oracle.level(principal, ROOT_CATEGORY[type_name]) is Access.none:
            continue
        data, errors = await answer(session, f"{{ {field}(first: 100) {{ edges {{ node {{ id }} }} }} }}")
        assert not errors, (name, field, errors)
        got = {oracle.decode(e["node"]["id"])[1] for e in data[field]["edges"]}
        expected = oracle.visible_ids(rows, principal, type_name)
        assert got <= expected, (name, field, got - expected)
        if len(expected) <= 100:
            assert got == expected, (name, field, expected - got)


@pytest.fixture(scope="module")
def schema():
    return build_schema()._schema


async def test_every_path_on_the_demo_city_answers_what_the_matrix_says(malmo, gql_session, app_sessions, schema):
    with tenant_context(malmo.id):
        async with app_sessions() as s:
            civil = await s.scalar(text("select id from organisations where kind = 'civil_society' order by name limit 1"))
    assert await walk_city(malmo, civil, gql_session, app_sessions, schema) > 1000


async def test_every_path_on_the_scenario_city_answers_what_the_matrix_says(cities, gql_session, app_sessions, schema):
    world = await scenario.build(app_sessions, cities[0])
    assert await walk_city(world.city, world.own, gql_session, app_sessions, schema) > 1000


PAYLOADS = {
    # mutation → (category, its input for the scenario, the payload selection reaching people and categorised rows)
    "createTask": (Category.tasks, lambda w: {"title": "T", "assigneeOrganisationId": w.gid("Organisation", w.own),
                                              "personId": w.gid("Person", w.subject)},
                   "task { id person { id closePersons { person { id } } designations { id } } }"),
    "logOutreach": (Category.outreach, lambda w: {"kind": "contact", "occurredOn": str(scenario.DAY), "worker": "W",
                                                  "hours": "1.0", "personId": w.gid("Person", w.subject)},
                    "activity { id person { id closePersons { person { id } } designations { id } } }"),
    "offerSupport": (Category.support, lambda w: {"personId": w.gid("Person", w.subject), "providerType": "employment",
                                                  "offeredOn": str(scenario.DAY)},
                     "supportCase { id person { id closePersons { person { id } } } }"),
}


def writers(world: scenario.Scenario, category: Category) -> list[tuple[str, Principal]]:
    out = [(r.value, world.person_by_role(r)) for r in (Role.coordinator, Role.analyst, Role.caseworker, Role.outreach)]
    write = f"{category.value}:write"
    for extra in ((), (f"{category.value}:read",), ("people:read",), (f"{category.value}:read", "people:read")):
        out.append((f"client[{write}+{'+'.join(extra)}]", api_client(world.city, write, *extra)))
    return out


@pytest.mark.parametrize("mutation", sorted(PAYLOADS))
async def test_mutation_payloads_answer_what_the_matrix_says(cities, gql_session, app_sessions, mutation):
    """The payload of a write is a read: the written row and everything nested in it follow the matrix."""
    world = await scenario.build(app_sessions, cities[0])
    category, make_input, selection = PAYLOADS[mutation]
    input_type = mutation[0].upper() + mutation[1:] + "Input"
    query = f"mutation($input: {input_type}!) {{ {mutation}(input: $input) {{ {selection} errors {{ field code }} }} }}"
    for name, principal in writers(world, category):
        async with gql_session(principal) as s:
            try:
                data, errors = await s.execute(request(query, input=make_input(world))), []
            except TransportQueryError as exc:
                data, errors = exc.data, exc.errors or []
        for error in errors:
            assert error["extensions"]["code"] == "FORBIDDEN", (name, mutation, error)
        rows = await oracle.load_rows(app_sessions, world.city.id)  # after the write: the new row is in them
        payload = (data or {}).get(mutation) or {}
        node = next((v for k, v in payload.items() if k not in ("errors",)), None)
        if node is None:
            continue
        if errors:  # the operation was rolled back: the written row is gone, what it carried must still obey
            node = {k: v for k, v in node.items() if k != "id"}
        for type_name, raw in oracle.objects(node):
            assert raw in oracle.visible_ids(rows, principal, type_name), (name, mutation, type_name, raw)
        if oracle.level(principal, category) is Access.none:
            assert "id" not in (node or {}), (name, mutation, "a write-only caller read the written row back")
