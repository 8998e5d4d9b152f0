from datetime import date, timedelta

import pytest

from domain.callins import service as callins
from domain.callins.models import Attendance, CallInStatus, SpeakerCategory
from domain.people import service as people
from domain.rules import today
from tenants.errors import Conflict, ValidationFailed
from tests.domain.conftest import as_city

DAY = date(2019, 11, 12)


async def test_plan_rehearse_hold_and_attendance(db, city):
    async with as_city(db, city.tenant):
        ci = await callins.plan(db, held_on=DAY, venue="Stadion")
        person = await people.create_person(db, given_name="A", family_name="B")
        client = await callins.invite_client(db, call_in_id=ci.id, person_id=person.id,
                                             referring_organisation_id=city.probation.id)
        await callins.add_speaker(db, call_in_id=ci.id, name="Mother", category=SpeakerCategory.community_moral_voice)
        with pytest.raises(Conflict, match="not_held|only for a held"):
            await callins.record_attendance(db, client_id=client.id, attendance=Attendance.attended)
        with pytest.raises(Conflict, match="after its dress rehearsal"):
            await callins.mark_held(db, call_in_id=ci.id)
        with pytest.raises(ValidationFailed, match="before the call-in"):
            await callins.record_rehearsal(db, call_in_id=ci.id, rehearsal_on=DAY + timedelta(days=1))
        await callins.record_rehearsal(db, call_in_id=ci.id, rehearsal_on=DAY - timedelta(days=1))
        held = await callins.mark_held(db, call_in_id=ci.id)
        assert held.status is CallInStatus.held
        client = await callins.record_attendance(db, client_id=client.id, attendance=Attendance.attended)
        assert client.attendance is Attendance.attended
        with pytest.raises(Conflict):
            await callins.cancel(db, call_in_id=ci.id, reason="Lokalen brann")
        with pytest.raises(Conflict, match="already held"):
            await callins.invite_client(db, call_in_id=ci.id, person_id=person.id)


@pytest.mark.parametrize(("path", "to", "ok"), [
    ([], CallInStatus.rehearsed, True), ([], CallInStatus.cancelled, True), ([], CallInStatus.held, False),
    (["rehearse"], CallInStatus.held, True), (["rehearse"], CallInStatus.cancelled, True),
    (["cancel"], CallInStatus.rehearsed, False), (["cancel"], CallInStatus.held, False),
])
async def test_transitions(db, city, path, to, ok):
    async with as_city(db, city.tenant):
        ci = await callins.plan(db, held_on=DAY, venue="Stadion")
        for step in path:
            if step == "rehearse":
                await callins.record_rehearsal(db, call_in_id=ci.id, rehearsal_on=DAY - timedelta(days=2))
            else:
                await callins.cancel(db, call_in_id=ci.id, reason="Lokalen brann")
        action = {CallInStatus.rehearsed: lambda: callins.record_rehearsal(db, call_in_id=ci.id, rehearsal_on=DAY),
                  CallInStatus.held: lambda: callins.mark_held(db, call_in_id=ci.id),
                  CallInStatus.cancelled: lambda: callins.cancel(db, call_in_id=ci.id, reason="Lokalen brann")}[to]
        if ok:
            assert (await action()).status is to
        else:
            with pytest.raises(Conflict):
                await action()


async def test_future_call_in_cannot_be_held(db, city):
    async with as_city(db, city.tenant):
        ci = await callins.plan(db, held_on=today() + timedelta(days=10), venue="Stadion")
        await callins.record_rehearsal(db, call_in_id=ci.id, rehearsal_on=today())
        with pytest.raises(ValidationFailed, match="before its day"):
            await callins.mark_held(db, call_in_id=ci.id)
