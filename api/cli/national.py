"""`gvi national …`: sharing agreements, refresh, releases and their downloads.

Connections (each job its own role, never the runtime role; see the README's national section):

  GVI_NATIONAL_WRITER_DATABASE_URL     refresh (role GVI_NATIONAL_WRITER_ROLE, default gvi_national_writer)
  GVI_NATIONAL_PUBLISHER_DATABASE_URL  releases, publication (GVI_NATIONAL_PUBLISHER_ROLE, gvi_national_publisher)
  GVI_NATIONAL_DATABASE_URL            national users' reads (GVI_NATIONAL_ROLE, gvi_national)

Each defaults to the owner's server (GVI_DATABASE_URL) with that role's user and the password in
GVI_NATIONAL_WRITER_DATABASE_PASSWORD / GVI_NATIONAL_PUBLISHER_DATABASE_PASSWORD / GVI_NATIONAL_DATABASE_PASSWORD.
A scheduler (e.g. a Kubernetes CronJob) runs `gvi national refresh --incremental` with only the writer's URL.
"""

from __future__ import annotations

import getpass
from datetime import date

import typer

from api.cli.runtime import echo_table, engine, run, urls
from domain.national import agreements
from domain.national.measures import NATIONAL_MEASURES
from domain.national.refresh import refresh as run_refresh
from tenants import service as tenant_service
from tenants.context import tenant_context
from tenants.database import resolve_national_urls, session_factory, transaction
from tenants.errors import NotFound, ValidationFailed
from tenants.settings import get_settings

national_app = typer.Typer(no_args_is_help=True, help=__doc__)
sharing_app = typer.Typer(no_args_is_help=True, help="A city's national sharing agreement (recorded by its coordinator).")
national_app.add_typer(sharing_app, name="sharing")


def _operator() -> str:
    return f"cli:{getpass.getuser()}"


@national_app.command("refresh")
def refresh(
    incremental: bool = typer.Option(False, "--incremental", help="Only the last months (for a scheduler)."),
    months_back: int = typer.Option(3, "--months-back", min=1, help="With --incremental: how many months back."),
    city: list[str] = typer.Option(None, "--city", help="Only these cities (slugs); default: every city."),
) -> None:
    """Write per-city, per-month measures of every sharing city into the national schema (as the writer role)."""
    settings = get_settings()
    url = resolve_national_urls(settings, None if settings.national_writer_database_url else urls()).writer

    async def body():
        async with engine(url) as eng:
            return await run_refresh(session_factory(eng), incremental=incremental, months_back=months_back,
                                     actor=_operator(), only=city or None)

    result = run(body, url_hint=url)
    for slug, reason in sorted(result.cities_skipped.items()):
        typer.echo(f"skipped {slug}: {reason}")
    typer.echo(f"refresh run {result.run_id} ({result.mode}): {len(result.cities_shared)} cities shared, "
               f"{result.rows_written} month rows written")


def _day(value: str, option: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValidationFailed.single(option, "not_a_date", f"{value!r} is not a date (YYYY-MM-DD)") from None


async def _in_city(slug: str, body):
    url = urls().app
    async with engine(url) as eng:
        sessions = session_factory(eng)
        async with transaction(sessions) as s:
            tenant = await tenant_service.get_by_slug(s, slug)
        if tenant is None:
            raise NotFound.single("tenant", "unknown_tenant", f"no city named {slug!r}")
        with tenant_context(tenant.id):
            async with transaction(sessions) as s:
                return await body(s)


async def _audited(s, row, change: str) -> None:
    import domain.metadata  # noqa: F401  (every table, so the audit model's references resolve)
    from api.cli.lifecycle import operator
    from domain.audit import service as audit

    await audit.written(s, principal=operator(), object_type="national_sharing_agreement", object_id=row.id,
                        request_id=None, purpose="national statistics",
                        details={"change": change, "reference": row.reference, "measures": list(row.measures)})


@sharing_app.command("record")
def sharing_record(
    tenant: str = typer.Option(..., "--tenant", help="The city's slug."),
    reference: str = typer.Option(..., help="The agreement's reference (diarienummer)."),
    signatory: str = typer.Option(..., help="Who signed for the city."),
    signed_on: str = typer.Option(..., "--signed-on", help="YYYY-MM-DD."),
    measure: list[str] = typer.Option(None, "--measure", help=f"A measure covered (repeat); default all: {', '.join(NATIONAL_MEASURES)}"),
) -> None:
    """Record the city's national sharing agreement (replaces the previous one; audited)."""

    async def body(s):
        row = await agreements.record(s, reference=reference, signatory=signatory, signed_on=_day(signed_on, "signedOn"),
                                      measures=measure or None, recorded_by=_operator())
        await _audited(s, row, "recorded")
        return row

    row = run(lambda: _in_city(tenant, body))
    typer.echo(f"agreement {row.reference} in force for {tenant}: {len(row.measures)} measures")


@sharing_app.command("pause")
def sharing_pause(tenant: str = typer.Option(..., "--tenant", help="The city's slug.")) -> None:
    """Pause the city's agreement: new months are no longer shared (audited)."""

    async def body(s):
        row = await agreements.pause(s, paused_by=_operator())
        await _audited(s, row, "paused")
        return row

    row = run(lambda: _in_city(tenant, body))
    typer.echo(f"agreement {row.reference} paused for {tenant}")


@sharing_app.command("show")
def sharing_show(tenant: str = typer.Option(..., "--tenant", help="The city's slug.")) -> None:
    """The city's agreements, newest first."""

    async def body(s):
        return await agreements.history(s)

    rows = run(lambda: _in_city(tenant, body))
    echo_table(["reference", "signatory", "signed_on", "measures", "recorded_by", "paused_at"],
               [[r.reference, r.signatory, r.signed_on, len(r.measures), r.recorded_by, r.paused_at or "-"] for r in rows])
