from datetime import date

import pytest

from domain.columns import Confidence
from domain.groups import service as groups
from domain.groups.models import RelationshipKind, RiskLevel
from tenants.errors import Conflict, ValidationFailed
from tests.domain.conftest import as_city


async def test_group_names_unique_and_aliases_cleaned(db, city):
    async with as_city(db, city.tenant):
        g = await groups.create_group(db, name="Nätverket", aliases=["N1", "n1", " N2 "], areas=["Rosengård"])
        assert g.aliases == ["N1", "N2"]
        with pytest.raises(Conflict):
            await groups.create_group(db, name="Nätverket")


async def test_risk_history_latest_counts(db, city):
    async with as_city(db, city.tenant):
        g = await groups.create_group(db, name="G")
        await groups.assess_risk(db, group_id=g.id, level=RiskLevel.moderate, assessed_on=date(2019, 1, 1), basis="audit",
                                 confidence=Confidence.medium)
        await groups.assess_risk(db, group_id=g.id, level=RiskLevel.very_high, assessed_on=date(2019, 6, 1),
                                 basis="three shootings", confidence=Confidence.high)
        assert (await groups.current_risk(db, group_id=g.id)).level is RiskLevel.very_high
        with pytest.raises(ValidationFailed, match="basis"):
            await groups.assess_risk(db, group_id=g.id, level=RiskLevel.low, assessed_on=date(2019, 7, 1), basis=" ",
                                     confidence=Confidence.low)


async def test_relationships_network(db, city):
    async with as_city(db, city.tenant):
        a, b = await groups.create_group(db, name="A"), await groups.create_group(db, name="B")
        with pytest.raises(ValidationFailed, match="two different groups"):
            await groups.relate(db, group_a_id=a.id, group_b_id=a.id, kind=RelationshipKind.conflict, started_on=date(2019, 1, 1))
        r = await groups.relate(db, group_a_id=a.id, group_b_id=b.id, kind=RelationshipKind.conflict,
                                started_on=date(2019, 1, 1), note="shots")
        with pytest.raises(Conflict):  # same pair, either direction, overlapping
            await groups.relate(db, group_a_id=b.id, group_b_id=a.id, kind=RelationshipKind.conflict,
                                started_on=date(2019, 3, 1))
        await groups.end_relationship(db, relationship_id=r.id, ended_on=date(2019, 12, 31))
        assert [x.id for x in await groups.network(db, on=date(2019, 6, 1))] == [r.id]
        assert await groups.network(db, on=date(2020, 1, 1)) == []
