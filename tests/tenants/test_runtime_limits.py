"""The runtime role's own limits (migration 0008) and the calendar guard in front of the driver (issue 9.1)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import text

from tenants.errors import ValidationFailed


async def test_runtime_role_has_a_statement_timeout_and_a_temp_file_limit(app_connection):
    assert (await app_connection.execute(text("show statement_timeout"))).scalar() == "30s"
    assert (await app_connection.execute(text("show temp_file_limit"))).scalar() == "256MB"


@pytest.mark.parametrize("value", [
    date.min, date.max, date(1, 1, 1), date(1899, 12, 31), date(2101, 1, 1),
    datetime.min, datetime.max.replace(tzinfo=UTC), datetime(1, 1, 1, tzinfo=UTC),
    "text with NUL \x00", "lone surrogate \ud800", ["fine", "NUL \x00"],
])
async def test_values_the_database_must_never_see_are_refused_before_the_driver(app_connection, value):
    # generate_series over -infinity once ran until the disk was full: never sent at all.
    with pytest.raises(ValidationFailed) as refused:
        await app_connection.execute(text("select :v"), {"v": value})
    assert refused.value.errors[0].code in ("out_of_range", "invalid_characters")
    assert (await app_connection.execute(text("select 1"))).scalar() == 1  # the connection is still usable


async def test_executemany_is_guarded_too(app_connection):
    await app_connection.execute(text("create temporary table days (d date)"))
    with pytest.raises(ValidationFailed):
        await app_connection.execute(text("insert into days values (:d)"), [{"d": date(2019, 1, 1)}, {"d": date.max}])


async def test_dates_within_the_calendar_pass(app_connection):
    edges = {"a": date(1900, 1, 1), "b": date(2100, 12, 31)}
    row = (await app_connection.execute(text("select cast(:a as date), cast(:b as date)"), edges)).one()
    assert row == (date(1900, 1, 1), date(2100, 12, 31))
