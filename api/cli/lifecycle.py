"""`gvi audit|keys|retention|export` and `gvi tenant offboard`: the data-protection operations.

Commands that span tenants loop over them and enter each tenant's context (RLS is forced, even
for the owner). Audit checks read as the owner when its URL is set, else as the runtime role.
"""

from __future__ import annotations

import getpass
import json
import uuid
from pathlib import Path

import typer

from api.cli.runtime import echo_table, engine, fail, owner_url, run, urls
from tenants.database import session_factory, transaction

audit_app = typer.Typer(no_args_is_help=True, help="Verify and checkpoint the tamper-evident audit log.")
keys_app = typer.Typer(no_args_is_help=True, help="Rotate the master key and the cities' keys.")
retention_app = typer.Typer(no_args_is_help=True, help="Apply the cities' retention policies.")
export_app = typer.Typer(no_args_is_help=True, help="Subject access exports (registerutdrag).")


def install(app: typer.Typer, tenant_app: typer.Typer) -> None:
    app.add_typer(audit_app, name="audit")
    app.add_typer(keys_app, name="keys")
    app.add_typer(retention_app, name="retention")
    app.add_typer(export_app, name="export")
    tenant_app.command("offboard")(tenant_offboard)


def operator():
    """The person at the keyboard, named by their OS account; one audit entry per read or write of person data."""
    from domain.audit.service import Actor

    return Actor.cli(getpass.getuser())


def _plugins() -> None:
    from domain.lifecycle.registry import load_plugins

    load_plugins()


def _audit_url() -> str:
    u = urls()
    return u.owner or u.app


@audit_app.command("verify")
def audit_verify(
    tenant: str | None = typer.Option(None, help="Only this tenant (slug)."),
    checkpoint: Path | None = typer.Option(None, help="Also compare with a checkpoint saved by `gvi audit checkpoint`."),
) -> None:
    """Recompute every tenant's hash chain; exit 1 naming the first broken entry."""
    from domain.audit import verify

    url = _audit_url()
    saved = json.loads(checkpoint.read_text()) if checkpoint else None

    async def body():
        async with engine(url) as eng:
            sessions = session_factory(eng)
            reports = await verify.verify(sessions, slug=tenant)
            cut = await verify.compare_checkpoint(sessions, saved, tenant) if saved else []
            return reports, cut

    reports, cut = run(body, url_hint=url)
    echo_table(["tenant", "entries", "head", "status"],
               [[r.slug, r.entries, f"{r.head_seq}:{r.head_hash[:12]}", "ok" if r.broken is None else "BROKEN"]
                for r in reports])
    broken = [(r.slug, r.broken) for r in reports if r.broken] + cut
    if not broken:
        typer.echo("audit chains: intact")
        return
    for slug, b in broken:
        typer.echo(f"audit chain of tenant {slug} broken at sequence {b.seq}: {b.reason}", err=True)
    raise typer.Exit(1)


@audit_app.command("checkpoint")
def audit_checkpoint(
    tenant: str | None = typer.Option(None, help="Only this tenant (slug)."),
    output: Path | None = typer.Option(None, help="Write the JSON here (default: standard output)."),
) -> None:
    """Print the chain heads (tenant, last sequence, hash, time) as JSON, to keep outside the database."""
    from domain.audit import verify

    url = _audit_url()

    async def body():
        async with engine(url) as eng:
            return await verify.checkpoint(session_factory(eng), slug=tenant)

    text = json.dumps(run(body, url_hint=url), indent=2)
    if output:
        output.write_text(text + "\n")
        typer.echo(f"checkpoint written to {output}")
    else:
        typer.echo(text)


