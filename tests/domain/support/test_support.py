from datetime import date

import pytest

from domain.people import service as people
from domain.support import service as support
from domain.support.models import ConsentAction, ProviderType, SupportContext, SupportStatus
from tenants.errors import Conflict, ValidationFailed
from tests.domain.conftest import as_city

S = SupportStatus
PATHS = {  # how to reach each status from a fresh offer
    S.offered: [], S.accepted: [S.accepted], S.started: [S.accepted, S.started],
    S.completed: [S.accepted, S.started, S.completed], S.declined: [S.declined], S.dropped: [S.accepted, S.dropped],
    S.withdrawn: [S.withdrawn],
}
LEGAL = {(a, b) for a, nxt in support.TRANSITIONS.items() for b in nxt}
ALL = [(a, b) for a in S for b in S]


async def _case_in(db, status: SupportStatus):
    person = await people.create_person(db, given_name="A", family_name="B")
    await support.record_consent(db, person_id=person.id, action=ConsentAction.given, recorded_on=date(2019, 1, 1),
                                 scope="Referral to social services")
    case = await support.offer(db, person_id=person.id, provider_type=ProviderType.employment, offered_on=date(2019, 1, 2))
    for step in PATHS[status]:
        case = await support.transition(db, case_id=case.id, to=step, on=date(2019, 2, 1), reason="because")
    return case


def test_machine_shape():
    assert LEGAL == {(S.offered, S.accepted), (S.offered, S.declined), (S.offered, S.withdrawn),
                     (S.accepted, S.started), (S.accepted, S.dropped), (S.accepted, S.withdrawn),
                     (S.started, S.completed), (S.started, S.dropped), (S.started, S.withdrawn)}


@pytest.mark.parametrize(("start", "to"), ALL, ids=[f"{a.value}->{b.value}" for a, b in ALL])
async def test_every_transition(db, city, start, to):
    async with as_city(db, city.tenant):
        case = await _case_in(db, start)
        if (start, to) in LEGAL:
            case = await support.transition(db, case_id=case.id, to=to, on=date(2019, 3, 1), reason="because")
            assert case.status is to
            history = await support.history(db, case_id=case.id)
            assert [h.to_status for h in history] == [S.offered, *PATHS[start], to]
            assert history[-1].from_status is start
        else:
            with pytest.raises(Conflict) as exc:
                await support.transition(db, case_id=case.id, to=to, on=date(2019, 3, 1), reason="because")
            assert exc.value.errors[0].field == "status" and exc.value.errors[0].message
            assert case.status is start


async def test_complete_without_start_names_the_reason(db, city):
    async with as_city(db, city.tenant):
        case = await _case_in(db, S.accepted)
        with pytest.raises(Conflict, match="cannot complete without having started"):
            await support.transition(db, case_id=case.id, to=S.completed, on=date(2019, 3, 1))


async def test_start_needs_consent_and_reasons_needed(db, city):
    async with as_city(db, city.tenant):
        person = await people.create_person(db, given_name="A", family_name="B")
        case = await support.offer(db, person_id=person.id, provider_type=ProviderType.housing, offered_on=date(2019, 1, 2))
        await support.transition(db, case_id=case.id, to=S.accepted, on=date(2019, 1, 3))
        with pytest.raises(Conflict, match="consent"):
            await support.transition(db, case_id=case.id, to=S.started, on=date(2019, 1, 4))
        await support.record_consent(db, person_id=person.id, action=ConsentAction.given, recorded_on=date(2019, 1, 4),
                                     scope="Housing referral", case_id=case.id)
        await support.transition(db, case_id=case.id, to=S.started, on=date(2019, 1, 5))
        with pytest.raises(ValidationFailed) as exc:
            await support.transition(db, case_id=case.id, to=S.dropped, on=date(2019, 1, 1))
        assert {e.field for e in exc.value.errors} == {"on", "reason"}
        await support.record_consent(db, person_id=person.id, action=ConsentAction.withdrawn, recorded_on=date(2019, 2, 1),
                                     scope="All sharing")
        assert not await support.has_consent(db, person_id=person.id, on=date(2019, 2, 1))
        assert await support.has_consent(db, person_id=person.id, on=date(2019, 1, 20))
        with pytest.raises(Conflict, match="no consent"):
            await support.record_consent(db, person_id=person.id, action=ConsentAction.withdrawn,
                                         recorded_on=date(2019, 2, 2), scope="again")


async def test_offer_context_must_match(db, city):
    async with as_city(db, city.tenant):
        person = await people.create_person(db, given_name="A", family_name="B")
        with pytest.raises(ValidationFailed) as exc:
            await support.offer(db, person_id=person.id, provider_type=ProviderType.education, offered_on=date(2019, 1, 2),
                                context=SupportContext.call_in)
        assert exc.value.errors[0].field == "call_in_id"
