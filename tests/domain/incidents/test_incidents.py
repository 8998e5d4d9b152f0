from datetime import UTC, date, datetime, timedelta

import pytest

from domain.columns import Confidence
from domain.groups import service as groups
from domain.incidents import service as incidents
from domain.incidents.models import IncidentRole, IncidentType, Involvement
from domain.people import service as people
from domain.rules import STOCKHOLM
from tenants.errors import Conflict, NotFound, ValidationFailed
from tests.domain.conftest import as_city

WHEN = datetime(2019, 6, 1, 22, 15, tzinfo=STOCKHOLM)


def shooting(**kw):
    return dict(type=IncidentType.shooting, occurred_at=WHEN, confirmed=True, killed=0, injured=1, **kw)


async def test_refuses_future_negative_and_missing_counts(db, city):
    async with as_city(db, city.tenant):
        with pytest.raises(ValidationFailed) as exc:
            await incidents.create_incident(db, type=IncidentType.shooting, occurred_at=datetime.now(UTC) + timedelta(hours=1),
                                            confirmed=True, killed=-1, injured=None)
        assert {(e.field, e.code) for e in exc.value.errors} == {
            ("occurred_at", "in_future"), ("killed", "negative"), ("injured", "required")}
        with pytest.raises(ValidationFailed, match="type"):
            await incidents.create_incident(db, type="drive_by", occurred_at=WHEN, confirmed=True, killed=0, injured=0)


async def test_external_reference_is_idempotent_per_tenant(db, city, other_city):
    async with as_city(db, city.tenant):
        first = await incidents.create_incident(db, **shooting(external_reference="PM-2019-1"))
        again = await incidents.create_incident(db, **shooting(external_reference="PM-2019-1"))
        assert again.id == first.id
    async with as_city(db, other_city.tenant):
        theirs = await incidents.create_incident(db, **shooting(external_reference="PM-2019-1"))
        assert theirs.id != first.id


async def test_naive_time_is_swedish(db, city):
    async with as_city(db, city.tenant):
        inc = await incidents.create_incident(db, **{**shooting(), "occurred_at": datetime(2019, 12, 31, 23, 30)})
        assert inc.occurred_at.astimezone(UTC) == datetime(2019, 12, 31, 22, 30, tzinfo=UTC)


async def test_involvement_changes_are_kept(db, city):
    async with as_city(db, city.tenant):
        inc = await incidents.create_incident(db, **shooting())
        g = await groups.create_group(db, name="G")
        await incidents.assess_involvement(db, incident_id=inc.id, group_id=g.id, involvement=Involvement.possible,
                                           confidence=Confidence.low, assessed_at=WHEN + timedelta(hours=2))
        review = await incidents.hold_review(db, held_on=date(2019, 6, 6))
        await incidents.decide(db, review_id=review.id, incident_id=inc.id, decision="Attributed to G after review",
                               group_id=g.id, involvement=Involvement.confirmed, confidence=Confidence.high)
        history = await incidents.involvement_history(db, incident_id=inc.id)
        assert [h.involvement for h in history] == [Involvement.possible, Involvement.confirmed]
        current = await incidents.current_involvement(db, incident_id=inc.id)
        assert [(c.involvement, c.review_id) for c in current] == [(Involvement.confirmed, review.id)]
        with pytest.raises(ValidationFailed, match="before the incident"):
            await incidents.assess_involvement(db, incident_id=inc.id, group_id=g.id, involvement=Involvement.none,
                                               confidence=Confidence.low, assessed_at=WHEN - timedelta(days=1))
        early = await incidents.hold_review(db, held_on=date(2019, 5, 1))
        with pytest.raises(Conflict, match="after the review"):
            await incidents.decide(db, review_id=early.id, incident_id=inc.id, decision="x")


async def test_links_with_roles_victims_stay_victims(db, city, other_city):
    async with as_city(db, city.tenant):
        inc = await incidents.create_incident(db, **shooting())
        victim = await people.create_person(db, given_name="V", family_name="W")
        await incidents.link_person(db, incident_id=inc.id, person_id=victim.id, role=IncidentRole.victim)
        assert await people.current_memberships(db, person_id=victim.id) == []
        with pytest.raises(Conflict):
            await incidents.link_person(db, incident_id=inc.id, person_id=victim.id, role=IncidentRole.victim)
    async with as_city(db, other_city.tenant):
        with pytest.raises(NotFound):  # another city's incident does not exist here
            await incidents.link_person(db, incident_id=inc.id, person_id=victim.id, role=IncidentRole.target)
