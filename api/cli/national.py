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


# --- releases (as the publisher role) -----------------------------------------------------------------

release_app = typer.Typer(no_args_is_help=True, help="National releases: create, list, export, publish, verify.")
national_app.add_typer(release_app, name="release")


def _publisher_url() -> str:
    settings = get_settings()
    return resolve_national_urls(settings, None if settings.national_publisher_database_url else urls()).publisher


async def _as_publisher(body):
    url = _publisher_url()
    async with engine(url) as eng:
        return await body(session_factory(eng))


@release_app.command("create")
def release_create(
    k: int = typer.Option(5, "--k", help="Person counts 0 < n < k are suppressed."),
    protection: int | None = typer.Option(None, "--protection", help="Minimum width of a suppressed cell's interval (default k)."),
    from_: str | None = typer.Option(None, "--from", help="First month (YYYY-MM); default: the first with data."),
    to: str | None = typer.Option(None, "--to", help="Last month (YYYY-MM); default: the last complete month."),
    method: str = typer.Option("suppression", "--method", help="suppression (with an interval audit) or cell_key "
                                                                  "(cell-key perturbation)."),
    d: int | None = typer.Option(None, "--d", help="cell_key: the largest perturbation D (default k)."),
    v: float | None = typer.Option(None, "--v", help="cell_key: the perturbation's variance V (default 2)."),
) -> None:
    """Create a release now (queued and worked off at once); its id is printed on the last line."""
    from domain.national import releases

    params = releases.ReleaseParameters(k=k, protection=protection, period_from=from_, period_to=to, method=method,
                                        d=d, v=v)

    async def body(sessions):
        async with transaction(sessions) as s:
            job = await releases.request(s, params, requested_by=_operator())
        return (await releases.work(sessions, job_id=job.id))[0]

    job = run(lambda: _as_publisher(body), url_hint=_publisher_url())
    if job.status != "done":
        typer.echo(f"error: release refused: {job.error}", err=True)
        raise typer.Exit(1)
    typer.echo(job.release_id)


@release_app.command("work")
def release_work() -> None:
    """Create every queued release (what the web app's background task does; safe to run anywhere)."""
    from domain.national import releases

    jobs = run(lambda: _as_publisher(lambda sessions: releases.work(sessions)), url_hint=_publisher_url())
    for job in jobs:
        typer.echo(f"job {job.id}: {job.status} {job.release_id or job.error or ''}")


@release_app.command("jobs")
def release_jobs() -> None:
    """The latest release jobs; a job whose worker was killed is marked failed here (retry it)."""
    from domain.national import releases

    async def body(sessions):
        async with transaction(sessions) as s:
            return await releases.jobs(s)

    items = run(lambda: _as_publisher(body), url_hint=_publisher_url())
    echo_table(["id", "requested_at", "by", "status", "release", "error"],
               [[j.id, j.requested_at.isoformat(timespec="seconds"), j.requested_by, j.status, j.release_id or "",
                 j.error or ""] for j in items])


@release_app.command("retry")
def release_retry(job_id: str = typer.Argument(..., help="The failed job's id.")) -> None:
    """Queue a failed job again and work it off; the new release's id is printed on the last line."""
    import uuid

    from domain.national import releases

    try:
        parsed = uuid.UUID(job_id)
    except ValueError:
        raise ValidationFailed.single("id", "not_a_uuid", f"{job_id!r} is not a job id") from None

    async def body(sessions):
        async with transaction(sessions) as s:
            await releases.retry(s, parsed, by=_operator())
        return (await releases.work(sessions, job_id=parsed))[0]

    job = run(lambda: _as_publisher(body), url_hint=_publisher_url())
    if job.status != "done":
        typer.echo(f"error: release refused: {job.error}", err=True)
        raise typer.Exit(1)
    typer.echo(job.release_id)


@release_app.command("list")
def release_list() -> None:
    """Every release, newest first, with its publication state."""
    from domain.national import releases

    async def body(sessions):
        async with transaction(sessions) as s:
            return await releases.listing(s), await releases.publication_state(s)

    items, state = run(lambda: _as_publisher(body), url_hint=_publisher_url())
    echo_table(["id", "created_at", "by", "watermark", "from", "to", "k", "rows", "published", "hash"],
               [[r.id, r.created_at.isoformat(timespec="seconds"), r.created_by, r.watermark, r.parameters["from"],
                 r.parameters["to"], r.parameters["k"], r.rows,
                 "yes" if state.get(r.id) and state[r.id].action == "published" else "no", r.content_hash[:12]]
                for r in items])


@release_app.command("export")
def release_export(
    release_id: int = typer.Argument(..., help="The release id."),
    format: str = typer.Option("csv", "--format", help="csv, xlsx or json."),
    out: str | None = typer.Option(None, "--out", help="Write to this file (default: standard output; xlsx needs --out)."),
) -> None:
    """A release's tables with their data dictionary."""
    import sys

    from domain.national import export, releases

    if format not in export.FORMATS:
        raise ValidationFailed.single("format", "unknown", "must be csv, xlsx or json")
    if format == "xlsx" and not out:
        raise ValidationFailed.single("out", "required", "xlsx is binary: name a file with --out")

    async def body(sessions):
        async with transaction(sessions) as s:
            release = await releases.get(s, release_id)
            data = export.render(release, await releases.rows(s, release_id), format)
            from domain.national.models import NationalAuditEntry

            s.add(NationalAuditEntry(actor_kind="cli", actor=_operator(), action="release.export",
                                     object=f"release:{release_id}", details={"format": format}))
            return data

    data = run(lambda: _as_publisher(body), url_hint=_publisher_url())
    if out:
        with open(out, "wb") as f:
            f.write(data)
        typer.echo(f"wrote {out}")
    else:
        sys.stdout.buffer.write(data)


def _publication(release_id: int, withdraw: bool) -> None:
    from domain.national import releases

    async def body(sessions):
        async with transaction(sessions) as s:
            return await releases.publish(s, release_id, by=_operator(), withdraw=withdraw)

    entry = run(lambda: _as_publisher(body), url_hint=_publisher_url())
    typer.echo(f"release {release_id} {entry.action}")


@release_app.command("publish")
def release_publish(release_id: int = typer.Argument(..., help="The release id.")) -> None:
    """Make a release public (its tables, and nothing else, at /public/releases/ID)."""
    _publication(release_id, False)


@release_app.command("withdraw")
def release_withdraw(release_id: int = typer.Argument(..., help="The release id.")) -> None:
    """Take a release off the public pages (the release itself stays, immutable)."""
    _publication(release_id, True)


@release_app.command("verify")
def release_verify(release_id: int = typer.Argument(..., help="The release id.")) -> None:
    """Recompute a release from its parameters and watermark; exit 1 if the hash differs."""
    from domain.national import releases

    async def body(sessions):
        async with transaction(sessions) as s:
            release = await releases.get(s, release_id)
            return release.content_hash, await releases.recompute(s, release_id)

    stored, again = run(lambda: _as_publisher(body), url_hint=_publisher_url())
    typer.echo(f"stored   {stored}\nrecomputed {again}")
    if stored != again:
        raise typer.Exit(1)
