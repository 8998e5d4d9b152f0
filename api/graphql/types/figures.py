"""City figures per month, quarter or year (``domain.figures``): one row per period, one field per measure."""

from __future__ import annotations

import enum
from datetime import date

import strawberry

from domain.figures.service import MEASURES, FiguresRow


@strawberry.enum(description="Calendar periods in Swedish time.")
class FiguresPeriod(enum.Enum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


def _row_type() -> type:
    # One plain Int field per measure, named as the CSV columns in camelCase (shootings_with_injury →
    # shootingsWithInjury): the type follows the figures service when it gains a measure.
    namespace = {
        "__annotations__": {"period": str, "starts_on": date, **dict.fromkeys(MEASURES, int)},
        "__doc__": "The city's figures for one period.",
        "period": strawberry.field(description="The period's label: 2019, 2019-Q4 or 2019-11."),
        "starts_on": strawberry.field(description="The first day of the period."),
    }
    return strawberry.type(type("CityFiguresRow", (), namespace), description=(
        "The city's figures for one period. shootings*/killed/injured count confirmed shootings; explosions count every "
        "reported one; customNotifications count delivered ones; enforcement* count actions by type; support* count "
        "cases reaching that status; peopleReached counts distinct people reached."))


CityFiguresRow = _row_type()


def to_rows(rows: list[FiguresRow]) -> list:
    return [CityFiguresRow(period=r.label, starts_on=r.period, **r.values) for r in rows]
