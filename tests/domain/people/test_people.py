from datetime import timedelta

import pytest
from sqlalchemy import select

from domain.columns import Confidence
from domain.groups import service as groups
from domain.people import service as people
from domain.people.models import (
    CloseRelation,
    Designation,
    DesignationKind,
    GroupMembership,
    MembershipPosition,
    Person,
    SupervisionStatus,
)
from domain.rules import today
from tenants.errors import Conflict, NotFound, ValidationFailed
from tests.domain.conftest import as_city

BASIS = dict(source="police intelligence", assessed_by="Analyst A", confidence=Confidence.high)


async def test_identity_number_is_encrypted_and_found_by_blind_index(db, city):
    async with as_city(db, city.tenant):
        person = await people.create_person(db, given_name="Test", family_name="Testsson",
                                            identity_number="811228-9874", address="Testgatan 1", phone="070-000 00 00")
        assert person.identity_number_ciphertext and b"9874" not in person.identity_number_ciphertext
        assert person.birth_year == 1981
        assert await people.reveal(db, person=person, field="identity_number") == "198112289874"
        assert await people.reveal(db, person=person, field="address") == "Testgatan 1"
        found = await people.find_by_identity_number(db, identity_number="19811228-9874")
        assert found.id == person.id
        with pytest.raises(Conflict) as exc:
            await people.create_person(db, given_name="Dup", family_name="X", identity_number="8112289874")
        assert exc.value.errors[0].field == "identity_number"


async def test_invalid_identity_number_names_the_field(db, city):
    async with as_city(db, city.tenant):
        with pytest.raises(ValidationFailed) as exc:
            await people.create_person(db, given_name=" ", family_name="X", identity_number="811228-9875")
        assert {(e.field, e.code) for e in exc.value.errors} == {("given_name", "required"),
                                                                 ("identity_number", "invalid_check_digit")}
        assert (await db.scalars(select(Person))).all() == []


async def test_same_identity_number_in_two_cities_gets_unrelated_index(db, city, other_city):
    async with as_city(db, city.tenant):
        a = await people.create_person(db, given_name="A", family_name="A", identity_number="670919-9530")
    async with as_city(db, other_city.tenant):
        b = await people.create_person(db, given_name="B", family_name="B", identity_number="670919-9530")
        assert a.identity_number_hmac != b.identity_number_hmac
        with pytest.raises(NotFound):
            await people.set_supervision(db, person_id=a.id, status=SupervisionStatus.none, organisation_id=None)


async def test_supervision_needs_an_agency(db, city):
    async with as_city(db, city.tenant):
        p = await people.create_person(db, given_name="A", family_name="B")
        with pytest.raises(ValidationFailed, match="supervising agency"):
            await people.set_supervision(db, person_id=p.id, status=SupervisionStatus.probation, organisation_id=None)
        p = await people.set_supervision(db, person_id=p.id, status=SupervisionStatus.probation,
                                         organisation_id=city.probation.id)
        assert p.supervision_status is SupervisionStatus.probation


async def _person_and_group(db):
    person = await people.create_person(db, given_name="A", family_name="B")
    group = await groups.create_group(db, name="Testgruppen")
    return person, group


async def test_membership_periods_do_not_overlap(db, city):
    async with as_city(db, city.tenant):
        person, group = await _person_and_group(db)
        t = today()
        await people.add_membership(db, person_id=person.id, group_id=group.id, position=MembershipPosition.core,
                                    started_on=t - timedelta(days=400), ended_on=t - timedelta(days=200),
                                    review_date=t + timedelta(days=10), assessed_on=t, **BASIS)
        with pytest.raises(Conflict) as exc:
            await people.add_membership(db, person_id=person.id, group_id=group.id, position=MembershipPosition.leader,
                                        started_on=t - timedelta(days=250), review_date=t + timedelta(days=10), **BASIS)
        assert exc.value.errors[0].code == "overlapping_period"
        later = await people.add_membership(db, person_id=person.id, group_id=group.id, position=MembershipPosition.leader,
                                            started_on=t - timedelta(days=199), review_date=t + timedelta(days=10), **BASIS)
        assert later.position is MembershipPosition.leader


async def test_designation_needs_basis_and_review_date(db, city):
    async with as_city(db, city.tenant):
        person, _ = await _person_and_group(db)
        t = today()
        with pytest.raises(ValidationFailed) as exc:
            await people.designate(db, person_id=person.id, kind=DesignationKind.at_risk, started_on=t, source="",
                                   assessed_by="X", confidence=Confidence.low, review_date=t + timedelta(days=400))
        assert {e.field for e in exc.value.errors} == {"source", "review_date"}
        with pytest.raises(ValidationFailed, match="names the group"):
            await people.designate(db, person_id=person.id, kind=DesignationKind.focus_list, started_on=t,
                                   review_date=t + timedelta(days=30), **BASIS)


async def test_designation_lapses_at_review_date_unless_reconfirmed(db, city):
    async with as_city(db, city.tenant):
        person, group = await _person_and_group(db)
        t = today()
        d = await people.designate(db, person_id=person.id, kind=DesignationKind.at_risk, started_on=t - timedelta(days=100),
                                   assessed_on=t - timedelta(days=100), review_date=t - timedelta(days=1), **BASIS)
        m = await people.add_membership(db, person_id=person.id, group_id=group.id, position=MembershipPosition.peripheral,
                                        started_on=t - timedelta(days=30), assessed_on=t - timedelta(days=30),
                                        review_date=t, **BASIS)
        assert not people.is_current(d) and people.is_current(m)
        assert await people.current_designations(db, person_id=person.id) == []
        assert [x.id for x in await people.current_memberships(db, group_id=group.id)] == [m.id]
        assert [x.id for x in await people.current_memberships(db, group_id=group.id, on=t + timedelta(days=1))] == []
        assert {x.id for x in await people.lapsed(db)} == {d.id}
        await people.reconfirm(db, model=Designation, id=d.id, assessed_by="Analyst B", source="new threat assessment",
                               confidence=Confidence.medium, review_date=t + timedelta(days=90))
        assert [x.id for x in await people.current_designations(db, kind=DesignationKind.at_risk)] == [d.id]
        await people.end(db, model=GroupMembership, id=m.id, ended_on=t)
        with pytest.raises(ValidationFailed, match="already ended"):
            await people.end(db, model=GroupMembership, id=m.id, ended_on=t)


async def test_close_person_is_a_person(db, city):
    async with as_city(db, city.tenant):
        a = await people.create_person(db, given_name="A", family_name="B")
        b = await people.create_person(db, given_name="C", family_name="B")
        link = await people.add_close_person(db, person_id=a.id, close_person_id=b.id, relation=CloseRelation.sibling)
        assert link.close_person_id == b.id
        with pytest.raises(ValidationFailed):
            await people.add_close_person(db, person_id=a.id, close_person_id=a.id, relation=CloseRelation.sibling)
        with pytest.raises(Conflict):
            await people.add_close_person(db, person_id=a.id, close_person_id=b.id, relation=CloseRelation.sibling)


def test_membership_positions_cannot_say_victim():
    # victims are recorded on incidents (role victim), never as a kind of membership
    assert "victim" not in {p.value for p in MembershipPosition}
