from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import update

from domain.columns import Confidence
from domain.groups import service as groups
from domain.incidents import service as incidents
from domain.incidents.models import Incident, IncidentRole, IncidentType, Involvement
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


async def test_update_changes_fields_and_bumps_the_version(db, city):
    async with as_city(db, city.tenant):
        inc = await incidents.create_incident(db, **shooting(area="Rosengård"))
        assert inc.version == 1
        edited = await incidents.update_incident(db, incident_id=inc.id, expected_version=1,
                                                 **{**shooting(area="Seved", description="Två skott"), "killed": 1})
        assert (edited.version, edited.area, edited.killed, edited.description) == (2, "Seved", 1, "Två skott")
        same = await incidents.update_incident(db, incident_id=inc.id, expected_version=2,
                                               **{**shooting(area="Seved", description="Två skott"), "killed": 1})
        assert same.version == 2  # nothing changed: no new version


async def test_update_from_an_old_version_is_refused_and_writes_nothing(db, city):
    async with as_city(db, city.tenant):
        inc = await incidents.create_incident(db, **shooting(area="Rosengård"))
        await incidents.update_incident(db, incident_id=inc.id, expected_version=1, **shooting(area="Seved"))
        with pytest.raises(Conflict) as exc:
            await incidents.update_incident(db, incident_id=inc.id, expected_version=1, **shooting(area="Möllevången"))
        assert [(e.field, e.code) for e in exc.value.errors] == [("expected_version", "conflict")]
        assert "now version 2" in exc.value.errors[0].message
        await db.refresh(inc)
        assert (inc.area, inc.version) == ("Seved", 2)


async def test_update_loses_a_race_to_a_concurrent_edit(db, city):
    """The version is checked again by the UPDATE itself: an edit that moved it after our read wins."""
    async with as_city(db, city.tenant):
        inc = await incidents.create_incident(db, **shooting(area="Rosengård"))
        await db.execute(update(Incident).where(Incident.id == inc.id).values(version=Incident.version + 1)
                         .execution_options(synchronize_session=False))
        with pytest.raises(Conflict) as exc:  # the loaded row still says version 1
            await incidents.update_incident(db, incident_id=inc.id, expected_version=1, **shooting(area="Seved"))
        assert [(e.field, e.code) for e in exc.value.errors] == [("expected_version", "conflict")]


async def test_update_refuses_bad_fields_all_at_once(db, city, other_city):
    async with as_city(db, city.tenant):
        inc = await incidents.create_incident(db, **shooting())
        with pytest.raises(ValidationFailed) as exc:
            await incidents.update_incident(db, incident_id=inc.id, expected_version=0, type="drive_by",
                                            occurred_at=datetime.now(UTC) + timedelta(days=1), confirmed=True, killed=-1,
                                            injured=0)
        assert {(e.field, e.code) for e in exc.value.errors} == {
            ("expected_version", "invalid"), ("type", "unknown"), ("occurred_at", "in_future"), ("killed", "negative")}
    async with as_city(db, other_city.tenant):
        with pytest.raises(NotFound):
            await incidents.update_incident(db, incident_id=inc.id, expected_version=1, **shooting())


async def test_update_keeps_references_unique_and_time_before_what_was_said_about_it(db, city):
    async with as_city(db, city.tenant):
        await incidents.create_incident(db, **shooting(external_reference="PM-1"))
        inc = await incidents.create_incident(db, **shooting(external_reference="PM-2"))
        with pytest.raises(Conflict) as exc:
            await incidents.update_incident(db, incident_id=inc.id, expected_version=1, **shooting(external_reference="PM-1"))
        assert [(e.field, e.code) for e in exc.value.errors] == [("external_reference", "already_recorded")]
        g = await groups.create_group(db, name="G")
        await incidents.assess_involvement(db, incident_id=inc.id, group_id=g.id, involvement=Involvement.possible,
                                           confidence=Confidence.low, assessed_at=WHEN + timedelta(hours=2))
        with pytest.raises(Conflict) as exc:
            await incidents.update_incident(db, incident_id=inc.id, expected_version=1,
                                            **{**shooting(external_reference="PM-2"), "occurred_at": WHEN + timedelta(hours=3)})
        assert [(e.field, e.code) for e in exc.value.errors] == [("occurred_at", "after_assessment")]
        earlier = await incidents.update_incident(db, incident_id=inc.id, expected_version=1,
                                                  **{**shooting(external_reference="PM-2"), "occurred_at": WHEN - timedelta(hours=1)})
        assert earlier.version == 2
