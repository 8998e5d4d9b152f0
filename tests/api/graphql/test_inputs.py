"""Bad input values are the caller's mistake: ``BAD_USER_INPUT`` naming the argument, quickly, and
nothing unbounded ever reaches the database (issue 9 item 1, issue 10 items 3 and 11)."""

from __future__ import annotations

import base64
import time

import pytest

from domain.identity.principal import Role
from tests.api.graphql.conftest import http, user

FIGURES = "query ($from: Date, $to: Date) { cityFigures(period: YEAR, from: $from, to: $to) { period killed } }"


async def post(app, principal, body):
    application, principals = app
    async with http(application, principals, principal) as c:
        response = await c.post("/graphql", json=body)
    assert response.status_code < 500, response.text
    return response.json()


def only_error(answer) -> dict:
    assert answer.get("data") in (None, {}) or all(v is None for v in answer["data"].values()), answer
    [error] = answer["errors"]
    return error


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31", "1899-12-31", "2101-01-01"])
async def test_city_figures_from_the_edge_of_the_calendar_is_refused_quickly(app, malmo, value):
    started = time.monotonic()
    inline = await post(app, user(malmo, Role.coordinator),
                        {"query": f'{{ cityFigures(period: YEAR, from: "{value}", to: "2017-01-01") {{ period }} }}'})
    variables = await post(app, user(malmo, Role.coordinator), {"query": FIGURES, "variables": {"from": value, "to": "2017-01-01"}})
    # A bound, not a timing target: an unbounded range ran until the statement timeout (30 s).
    assert time.monotonic() - started < 20
    for answer, named in ((inline, "Argument 'from'"), (variables, "Variable '$from'")):
        error = only_error(answer)
        assert error["extensions"]["code"] == "BAD_USER_INPUT", error
        assert named in error["message"] and "between 1900-01-01 and 2100-12-31" in error["message"], error


async def test_city_figures_at_most_a_year_ahead_and_a_bounded_number_of_periods(app, malmo):
    ahead = only_error(await post(app, user(malmo, Role.coordinator), {"query": FIGURES, "variables": {"to": "2099-01-01"}}))
    assert ahead["extensions"]["code"] == "BAD_USER_INPUT" and "to: must be at most a year ahead" in ahead["message"]
    months = ("query { cityFigures(period: MONTH, from: \"1901-01-01\", to: \"2019-01-01\") { period } }")
    many = only_error(await post(app, user(malmo, Role.coordinator), {"query": months}))
    assert many["extensions"]["code"] == "BAD_USER_INPUT" and "at most 360" in many["message"], many
    ok = await post(app, user(malmo, Role.coordinator), {"query": FIGURES, "variables": {"from": "1900-01-01", "to": "2019-12-31"}})
    assert "errors" not in ok and len(ok["data"]["cityFigures"]) == 120


@pytest.mark.parametrize(("variables", "fragment"), [
    ({"from": "abc"}, "Variable '$from'"),
    ({"from": 12}, "Variable '$from'"),
    ({"from": "2019-02-30"}, "Variable '$from'"),
])
async def test_variable_coercion_errors_are_bad_user_input(app, malmo, variables, fragment, caplog):
    error = only_error(await post(app, user(malmo, Role.coordinator), {"query": FIGURES, "variables": variables}))
    assert error["extensions"]["code"] == "BAD_USER_INPUT" and fragment in error["message"], error
    assert not [r for r in caplog.records if r.levelname == "ERROR"]


@pytest.mark.parametrize(("query", "variables", "fragment"), [
    ("query ($p: FiguresPeriod!) { cityFigures(period: $p) { period } }", {"p": "DECADE"}, "Variable '$p'"),
    ("query ($p: FiguresPeriod!) { cityFigures(period: $p) { period } }", {}, "Variable '$p'"),
    ("query ($n: Int) { organisations(first: $n) { totalCount } }", {"n": "abc"}, "Variable '$n'"),
    ("query ($n: Int) { organisations(first: $n) { totalCount } }", {"n": 2 ** 40}, "Variable '$n'"),
    ("query ($t: DateTime) { incidents(filter: {occurredFrom: $t}) { totalCount } }", {"t": "0001-01-01T00:00:00+14:00"}, "Variable '$t'"),
    ("query ($t: DateTime) { incidents(filter: {occurredTo: $t}) { totalCount } }", {"t": "9999-12-31T23:59:59-12:00"}, "Variable '$t'"),
    ('{ incidents(filter: {occurredFrom: "0001-01-01T00:00:00+14:00"}) { totalCount } }', None, "Argument 'filter.occurredFrom'"),
    ('{ organisations(first: "ten") { totalCount } }', None, "Argument 'first'"),
])
async def test_bad_values_name_where_they_were_found(app, malmo, query, variables, fragment, caplog):
    body = {"query": query} | ({"variables": variables} if variables is not None else {})
    error = only_error(await post(app, user(malmo, Role.coordinator), body))
    assert error["extensions"]["code"] == "BAD_USER_INPUT" and fragment in error["message"], error
    assert not [r for r in caplog.records if r.levelname == "ERROR"]


