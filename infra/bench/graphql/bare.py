"""The floor: a bare Starlette + asyncpg endpoint returning the SAME JSON as ``/graphql`` for the three
benchmark queries. No GraphQL, no ORM, no authentication, no audit, no rate limit: hand-written SQL
(the same statements the app's loaders and services run), the tenant set with ``set_config`` in each
transaction, as the runtime role (RLS applies).

    BENCH_APP_DSN=postgresql://gvi_app@/gvi?host=… BENCH_TENANT_ID=… \\
        uvicorn --factory infra.bench.graphql.bare:create_app   (the benchmark runner starts it)

The operation is recognised by ``operationName`` (or the query's first words); variables as in the
GraphQL queries (``first``; ``id``, a global id).
"""

from __future__ import annotations

import base64
import json
import os
import sys
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from domain.figures.service import _SQL as FIGURES_SQL  # noqa: E402
from domain.timeline.service import _PERSON  # noqa: E402

BENCH_CATEGORIES = ("incidents", "groups", "people")  # the benchmark client's scopes: its timeline's sources

_SET_TENANT = "select set_config('app.tenant_id', $1, true)"
_INCIDENTS = ("select id, type, occurred_at, area, confirmed, killed, injured from incidents "
              "order by occurred_at desc, id desc limit $1")
_GROUPS = ("select ig.incident_id, g.id, g.name from incident_groups ig "
           "join groups g on g.tenant_id = ig.tenant_id and g.id = ig.group_id "
           "where ig.incident_id = any($1::uuid[]) order by g.name, ig.role")
_PEOPLE = ("select ip.incident_id, ip.role, p.id, p.given_name, p.family_name from incident_people ip "
           "join people p on p.tenant_id = ip.tenant_id and p.id = ip.person_id "
           "where ip.incident_id = any($1::uuid[]) order by ip.role, p.family_name, p.given_name, p.id")
_PERSON_ROW = "select id, given_name, family_name, birth_year, supervision_status from people where id = $1"
_BRANCHES = [b.sql for b in _PERSON if b.category.value in BENCH_CATEGORIES]
_TIMELINE = ("select at, kind, id, title from (" + "\nunion all\n".join(_BRANCHES).replace(":subject", "$1")
             + ") ev order by at, kind, id limit $2")
_FIGURES = (FIGURES_SQL.replace(":unit", "$1").replace(":step", "$2").replace(":start", "$3").replace(":end", "$4"))
_FIGURE_FIELDS = {"shootingsWithInjury": "shootings_with_injury", "shootingsWithoutInjury": "shootings_without_injury",
                  "killed": "killed", "injured": "injured", "explosions": "explosions", "callInsHeld": "call_ins_held",
                  "clientsAttending": "clients_attending", "customNotifications": "custom_notifications"}


def gid(type_name: str, value: object) -> str:
    return base64.b64encode(f"{type_name}:{value}".encode()).decode()


def _page_cursor(at, id_) -> str:
    raw = json.dumps(["occurred_at_desc", at.isoformat(), str(id_)], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


async def incidents(conn: asyncpg.Connection, variables: dict) -> dict:
    first = int(variables["first"])
    rows = await conn.fetch(_INCIDENTS, first + 1)
    has_next, rows = len(rows) > first, rows[:first]
    ids = [r["id"] for r in rows]
    groups: dict = {i: {} for i in ids}
    for r in await conn.fetch(_GROUPS, ids):
        groups[r["incident_id"]].setdefault(r["id"], {"id": gid("Group", r["id"]), "name": r["name"]})
    people: dict = {i: [] for i in ids}
    for r in await conn.fetch(_PEOPLE, ids):
        people[r["incident_id"]].append({"role": r["role"], "person": {
            "id": gid("Person", r["id"]), "displayName": f"{r['given_name']} {r['family_name']}"}})
    edges = [{"node": {"id": gid("Incident", r["id"]), "type": r["type"], "occurredAt": r["occurred_at"].isoformat(),
                       "area": r["area"], "confirmed": r["confirmed"], "killed": r["killed"], "injured": r["injured"],
                       "groups": list(groups[r["id"]].values()), "people": people[r["id"]]}} for r in rows]
    end = _page_cursor(rows[-1]["occurred_at"], rows[-1]["id"]) if rows else None
    return {"incidents": {"edges": edges, "pageInfo": {"hasNextPage": has_next, "endCursor": end}}}


async def person(conn: asyncpg.Connection, variables: dict) -> dict:
    type_name, _, raw = base64.b64decode(variables["id"]).decode().partition(":")
    row = await conn.fetchrow(_PERSON_ROW, raw) if type_name == "Person" else None
    if row is None:
        return {"person": None}
    events = await conn.fetch(_TIMELINE, row["id"], 51)
    has_next, events = len(events) > 50, events[:50]
    edges = [{"node": {"at": e["at"].isoformat(), "kind": e["kind"], "title": e["title"] or ""}} for e in events]
    end = None
    if events:
        last = events[-1]
        end = base64.urlsafe_b64encode(f"{last['at'].isoformat()}|{last['kind']}|{last['id']}".encode()).decode()
    return {"person": {"id": gid("Person", row["id"]), "displayName": f"{row['given_name']} {row['family_name']}",
                       "birthYear": row["birth_year"], "supervisionStatus": row["supervision_status"],
                       "timeline": {"edges": edges, "pageInfo": {"hasNextPage": has_next, "endCursor": end}}}}


async def figures(conn: asyncpg.Connection, variables: dict) -> dict:
    from datetime import date

    rows = await conn.fetch(_FIGURES, "year", "1 year", date(2017, 1, 1), date(2019, 12, 31))
    return {"cityFigures": [{"period": str(r["period"].year), **{k: int(r[c]) for k, c in _FIGURE_FIELDS.items()}}
                            for r in rows]}


OPERATIONS = {"Incidents": incidents, "Person": person, "Figures": figures}


def create_app() -> Starlette:
    dsn, tenant = os.environ["BENCH_APP_DSN"], os.environ["BENCH_TENANT_ID"]
    pool_size = int(os.environ.get("BENCH_POOL_SIZE", "20"))
    state: dict = {}

    @asynccontextmanager
    async def lifespan(app: Starlette):
        state["pool"] = await asyncpg.create_pool(dsn, min_size=pool_size, max_size=pool_size)
        try:
            yield
        finally:
            await state["pool"].close()

    async def graphql(request: Request) -> Response:
        body = json.loads(await request.body())
        name = body.get("operationName") or body["query"].split()[1].split("(")[0]
        operation = OPERATIONS[name]
        async with state["pool"].acquire() as conn, conn.transaction():
            await conn.execute(_SET_TENANT, tenant)
            data = await operation(conn, body.get("variables") or {})
        return Response(orjson.dumps({"data": data}), media_type="application/json")  # the encoder ours uses

    return Starlette(routes=[Route("/graphql", graphql, methods=["POST"])], lifespan=lifespan)
