from datetime import date

import pytest

from domain.programme import service as programme
from domain.programme.models import ContextEventKind, FidelityElement, FidelityStatus, Phase
from tenants.errors import ValidationFailed
from tests.domain.conftest import as_city


async def test_settings_phases_fidelity_and_context(db, city):
    async with as_city(db, city.tenant):
        s = await programme.save_settings(db, name="Sluta skjut Test", started_on=date(2018, 4, 16), population=344166)
        again = await programme.save_settings(db, name="Sluta skjut Test", started_on=date(2018, 5, 1), population=350000)
        assert again.id == s.id and again.population == 350000
        with pytest.raises(ValidationFailed):
            await programme.save_settings(db, name="X", started_on=date(2018, 1, 1), population=0)
        await programme.set_phase(db, phase=Phase.partnership, started_on=date(2018, 1, 1), ended_on=date(2018, 4, 15))
        with pytest.raises(ValidationFailed, match="ended_on"):
            await programme.set_phase(db, phase=Phase.first_call_in, started_on=date(2018, 10, 1), ended_on=date(2018, 9, 1))
        await programme.record_fidelity(db, element=FidelityElement.call_ins, status=FidelityStatus.met,
                                        assessed_on=date(2019, 1, 1), evidence="Call-in held 2018-10-25",
                                        next_review_on=date(2019, 7, 1))
        await programme.record_fidelity(db, element=FidelityElement.call_ins, status=FidelityStatus.partly_met,
                                        assessed_on=date(2019, 8, 1), evidence="No call-in for 10 months",
                                        next_review_on=date(2020, 2, 1))
        with pytest.raises(ValidationFailed, match="evidence"):
            await programme.record_fidelity(db, element=FidelityElement.support, status=FidelityStatus.met,
                                            assessed_on=date(2019, 1, 1), evidence="")
        lines = {line.element: line for line in await programme.fidelity(db, on=date(2019, 9, 1))}
        assert lines[FidelityElement.call_ins].status is FidelityStatus.partly_met
        assert not lines[FidelityElement.call_ins].overdue and lines[FidelityElement.sanctions].overdue
        assert (await programme.fidelity(db, on=date(2020, 3, 1)))[2].overdue  # review date passed
        await programme.add_context_event(db, kind=ContextEventKind.pandemic, title="Covid-19", started_on=date(2020, 3, 18),
                                          ended_on=date(2022, 2, 9), national=True)
        assert [e.title for e in await programme.context_events(db, start=date(2021, 1, 1), end=date(2021, 12, 31))] == ["Covid-19"]
        assert await programme.context_events(db, start=date(2023, 1, 1)) == []