@keys_app.command("rotate-master")
def keys_rotate_master() -> None:
    """Rewrap every city key under a new master key.

    With a key file: a new key is generated and put first in the file (the old one kept after it),
    every tenant key is rewrapped, then the old key is dropped from the file. With GVI_MASTER_KEY:
    put the new key first ("NEW,OLD"), run this, then remove OLD.
    """
    from tenants.crypto import master, rotation
    from tenants.settings import get_settings

    url = urls().app
    settings = get_settings()
    path = None if settings.master_key else master.key_file()
    if path is not None:
        old = master.parse_secrets(path.read_text()) if path.exists() else []
        if not old:
            raise fail("no master key file to rotate")
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        new = AESGCM.generate_key(bit_length=256)
        master.write_key_file(path, [new, *old])  # the old key stays until every tenant key is rewrapped
        master.reset_keyring()
    current = master.keyring().current.key_id

    async def body():
        async with engine(url) as eng:
            sessions = session_factory(eng)
            done = await rotation.rewrap_tenant_keys(sessions)
            return done, await rotation.keys_not_under(sessions, current)

    done, left = run(body, url_hint=url)
    for slug, n in done.items():
        typer.echo(f"{slug}: {n} keys rewrapped")
    if left:
        raise fail(f"{left} tenant keys are still wrapped by another master key; keep the old key and run again", 1)
    if path is not None:
        master.write_key_file(path, [new])
        master.reset_keyring()
        typer.echo(f"master key rotated: now {current}; the previous key was removed from {path}")
    else:
        typer.echo(f"every tenant key is wrapped by {current}; remove the previous key from GVI_MASTER_KEY")


@keys_app.command("rotate-tenant")
def keys_rotate_tenant(
    tenant: str = typer.Option(..., help="The tenant (slug)."),
    batch_size: int = typer.Option(500, min=1, help="Rows per transaction."),
    settle: float = typer.Option(0.0, min=0, help="Seconds to wait for running servers to pick up the new keys."),
) -> None:
    """New data and index keys for one city; re-encrypt and re-index its fields in batches; retire the old keys."""
    from domain.audit import service as audit
    from domain.audit.models import AuditAction
    from tenants import service
    from tenants.context import tenant_context
    from tenants.crypto import rotation

    _plugins()
    url = urls().app

    async def body():
        async with engine(url) as eng:
            sessions = session_factory(eng)
            async with transaction(sessions) as s:
                t = await service.require_by_slug(s, tenant)
            result = await rotation.rotate_tenant(sessions, tenant_id=t.id, batch_size=batch_size, settle_seconds=settle)
            with tenant_context(t.id):  # re-encrypting the city's person data is a write of it
                await audit.record_separately(
                    sessions, actor=operator(), action=AuditAction.write, object_type="encrypted_fields",
                    purpose="key rotation", details={"command": "gvi keys rotate-tenant", "rows": result.rows,
                                                     "data_key": result.data_version, "index_key": result.index_version})
            return result

    result = run(body, url_hint=url)
    for table, n in result.rows.items():
        typer.echo(f"{table}: {n} rows re-encrypted")
    typer.echo(f"tenant {tenant}: data key v{result.data_version}, index key v{result.index_version}; "
               f"{result.retired} old keys retired")


