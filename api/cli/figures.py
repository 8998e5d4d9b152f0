"""`gvi figures`: a city's figures per month, quarter or year, as a table, CSV or JSON."""

from __future__ import annotations

import csv
import json
import sys
from datetime import date, datetime
from enum import Enum

import typer

from api.cli.runtime import echo_table, engine, run, urls
from domain.figures.service import MEASURES, city_figures
from tenants import service as tenant_service
from tenants.context import tenant_context
from tenants.database import session_factory, transaction


class PeriodOption(str, Enum):
    month = "month"
    quarter = "quarter"
    year = "year"


class FormatOption(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        typer.echo(f"error: {option}: {value!r} is not a date (YYYY-MM-DD)", err=True)
        raise typer.Exit(2) from None


def figures(
    tenant: str = typer.Option(..., "--tenant", help="The city's slug, e.g. malmo."),
    period: PeriodOption = typer.Option(PeriodOption.year, help="month, quarter or year."),
    from_: str | None = typer.Option(None, "--from", help="First day (YYYY-MM-DD); default: the earliest record."),
    to: str | None = typer.Option(None, "--to", help="Last day, inclusive (YYYY-MM-DD); default: today."),
    format: FormatOption = typer.Option(FormatOption.table, "--format", help="table, csv or json."),
) -> None:
    """Print a city's figures: shootings, killed, injured, explosions, call-ins, notifications, …"""
    start, end = _day(from_, "--from"), _day(to, "--to")
    url = urls().app

    async def body():
        async with engine(url) as eng:
            sessions = session_factory(eng)
            async with transaction(sessions) as session:
                city = await tenant_service.require_by_slug(session, tenant)
            with tenant_context(city.id):
                async with transaction(sessions) as session:
                    return await city_figures(session, period=period.value, start=start, end=end)

    rows = run(body, url_hint=url)
    if format is FormatOption.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["period", *MEASURES])
        for r in rows:
            writer.writerow([r.label, *(r.values[m] for m in MEASURES)])
    elif format is FormatOption.json:
        typer.echo(json.dumps({"tenant": tenant, "period": period.value, "generated_at": datetime.now().isoformat(timespec="seconds"),
                               "rows": [{"period": r.label, **r.values} for r in rows]}, indent=2))
    else:
        # measures down, periods across: reads like the source's yearly table
        echo_table(["measure", *(r.label for r in rows)], [[m, *(r.values[m] for r in rows)] for m in MEASURES])
