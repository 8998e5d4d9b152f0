"""`gvi` commands: serve, migrate, db check, tenant create|list, demo load, user|client|idp|signing-keys, …"""

from __future__ import annotations

import os
import signal
import socket
import sys
import tempfile

import typer

from api.cli import figures as figures_command
from api.cli.runtime import echo_table, engine, fail, owner_url, run, urls
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
    url = owner_url()

    async def body() -> None:
        async with engine(url):  # one clear line when the server cannot be reached
            pass
        await migrations.upgrade(url)

    run(body, url_hint=url)
    typer.echo(f"migrated to {migrations.head_revision()}")


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
    port: int = typer.Option(8000, help="TCP port."),
    workers: int = typer.Option(1, min=1, help="Worker processes."),
) -> None:
    """Serve the web UI and the APIs."""
    import uvicorn

    from api.logging import config as logging_config

    # A second `./scripts/run` while one runs: say so before touching the database.
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server will
            probe.bind(address)
    except OSError as exc:
        raise fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}; is another `gvi serve` (./scripts/run) "
                   "already running? Stop it with Ctrl-C, or choose another --port (GVI_PORT for scripts/run)") from None
    # uvicorn re-raises SIGTERM after its graceful shutdown; under the default action the process would
    # die right there, before the exit handlers that stop an embedded PostgreSQL (which stayed running).
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))

    resolved = urls()
    # Workers are separate processes: hand them the resolved URLs (the embedded server stays with
    # this process and stops when it exits).
    if resolved.owner:
        os.environ["GVI_DATABASE_URL"] = resolved.owner
    os.environ["GVI_APP_DATABASE_URL"] = resolved.app

    async def ping() -> None:
        async with engine(resolved.app):
            pass

    run(ping, url_hint=resolved.app)
    if workers > 1 and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        # Each worker writes its metric samples here; /metrics (in any worker) adds them up.
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="gvi-metrics-")
    settings = get_settings()
    # Handed to uvicorn, which applies it in every worker process (a dictConfig here would not reach them).
    uvicorn.run("api.app:create_app", factory=True, host=host, port=port, workers=workers,
                log_config=logging_config(settings.log_level, settings.log_format), access_log=False, proxy_headers=True)


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
) -> None:
    """Register a city."""
    url = urls().app

    async def body():
        async with engine(url) as eng, transaction(session_factory(eng)) as session:
            return await service.create(session, slug=slug, name=name, kommunkod=kommunkod, police_area=police_area)

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
               [[t.slug, t.name, t.kommunkod, t.police_area, t.status.value, t.id] for t in tenants])


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
