"""`gvi` commands: serve, migrate, db check, tenant create|list, demo load, user|client|idp|signing-keys, …"""

from __future__ import annotations

import typer

from api.cli import figures as figures_command
from api.cli import serve as serve_command
from api.cli.runtime import echo_table, engine, owner_url, run, urls
from tenants import migrate as migrations
from tenants import posture, service
from tenants.database import session_factory, transaction
from tenants.settings import get_settings

app = typer.Typer(no_args_is_help=True, add_completion=False, help="GVI platform (Sluta skjut) operations.")
tenant_app = typer.Typer(no_args_is_help=True, help="Register and list city tenants.")
db_app = typer.Typer(no_args_is_help=True, help="Database checks.")
demo_app = typer.Typer(no_args_is_help=True, help="Demo cities with synthetic data.")
app.add_typer(tenant_app, name="tenant")
app.add_typer(db_app, name="db")
app.add_typer(demo_app, name="demo")
from api.cli import identity as _identity  # noqa: E402  (issue 4: accounts, API clients, identity providers)

app.add_typer(_identity.user_app, name="user")
app.add_typer(_identity.client_app, name="client")
app.add_typer(_identity.idp_app, name="idp")
app.add_typer(_identity.keys_app, name="signing-keys")
app.command("figures")(figures_command.figures)
from api.cli import national as _national  # noqa: E402  (issue 11: national statistics)

app.add_typer(_national.national_app, name="national")


@app.command()
def migrate() -> None:
    """Create missing roles and bring the schema to the latest migration (as the owner)."""
    url = owner_url(create_cluster=True)  # the one command that may create the embedded cluster

    async def body() -> None:
        async with engine(url):  # one clear line when the server cannot be reached
            pass
        await migrations.upgrade(url)

    run(body, url_hint=url)
    typer.echo(f"migrated to {migrations.head_revision()}")


app.command()(serve_command.serve)


@db_app.command("check")
def db_check() -> None:
    """Print the security posture; exit 1 if anything is unsafe."""
    settings = get_settings()
    resolved = urls()
    url = resolved.owner or resolved.app

    async def body() -> posture.Posture:
        async with engine(url) as eng, eng.connect() as conn:
            return await posture.inspect(conn, settings.app_role, settings.national_role,
                                         settings.national_writer_role, settings.national_publisher_role)

    report = run(body, url_hint=url)
    echo_table(
        ["table", "tenant", "rls", "forced", "policies", f"{settings.app_role}", f"{settings.national_role}",
         "writer", "publisher", "problems"],
        [
            [f"{t.schema}.{t.name}", "yes" if t.tenant_table else "no", "yes" if t.rls_enabled else "no",
             "yes" if t.rls_forced else "no", len(t.policies), ",".join(p[:3].lower() for p in t.app_privileges) or "-",
             ",".join(p[:3].lower() for p in t.national_privileges) or "-",
             ",".join(p[:3].lower() for p in t.writer_privileges) or "-",
             ",".join(p[:3].lower() for p in t.publisher_privileges) or "-", "; ".join(t.problems) or "ok"]
            for t in report.tables
        ],
    )
    typer.echo("")
    echo_table(
        ["role", "exists", "superuser", "bypassrls", "createrole", "owns", "problems"],
        [[r.name, r.exists, r.superuser, r.bypassrls, r.createrole, r.owned_objects, "; ".join(r.problems) or "ok"]
         for r in report.roles],
    )
    typer.echo("")
    if report.safe:
        typer.echo("posture: safe")
        return
    typer.echo("posture: UNSAFE", err=True)
    for p in report.problems:
        typer.echo(f"  {p}", err=True)
    raise typer.Exit(1)


@tenant_app.command("create")
def tenant_create(
    slug: str = typer.Option(..., help="Short lower-case name used in URLs, e.g. malmo."),
    name: str = typer.Option(..., help="Display name, e.g. Malmö."),
    kommunkod: str = typer.Option(..., help="Four-digit municipality code, e.g. 1280."),
    police_area: str | None = typer.Option(None, help="Police area (polisområde)."),
    confirm_name: bool = typer.Option(False, "--confirm-name",
                                      help="Register NAME even though it does not name the municipality of KOMMUNKOD."),
) -> None:
    """Register a city (one per municipality)."""
    url = urls().app

    async def body():
        async with engine(url) as eng, transaction(session_factory(eng)) as session:
            return await service.create(session, slug=slug, name=name, kommunkod=kommunkod, police_area=police_area,
                                        confirm_name=confirm_name)

    tenant = run(body, url_hint=url)
    typer.echo(f"created tenant {tenant.slug} ({tenant.name}, kommunkod {tenant.kommunkod}) id={tenant.id}")


