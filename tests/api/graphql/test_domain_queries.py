"""Every list and relation of the domain, on the Malmö demo, through a real GraphQL client."""

from __future__ import annotations

import pytest
from gql.transport.exceptions import TransportQueryError

from domain.identity.principal import Role
from tests.api.graphql.conftest import request, user

BASIS = "source assessedBy confidence assessedOn reviewDate note current"

EVERYTHING = f"""{{
  incidents(first: 5, order: OCCURRED_AT) {{ totalCount edges {{ node {{ id type occurredAt area policeArea policeRegion
      confirmed killed injured description externalReference
      groups {{ id name }} groupLinks {{ role group {{ name }} }} people {{ role person {{ displayName }} }}
      involvement {{ involvement confidence assessedAt group {{ name }} review {{ heldOn }} }} }} }} }}
  incidentReviews(first: 3) {{ edges {{ node {{ heldOn decisions {{ decision incident {{ type }} }} tasks {{ title status }} }} }} }}
  people(first: 5) {{ edges {{ node {{ id displayName birthYear identityKind supervisionStatus
      supervisingOrganisation {{ name }} memberships {{ position {BASIS} group {{ name }} }}
      designations {{ kind {BASIS} group {{ name }} }} closePersons {{ relation person {{ displayName }} }}
      supportCases {{ status transitions {{ toStatus }} consents {{ action }} }} }} }} }}
  groups(first: 5) {{ edges {{ node {{ id name aliases areas status currentRisk {{ level organisation {{ name }} }}
      riskAssessments {{ level assessedOn basis confidence }}
      relationships {{ kind startedOn groupA {{ name }} groupB {{ name }} }}
      memberships(currentOnly: true) {{ position person {{ displayName }} }}
      timeline(first: 5) {{ edges {{ node {{ at kind title refId }} }} pageInfo {{ hasNextPage }} }} }} }} }}
  groupNetwork {{ kind groupA {{ name }} }}
  callIns(first: 5) {{ edges {{ node {{ heldOn venue status rehearsalOn speakers {{ name category organisation {{ name }} }}
      clients {{ id attendance person {{ displayName }} group {{ name }} referringOrganisation {{ name }} }} }} }} }}
  customNotifications(first: 5) {{ edges {{ node {{ deliveredOn setting outcome supportOffered person {{ displayName }}
      organisations {{ name }} }} }} }}
  enforcementActions(first: 5) {{ edges {{ node {{ type takenOn organisation {{ name }} group {{ name }}
      targets {{ displayName }} triggeringIncidents {{ occurredAt }} }} }} }}
  focusList(on: "2019-11-01") {{ kind current person {{ displayName }} group {{ name }} }}
  supportCases(first: 5) {{ edges {{ node {{ providerType context status statusOn person {{ displayName }}
      providerOrganisation {{ name }} callIn {{ venue }} transitions {{ fromStatus toStatus occurredOn }} }} }} }}
  outreachActivities(first: 5) {{ edges {{ node {{ kind occurredOn worker hours organisation {{ name }} person {{ displayName }}
      group {{ name }} }} }} }}
  tasks(first: 5) {{ edges {{ node {{ title kind status dueOn assigneeOrganisation {{ name }} person {{ displayName }} }} }} }}
  contextEvents(first: 5) {{ edges {{ node {{ kind title startedOn national }} }} }}
  programme {{ name startedOn population phases {{ phase startedOn }} fidelity {{ element status overdue }} }}
  cityFigures(period: QUARTER, from: "2019-01-01", to: "2019-12-31") {{ period startsOn shootingsWithInjury peopleReached }}
}}"""


async def test_every_list_and_relation_resolves(malmo, gql_session):
    async with gql_session(user(malmo, Role.coordinator)) as s:
        data = await s.execute(request(EVERYTHING))
    for field in ("incidents", "incidentReviews", "people", "groups", "callIns", "customNotifications",
                  "enforcementActions", "supportCases", "outreachActivities", "tasks", "contextEvents"):
        assert data[field]["edges"], field
    assert len(data["focusList"]) >= 11 and all(d["kind"] == "focus_list" for d in data["focusList"])
    assert [r["period"] for r in data["cityFigures"]] == ["2019-Q1", "2019-Q2", "2019-Q3", "2019-Q4"]
    assert data["programme"]["name"] and len(data["programme"]["fidelity"]) == 5
    assert any(g["node"]["riskAssessments"] for g in data["groups"]["edges"])
    assert any(g["node"]["timeline"]["edges"] for g in data["groups"]["edges"])
    assert all(p["node"]["displayName"] for p in data["people"]["edges"])


async def test_pages_walk_incidents_with_filters(malmo, gql_session):
    query = """query($after: String, $filter: IncidentFilter) { incidents(first: 100, after: $after, filter: $filter,
               order: OCCURRED_AT) { totalCount pageInfo { hasNextPage endCursor } edges { node { id type occurredAt } } } }"""
    seen, after = [], None
    async with gql_session(user(malmo, Role.analyst)) as s:
        while True:
            page = (await s.execute(request(query, after=after, filter={"types": ["shooting"], "confirmed": True})))["incidents"]
            seen += page["edges"]
            if not page["pageInfo"]["hasNextPage"]:
                break
            after = page["pageInfo"]["endCursor"]
    assert len(seen) == page["totalCount"] and len({e["node"]["id"] for e in seen}) == len(seen)
    assert all(e["node"]["type"] == "shooting" for e in seen)
    times = [e["node"]["occurredAt"] for e in seen]
    assert times == sorted(times)


async def test_person_lookup_timeline_paging_and_identity_number(malmo, gql_session):
    async with gql_session(user(malmo, Role.coordinator)) as s:
        listed = (await s.execute(request("{ people(first: 1) { edges { node { id } } } }")))["people"]["edges"][0]["node"]
        query = """query($id: ID!, $after: String) { person(id: $id) { identityNumber
                   timeline(first: 2, after: $after) { edges { node { at kind } } pageInfo { hasNextPage endCursor } } } }"""
        first = (await s.execute(request(query, id=listed["id"])))["person"]
        second = (await s.execute(request(query, id=listed["id"], after=first["timeline"]["pageInfo"]["endCursor"])))["person"]
    assert first["identityNumber"] and len(first["identityNumber"].replace("-", "").replace("+", "")) in (10, 12)
    one = [e["node"] for e in first["timeline"]["edges"]]
    two = [e["node"] for e in second["timeline"]["edges"]]
    assert one and two and one[-1]["at"] <= two[0]["at"] and one != two


async def test_identity_numbers_are_never_in_lists_without_asking(malmo, gql_session):
    async with gql_session(user(malmo, Role.coordinator)) as s:
        with pytest.raises(TransportQueryError) as refused:
            await s.execute(request("{ people(first: 1) { edges { node { identityNumberCiphertext } } } }"))
    assert refused.value.errors[0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