@pytest.mark.parametrize("cursor", [
    "12345", "MTIzNDU", base64.urlsafe_b64encode(b"123").decode(), base64.urlsafe_b64encode(b"\x00\x01").decode(),
    base64.urlsafe_b64encode(b'["name","Org\\u0000",  "00000000-0000-0000-0000-000000000000"]').decode(),
    base64.urlsafe_b64encode(b'["name","\\ud800","00000000-0000-0000-0000-000000000000"]').decode(),
    base64.urlsafe_b64encode(b"[" * 100_000).decode(), "\x00", "%%%",
])
async def test_bad_cursors_are_refused(app, malmo, cursor):
    error = only_error(await post(app, user(malmo, Role.coordinator), {
        "query": "query ($a: String) { organisations(first: 2, after: $a) { totalCount } }", "variables": {"a": cursor}}))
    assert error["extensions"]["code"] in ("BAD_CURSOR", "BAD_USER_INPUT"), error


async def test_out_of_range_cursor_values_are_refused(app, malmo):
    incidents = "query ($a: String) { incidents(first: 2, after: $a) { edges { cursor } } }"
    answer = await post(app, user(malmo, Role.coordinator), {"query": incidents, "variables": {"a": None}})
    cursor = answer["data"]["incidents"]["edges"][0]["cursor"]
    import json
    name, _, ident = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    for value in ("0001-01-01T00:00:00+00:00", "9999-12-31T23:59:59+00:00", 10 ** 30, "x"):
        forged = base64.urlsafe_b64encode(json.dumps([name, value, ident]).encode()).decode().rstrip("=")
        error = only_error(await post(app, user(malmo, Role.coordinator), {"query": incidents, "variables": {"a": forged}}))
        assert error["extensions"]["code"] == "BAD_CURSOR", error


async def test_whitespace_does_not_escape_the_query_size_limit(app, malmo):
    """Issue 9.9: 5 MB of whitespace passed (the token limit does not count it)."""
    application, principals = app
    padded = "{" + " " * 60_000 + "viewer { kind } }"
    async with http(application, principals, user(malmo, Role.coordinator)) as c:
        refused = await c.post("/graphql", json={"query": padded})
        batch = await c.post("/graphql", json=[{"query": "{ viewer { kind } }"}, {"query": padded}])
        ok = await c.post("/graphql", json={"query": "{" + " " * 40_000 + "viewer { kind } }"})
    for response in (refused, batch):
        assert response.status_code == 400 and "query: at most 50000 characters" in response.text, response.text
    assert ok.status_code == 200 and ok.json()["data"]["viewer"]["kind"]


@pytest.mark.parametrize("hours", ["1e-999999", "1e999999", "NaN", "-Infinity", "0.0000001", "1E+16"])
async def test_log_outreach_hours_out_of_range_are_refused(app, cities, hours):
    """Issue 10.11: ``hours: 1e-999999`` answered INTERNAL_SERVER_ERROR."""
    from tests.api.graphql.conftest import api_client

    a, _ = cities
    application, principals = app
    inline = f'mutation {{ logOutreach(input: {{kind: hours, occurredOn: "2019-06-01", worker: "W", hours: {hours}}}) ' \
             "{ errors { field code } } }"
    variables = ("mutation($i: LogOutreachInput!) { logOutreach(input: $i) { errors { field code } } }",
                 {"i": {"kind": "hours", "occurredOn": "2019-06-01", "worker": "W", "hours": hours}})
    async with http(application, principals, api_client(a, "outreach:write", "outreach:read")) as c:
        answers = [await c.post("/graphql", json={"query": variables[0], "variables": variables[1]})]
        if hours[0].isdigit():  # a GraphQL float literal
            answers.append(await c.post("/graphql", json={"query": inline}))
    for response in answers:
        assert response.status_code == 200, response.text
        body = response.json()
        codes = [e["extensions"]["code"] for e in body.get("errors") or []]
        payload = ((body.get("data") or {}).get("logOutreach") or {}).get("errors") or []
        assert codes == ["BAD_USER_INPUT"] or payload, body
        assert "INTERNAL_SERVER_ERROR" not in response.text
