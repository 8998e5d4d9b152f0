"""Cross-tenant probes: city A's caller with city B's global ids sees nothing, exactly as for a missing id."""

from __future__ import annotations

import uuid

from strawberry.relay import to_base64

from domain.identity.principal import Role
from tests.api.graphql.conftest import request, user

PROBE = """query($id: ID!) {
  node(id: $id) { id }
  organisation(id: $id) { id name }
}"""


async def test_other_citys_ids_answer_like_missing_ones(cities, gql_session):
    a, b = cities
    probes = [to_base64("Organisation", o.id) for o in b.organisations]
    missing = to_base64("Organisation", uuid.uuid4())
    async with gql_session(user(a, Role.coordinator)) as s:
        for global_id in [*probes, missing, to_base64("Organisation", "not-a-uuid")]:
            assert await s.execute(request(PROBE, id=global_id)) == {"node": None, "organisation": None}
        other_city = await s.execute(request("query($id: ID!) { node(id: $id) { id } }", id=to_base64("City", b.id)))
        listed = await s.execute(request("{ organisations(first: 100) { totalCount edges { node { name } } } }"))
    assert other_city == {"node": None}
    assert listed["organisations"]["totalCount"] == len(a.organisations)


async def test_own_ids_resolve(cities, gql_session):
    a, b = cities
    async with gql_session(user(b, Role.coordinator)) as s:
        data = await s.execute(request(PROBE, id=to_base64("Organisation", b.organisations[0].id)))
    assert data["organisation"]["name"] == b.organisations[0].name
