"""Hostile values in every input of the schema and every REST parameter: refused (4xx, typed errors),
never a server fault, never SQL or driver text (issue 10 item 11).

Hypothesis draws the cases (a plausible input with ONE leaf replaced by a hostile value: NUL,
lone surrogates, bidi controls, over-long text, dates at the edges of the calendar, huge or
fractional numbers, values of the wrong type); the cases are then sent to the app. Bounded: a fixed
number of derandomized examples, well under a minute.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    get_named_type,
    is_leaf_type,
    is_non_null_type,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.identity.permissions import Category
from domain.identity.principal import Role
from tests.api.graphql.conftest import api_client, http
from tests.api.graphql.schema_inputs import SCHEMA, sample, with_value
from tests.identity.conftest import auth_settings, city, key_dir, sessions, sign_in_role, web  # noqa: F401 - fixtures

LEAKS = ("INSERT INTO", "UPDATE ", "SELECT ", "[SQL", "[parameters", "asyncpg", "sqlalchemy", "Traceback", "DataError")
SCOPES = [f"{c.value}:{a}" for c in Category for a in ("read", "write")]
GRAPHQL_EXAMPLES = 300
REST_EXAMPLES = 120

NASTY_TEXT = ["\x00", "a\x00b", "\ud800", "x\udfff", "\u202egnp.exe", "\u200b", "\ufeff", "x" * 10_001, "", " ",
              "0001-01-01", "9999-12-31T23:59:59-12:00", "1e-999999", "' OR 1=1 --", "%00", "null", "🔥" * 300]
text = st.one_of(st.sampled_from(NASTY_TEXT), st.text(max_size=30))
numbers = st.one_of(st.integers(), st.integers(min_value=-(2**70), max_value=2**70),
                    st.floats(allow_nan=False, allow_infinity=False), st.sampled_from([1e308, -1e-308, 2**31, -(2**31) - 1]))
dates = st.one_of(st.dates().map(lambda d: d.isoformat()),
                  st.datetimes().map(lambda d: d.isoformat() + "+14:00"),
                  st.sampled_from(["0001-01-01", "9999-12-31", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00",
                                   "2019-02-30", "2019-13-01", "1899-12-31T23:59:59Z", "2101-01-01"]))
decimals = st.one_of(st.sampled_from(["1e-999999", "1e999999", "NaN", "-Infinity", "0.0000001", "1E+15", "-0"]),
                     st.decimals(allow_nan=False, allow_infinity=False).map(str), numbers)
anything = st.one_of(text, numbers, st.booleans(), st.none(), st.lists(st.integers(), max_size=3),
                     st.dictionaries(st.text(max_size=5), st.integers(), max_size=2))


def leaf_strategy(type_: Any) -> st.SearchStrategy:
    named = get_named_type(type_)
    if isinstance(named, GraphQLEnumType):
        base = st.sampled_from(list(named.values))
    else:
        base = {"String": text, "ID": text, "Int": numbers, "Float": numbers, "Boolean": st.booleans(),
                "Date": dates, "DateTime": dates, "Decimal": decimals}.get(named.name, text)
    return st.one_of(base, base, anything)  # mostly the right kind of value, sometimes any kind


def leaf_paths(type_: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    if isinstance(type_, GraphQLNonNull):
        yield from leaf_paths(type_.of_type, path)
    elif isinstance(type_, GraphQLList):
        yield from leaf_paths(type_.of_type, (*path, 0))
    elif isinstance(type_, GraphQLInputObjectType):
        for name, f in type_.fields.items():
            yield from leaf_paths(f.type, (*path, name))
    elif is_leaf_type(type_):
        yield path, type_


def operations() -> list[tuple[str, str, tuple, Any]]:
    """``(kind, field, leaf path, leaf type)`` for every argument leaf of every query and mutation field."""
    out = []
    for kind, root in (("query", SCHEMA.query_type), ("mutation", SCHEMA.mutation_type)):
        for name, field in root.fields.items():
            for arg, definition in field.args.items():
                out += [(kind, name, path, leaf) for path, leaf in leaf_paths(definition.type, (arg,))]
    return out


def request_for(kind: str, name: str, path: tuple, value: Any) -> dict:
    root = SCHEMA.query_type if kind == "query" else SCHEMA.mutation_type
    field = root.fields[name]
    args = {a: sample(d.type, a, name, {}) for a, d in field.args.items() if is_non_null_type(d.type)}
    arg, rest = path[0], path[1:]
    base = args.get(arg)
    if base is None and rest:
        base = sample(field.args[arg].type, arg, name, {})
    args[arg] = with_value(base, field.args[arg].type, rest, value, name, {})
    declared = ", ".join(f"${a}: {field.args[a].type}" for a in args)
    passed = ", ".join(f"{a}: ${a}" for a in args)
    selection = "" if is_leaf_type(get_named_type(field.type)) else " { __typename }"
    head = f"{kind}({declared})" if declared else kind
    call = f"{name}({passed})" if passed else name
    return {"query": f"{head} {{ {call}{selection} }}", "variables": args}


def draw(strategy: st.SearchStrategy, count: int) -> list:
    """``count`` derandomized examples of ``strategy`` (Hypothesis only generates; the test sends)."""
    drawn: list = []

    @settings(max_examples=count, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(strategy)
    def collect(example):
        drawn.append(example)

    collect()
    return drawn


def problems_in(response, where: str) -> list[str]:
    out = []
    if response.status_code >= 500 or any(marker in response.text for marker in LEAKS):
        return [f"{where}: {response.status_code} {response.text[:300]}"]
    if response.status_code == 200 and response.headers.get("content-type", "").startswith("application/json"):
        body = response.json()
        for answer in body if isinstance(body, list) else [body]:
            for error in answer.get("errors") or []:
                if error.get("extensions", {}).get("code") in (None, "INTERNAL_SERVER_ERROR"):
                    out.append(f"{where}: {str(error)[:300]}")
    return out


async def test_hostile_values_in_every_graphql_input(app, cities):
    a, _ = cities
    application, principals = app
    every = operations()
    assert len(every) > 150  # every argument leaf of the schema, not a hand-picked few
    cases = draw(st.sampled_from(every).flatmap(lambda op: st.tuples(st.just(op), leaf_strategy(op[3]))), GRAPHQL_EXAMPLES)
    problems: list[str] = []
    async with http(application, principals, api_client(a, *SCOPES)) as c:
        for (kind, name, path, _), value in cases:
            body = json.dumps(request_for(kind, name, path, value))  # ensure_ascii: lone surrogates travel escaped
            response = await c.post("/graphql", content=body, headers={"content-type": "application/json"})
            problems += problems_in(response, f"{name} {'.'.join(map(str, path))}={value!r:.60}")
    assert not problems, "\n".join(problems[:20])


REST = [
    ("POST", "/auth/login", "json", {"tenant": text, "username": text, "password": text}),
    ("POST", "/auth/mfa", "json", {"code": text}),
    ("POST", "/oauth/token", "form", {"grant_type": st.sampled_from(["client_credentials", "password", ""]) | text,
                                      "client_id": text, "client_secret": text, "scope": text}),
    ("GET", "/api/audit", "query", {"person": text, "actor": text, "action": text, "since": dates, "until": dates,
                                    "before": numbers.map(str) | text, "limit": numbers.map(str) | text}),
    ("GET", "/api/organisations", "query", {}),
    ("POST", "/api/organisations", "json", {"name": text, "kind": text}),
    ("GET", "/api/people/{id}/subject-access", "query", {"format": text}),
]


def _quoted(value: Any) -> str:
    """Percent-encoded as a hostile client would send it (lone surrogates as their raw bytes)."""
    return quote(str(value).encode("utf-8", "surrogatepass"), safe="")


def rest_case(spec) -> st.SearchStrategy:
    method, path, where, params = spec
    fields = st.fixed_dictionaries({}, optional={k: v for k, v in params.items()})
    ids = st.one_of(st.uuids().map(str), text)
    return st.tuples(st.just(spec), fields, ids)


async def test_hostile_values_in_every_rest_parameter(web, city):  # noqa: F811 - the imported fixtures
    # Real sign-in (the REST routes take the session cookie and CSRF token, not the test override)
    csrf = await sign_in_role(web, Role.auditor, city)
    cases = draw(st.sampled_from(REST).flatmap(rest_case), REST_EXAMPLES)
    problems: list[str] = []
    for (method, path, where, _), fields, ident in cases:
        url = path.replace("{id}", _quoted(ident))
        kwargs: dict[str, Any] = {}
        if where == "json":
            kwargs = {"content": json.dumps(fields), "headers": {"content-type": "application/json"}}
        elif where == "form":
            encoded = "&".join(f"{k}={_quoted(v)}" for k, v in fields.items())
            kwargs = {"content": encoded, "headers": {"content-type": "application/x-www-form-urlencoded"}}
        elif fields:
            url += "?" + "&".join(f"{k}={_quoted(v)}" for k, v in fields.items())
        kwargs["headers"] = kwargs.get("headers", {}) | {"X-CSRF-Token": csrf, "X-GVI-Purpose": "fuzz"}
        response = await web.request(method, url, **kwargs)
        problems += problems_in(response, f"{method} {path} {fields!r:.100}")
    assert not problems, "\n".join(problems[:20])
