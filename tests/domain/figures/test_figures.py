from datetime import UTC, date, datetime

import pytest

from domain.figures.service import MEASURES, city_figures, period_label
from domain.incidents import service as incidents
from domain.incidents.models import IncidentType
from tenants.errors import ValidationFailed
from tests.domain.conftest import as_city


def test_period_labels():
    assert period_label(date(2019, 10, 1), "quarter") == "2019-Q4"
    assert period_label(date(2019, 11, 1), "month") == "2019-11"
    assert period_label(date(2019, 1, 1), "year") == "2019"


async def test_counts_and_stockholm_bucketing(db, city, other_city):
    async with as_city(db, city.tenant):
        def add(at, type=IncidentType.shooting, confirmed=True, killed=0, injured=0):
            return incidents.create_incident(db, type=type, occurred_at=at, confirmed=confirmed, killed=killed, injured=injured)

        await add(datetime(2019, 12, 31, 23, 30, tzinfo=UTC))  # 00:30 on 1 January in Stockholm: 2020
        await add(datetime(2019, 12, 31, 22, 30, tzinfo=UTC), killed=1, injured=2)  # 23:30 in Stockholm: 2019
        await add(datetime(2019, 6, 1, 12, tzinfo=UTC), confirmed=False)  # unconfirmed: not counted
        await add(datetime(2019, 6, 1, 12, tzinfo=UTC), type=IncidentType.explosion_prepared)
        await add(datetime(2019, 3, 1, 12, tzinfo=UTC), type=IncidentType.explosion_completed)
    async with as_city(db, other_city.tenant):  # another city's incidents never count
        await incidents.create_incident(db, type=IncidentType.shooting, occurred_at=datetime(2019, 5, 1, tzinfo=UTC),
                                        confirmed=True, killed=5, injured=5)
    async with as_city(db, city.tenant):
        rows = await city_figures(db, period="year", start=date(2019, 1, 1), end=date(2020, 12, 31))
        assert [r.label for r in rows] == ["2019", "2020"]
        y2019, y2020 = rows[0].values, rows[1].values
        assert (y2019["shootings_with_injury"], y2019["shootings_without_injury"], y2019["killed"], y2019["injured"],
                y2019["explosions"]) == (1, 0, 1, 2, 2)
        assert (y2020["shootings_with_injury"], y2020["shootings_without_injury"]) == (0, 1)
        assert set(y2019) == set(MEASURES)
        quarters = await city_figures(db, period="quarter", start=date(2019, 1, 1), end=date(2019, 12, 31))
        assert [r.label for r in quarters] == ["2019-Q1", "2019-Q2", "2019-Q3", "2019-Q4"]
        assert [r.values["explosions"] for r in quarters] == [1, 1, 0, 0]
        months = await city_figures(db, period="month", start=date(2019, 12, 1), end=date(2020, 1, 31))
        assert [(r.label, r.values["shootings_without_injury"]) for r in months] == [("2019-12", 0), ("2020-01", 1)]
        # an end date cuts inside a period: 31 December 2019 in Stockholm excluded
        cut = await city_figures(db, period="year", start=date(2019, 1, 1), end=date(2019, 12, 30))
        assert cut[0].values["killed"] == 0
        with pytest.raises(ValidationFailed):
            await city_figures(db, period="week", start=date(2019, 1, 1), end=date(2019, 2, 1))


@pytest.mark.parametrize(("period", "start", "end", "field", "code"), [
    ("year", date(1, 1, 1), date(2017, 1, 1), "from", "out_of_range"),  # once a series over -infinity: never ended
    ("year", date(2017, 1, 1), date(9999, 12, 31), "to", "out_of_range"),
    ("year", date(2017, 1, 1), date(2090, 1, 1), "to", "too_late"),
    ("month", date(1950, 1, 1), date(2019, 12, 31), "from", "too_many_periods"),
    ("year", date(2019, 1, 2), date(2019, 1, 1), "to", "before_from"),
])
async def test_figures_ranges_are_bounded(db, city, period, start, end, field, code):
    """Issue 9.1: the service refuses what GraphQL and the CLI would pass on (the CLI has no scalar)."""
    async with as_city(db, city.tenant):
        with pytest.raises(ValidationFailed) as refused:
            await city_figures(db, period=period, start=start, end=end)
    assert (refused.value.errors[0].field, refused.value.errors[0].code) == (field, code)


async def test_figures_over_the_widest_allowed_range(db, city):
    async with as_city(db, city.tenant):
        rows = await city_figures(db, period="year", start=date(1900, 1, 1), end=date(2019, 12, 31))
        months = await city_figures(db, period="month", start=date(1990, 1, 1), end=date(2019, 12, 31))
    assert len(rows) == 120 and len(months) == 360
