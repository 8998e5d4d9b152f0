"""The three queries the benchmark sends, verbatim, against the Malmö demo."""

from __future__ import annotations

from domain.identity.principal import Role
from tests.api.graphql.conftest import api_client, request, user

INCIDENTS = ("query Incidents($first: Int!) { incidents(first: $first) { edges { node { id type occurredAt area confirmed "
             "killed injured groups { id name } people { role person { id displayName } } } } pageInfo { hasNextPage "
             "endCursor } } }")
PERSON = ("query Person($id: ID!) { person(id: $id) { id displayName birthYear supervisionStatus timeline(first: 50) { "
          "edges { node { at kind title } } pageInfo { hasNextPage endCursor } } } }")
FIGURES = ("query Figures { cityFigures(period: YEAR, from: \"2017-01-01\", to: \"2019-12-31\") { period shootingsWithInjury "
           "shootingsWithoutInjury killed injured explosions callInsHeld clientsAttending customNotifications } }")


async def test_the_three_benchmark_queries_work_verbatim(malmo, gql_session):
    async with gql_session(user(malmo, Role.coordinator)) as s:
        incidents = (await s.execute(request(INCIDENTS, first=50)))["incidents"]
        linked = [e["node"] for e in incidents["edges"] if e["node"]["people"]]
        person_id = linked[0]["people"][0]["person"]["id"]
        person = (await s.execute(request(PERSON, id=person_id)))["person"]
        figures = (await s.execute(request(FIGURES)))["cityFigures"]
    assert len(incidents["edges"]) == 50 and incidents["pageInfo"]["hasNextPage"] is True
    assert any(e["node"]["groups"] for e in incidents["edges"])
    times = [e["node"]["occurredAt"] for e in incidents["edges"]]
    assert times == sorted(times, reverse=True)
    assert person["id"] == person_id and person["displayName"] == linked[0]["people"][0]["person"]["displayName"]
    events = [e["node"] for e in person["timeline"]["edges"]]
    assert events and any(e["kind"] == "incident" for e in events)
    assert [e["at"] for e in events] == sorted(e["at"] for e in events)
    table = {row["period"]: row for row in figures}
    assert list(table) == ["2017", "2018", "2019"]
    # the source document's table for 2017 and 2018 (its 2019 stops on 11 November; this query runs to 31 December)
    source = {"shootingsWithoutInjury": (23, 23, 12), "killed": (7, 12, 5), "injured": (35, 14, 13), "explosions": (58, 45, 29)}
    for measure, (y2017, y2018, y2019) in source.items():
        assert (table["2017"][measure], table["2018"][measure]) == (y2017, y2018), measure
        assert table["2019"][measure] >= y2019, measure
    assert table["2019"]["callInsHeld"] >= 2


async def test_an_agency_system_runs_them_with_scopes_and_no_purpose_header(malmo, gql_session):
    client = api_client(malmo, "incidents:read", "groups:read", "people:read", "figures:read")
    async with gql_session(client, purpose=None) as s:
        incidents = (await s.execute(request(INCIDENTS, first=5)))["incidents"]
        figures = (await s.execute(request(FIGURES)))["cityFigures"]
    assert len(incidents["edges"]) == 5 and len(figures) == 3