@tenant_app.command("list")
def tenant_list() -> None:
    """List the registered cities."""
    url = urls().app

    async def body():
        async with engine(url) as eng, transaction(session_factory(eng)) as session:
            return await service.list_all(session)

    tenants = run(body, url_hint=url)
    echo_table(["slug", "name", "kommunkod", "police area", "status", "id"],
               [[t.slug, t.name, t.kommunkod, t.police_area,
                 f"{t.status.value} ({t.suspension_reason})" if t.suspension_reason else t.status.value, t.id]
                for t in tenants])


async def _change_status(slug: str, change, command: str, reason: str | None):
    """Suspend or resume a city and leave an entry in its audit log, in one transaction."""
    from api.cli.lifecycle import operator
    from domain.audit import service as audit
    from domain.audit.models import AuditAction
    from domain.lifecycle.registry import load_plugins
    from tenants.context import tenant_context

    load_plugins()  # every model, so the audit entry's references resolve
    url = urls().app
    async with engine(url) as eng:
        sessions = session_factory(eng)
        async with transaction(sessions) as session:
            tenant = await service.require_by_slug(session, slug)
        with tenant_context(tenant.id):
            async with transaction(sessions) as session:
                tenant = await change(session)
                await audit.record(session, actor=operator(), action=AuditAction.write, object_type="tenant",
                                   object_id=tenant.id, details={"command": command, "status": tenant.status.value,
                                                                 "reason": reason})
                return tenant


@tenant_app.command("suspend")
def tenant_suspend(
    slug: str = typer.Argument(..., help="The city's slug."),
    reason: str = typer.Option(..., help="Why (shown to the city's users and API clients), e.g. 'agreement lapsed'."),
) -> None:
    """Close a city's access (users, sessions, API clients; national sharing pauses); its data stays."""
    tenant = run(lambda: _change_status(slug, lambda s: service.suspend(s, slug, reason=reason),
                                        "gvi tenant suspend", reason))
    typer.echo(f"suspended tenant {tenant.slug} at {tenant.suspended_at:%Y-%m-%d %H:%M} UTC: {tenant.suspension_reason}")


@tenant_app.command("resume")
def tenant_resume(slug: str = typer.Argument(..., help="The city's slug.")) -> None:
    """Open a suspended city's access again."""
    tenant = run(lambda: _change_status(slug, lambda s: service.resume(s, slug), "gvi tenant resume", None))
    typer.echo(f"resumed tenant {tenant.slug}")


@demo_app.command("load")
def demo_load(
    national: bool = typer.Option(False, "--national", help="Also a synthetic city for every municipality (aggregates "
                                                            "only, a known programme effect), then refresh and publish "
                                                            "a national release if there is none."),
    cities: int = typer.Option(290, "--cities", min=1, max=290, help="With --national: how many municipalities."),
    months: int = typer.Option(120, "--months", min=24, max=240, help="With --national: months of history from 2016-01."),
) -> None:
    """Create the demo cities (idempotent: running it twice adds nothing)."""
    from api.cli.lifecycle import operator
    from domain.demo import load

    url = urls().app

    async def body():
        async with engine(url) as eng:
            lines = await load(session_factory(eng), actor=operator(), details={"command": "gvi demo load"})
            if national:
                from domain.demo.national import load_national

                lines += await load_national(session_factory(eng), cities=cities, months=months, actor=operator())
        if national:
            lines += await _national_demo_release()
        return lines

    for line in run(body, url_hint=url):
        typer.echo(line)


async def _national_demo_release() -> list[str]:
    """Refresh (as the writer) and create and publish a first release (as the publisher) when none exists."""
    from domain.national import refresh, releases
    from tenants.database import resolve_national_urls

    national = resolve_national_urls(get_settings(), urls())
    async with engine(national.publisher) as eng:
        async with transaction(session_factory(eng)) as s:
            if await releases.listing(s):
                return ["national demo: a release exists already"]
    async with engine(national.writer) as eng:
        done = await refresh.refresh(session_factory(eng), actor="demo load --national")
    async with engine(national.publisher) as eng:
        sessions = session_factory(eng)
        release = await releases.create(sessions, releases.ReleaseParameters(k=5), created_by="demo load --national")
        async with transaction(sessions) as s:
            await releases.publish(s, release.id, by="demo load --national")
    return [f"national demo: refresh run {done.run_id} ({len(done.cities_shared)} cities), release {release.id} published"]


from api.cli.schema import schema_app  # noqa: E402

app.add_typer(schema_app, name="schema")

from api.cli import lifecycle  # noqa: E402  (audit, keys, retention, export, tenant offboard)

lifecycle.install(app, tenant_app)
