"""The integration guide's domain examples (section 8) run as written, in order, against the app."""

from __future__ import annotations

import json
import re
from pathlib import Path

from domain.identity.principal import Role
from tests.api.graphql.conftest import request, user

GUIDE = Path(__file__).resolve().parents[3] / "docs" / "integration.md"


def examples() -> list[tuple[str, dict]]:
    """Each graphql block of section 8 with the json block right after it (its variables), if any."""
    section = GUIDE.read_text().split("## 8. ", 1)[1]
    blocks = re.findall(r"```(graphql|json)\n(.*?)```", section, re.S)
    out: list[tuple[str, dict]] = []
    for kind, body in blocks:
        if kind == "graphql":
            out.append((body, {}))
        else:
            out[-1] = (out[-1][0], json.loads(body))
    return out


async def test_the_guides_domain_examples_work_as_written(cities, gql_session):
    a, _ = cities
    documented = examples()
    assert len(documented) == 6
    results = {}
    async with gql_session(user(a, Role.coordinator)) as s:
        for query, variables in documented:
            name = re.search(r"(?:query|mutation) (\w+)", query).group(1)
            if name == "Person":
                variables = {"id": results["People"]["people"]["edges"][0]["node"]["id"]}
            results[name] = await s.execute(request(query, **variables))
    ingest = results["Ingest"]["ingestIncidents"]
    assert (ingest["created"], ingest["failed"], ingest["errors"]) == (2, 0, [])
    assert len(results["Incidents"]["incidents"]["edges"]) == 2
    assert results["Register"]["createPerson"]["errors"] == []
    assert results["People"]["people"]["edges"][0]["node"]["displayName"] == "Ada Lind"
    assert results["Person"]["person"]["displayName"] == "Ada Lind"
    assert [r["period"] for r in results["Figures"]["cityFigures"]] == ["2017", "2018", "2019"]