@retention_app.command("run")
def retention_run(
    tenant: str | None = typer.Option(None, help="Only this tenant (slug)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="List what would be erased; change nothing."),
) -> None:
    """Erase what the cities' retention policies say is kept too long (idempotent)."""
    from domain.audit import service as audit
    from domain.audit.verify import tenants_to_check
    from domain.lifecycle import retention
    from tenants.context import tenant_context

    _plugins()
    url = urls().app
    actor = operator()

    async def body():
        async with engine(url) as eng:
            sessions = session_factory(eng)
            reports = []
            for t in await tenants_to_check(sessions, tenant):
                report = await retention.run(sessions, tenant=t, dry_run=dry_run, actor=actor)
                if dry_run:  # the list names people: one read entry per city (a run logs each erasure)
                    with tenant_context(t.id):
                        await audit.person_search(
                            sessions, principal=actor, object_type="person", purpose="retention dry run",
                            request_id=None, details={"command": "gvi retention run --dry-run", "items": len(report.items)},
                            result_ids=[i.candidate.object_id for i in report.items if i.candidate.object_type == "person"])
                reports.append(report)
            return reports

    reports = run(body, url_hint=url)
    rows = [[r.tenant, i.category.value, i.eraser, i.candidate.object_type, i.candidate.object_id,
             i.candidate.last_event_at.date() if i.candidate.last_event_at else "", "would erase" if r.dry_run else "erased"]
            for r in reports for i in r.items]
    echo_table(["tenant", "category", "eraser", "object", "id", "last event", "action"], rows)
    typer.echo(f"{len(rows)} items {'would be erased (dry run)' if dry_run else 'erased'}")


@export_app.command("person")
def export_person(
    tenant: str = typer.Option(..., help="The tenant (slug)."),
    person: str | None = typer.Option(None, help="The person's id (UUID)."),
    identity_number: str | None = typer.Option(
        None, "--identity-number", envvar="GVI_SUBJECT_IDENTITY_NUMBER",
        help="Find the person by identity number instead (exact look-up; better passed in the environment "
             "variable than on the command line, which other users of the machine can see)."),
    output_dir: Path = typer.Option(Path("."), help="Directory for the JSON and CSV files."),
    purpose: str = typer.Option("subject access request", help="Logged with the export."),
) -> None:
    """Everything held about one person, as JSON and CSV (the export is audited)."""
    from domain.lifecycle import export
    from domain.people.service import find_by_identity_number
    from tenants import service
    from tenants.context import tenant_context
    from tenants.errors import NotFound, ValidationFailed

    if (person is None) == (identity_number is None):
        raise fail("person: give either --person or --identity-number")
    person_id = None
    if person is not None:
        try:
            person_id = uuid.UUID(person)
        except ValueError:
            raise fail("person: must be a UUID") from None
    _plugins()
    url = urls().app

    async def body():
        async with engine(url) as eng:
            sessions = session_factory(eng)
            async with transaction(sessions) as s:
                t = await service.require_by_slug(s, tenant)
            if not purpose.strip():
                raise ValidationFailed.single("purpose", "required", "must not be empty")
            pid = person_id
            if pid is None:
                with tenant_context(t.id):
                    async with transaction(sessions) as s:
                        found = await find_by_identity_number(s, identity_number=identity_number)
                if found is None:  # never echo the number
                    raise NotFound("no person with that identity number in this city")
                pid = found.id
            return await export.export_person(sessions, tenant=t, person_id=pid, actor=operator(), purpose=purpose,
                                              details={"command": "gvi export person"})

    data = run(body, url_hint=url)
    json_path, csv_path = export.write_files(data, output_dir)
    count = sum(len(rows) for rows in data["sections"].values())
    typer.echo(f"{count} records in {len(data['sections'])} sections: {json_path}, {csv_path}")


def tenant_offboard(
    slug: str = typer.Option(..., help="The tenant to offboard."),
    export_dir: Path = typer.Option(..., help="Empty directory for the city's export (created 0700)."),
    yes: bool = typer.Option(False, "--yes", help="Do not ask for confirmation."),
) -> None:
    """Export a city's data, crypto-shred its keys, delete its rows and mark it offboarded."""
    from domain.lifecycle.offboard import offboard

    if not yes:
        typer.confirm(f"Offboard {slug}? Its data will be exported to {export_dir} and then destroyed", abort=True)
    _plugins()
    url = owner_url()

    async def body():
        async with engine(url) as eng:
            return await offboard(session_factory(eng), slug=slug, export_dir=export_dir)

    report = run(body, url_hint=url)
    typer.echo(f"exported {sum(report.rows.values())} rows from {len(report.rows)} tables to {report.export_dir}")
    typer.echo(f"destroyed {report.keys_destroyed} keys; deleted the rows; tenant {slug} is offboarded")
