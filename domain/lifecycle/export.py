"""Subject access (registerutdrag): everything held about one person, as JSON and as CSV.

Every registered collector contributes a section; the export itself is audited (one ``export``
entry, written before any data is collected).
"""

from __future__ import annotations

import csv
import io
import json
import os
import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.audit import service as audit
from domain.audit.models import AuditAction
from domain.identity.permissions import Action, Category
from domain.identity.principal import Principal
from domain.lifecycle import registry
from tenants import service as tenant_service
from tenants.context import tenant_context
from tenants.database import transaction
from tenants.models import Tenant


def plain(value: object) -> object:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return "(encrypted)"
    if isinstance(value, Decimal):
        return str(value)
    return getattr(value, "value", value)


async def export_person(
    sessions: async_sessionmaker[AsyncSession], *, tenant: Tenant, person_id: uuid.UUID,
    actor: Principal | audit.Actor, purpose: str, request_id: str | None = None, details: dict | None = None,
) -> dict:
    with tenant_context(tenant.id):
        entry = await audit.record_separately(sessions, actor=actor, action=AuditAction.export, object_type="person",
                                              object_id=person_id, purpose=purpose, request_id=request_id,
                                              details={**(details or {}), "kind": "subject_access"})
        sections = {}
        async with transaction(sessions) as session:
            for name, collect in sorted(registry.collectors().items()):
                rows = await collect(session, person_id)
                sections[name] = [{k: plain(v) for k, v in row.items()} for row in rows]
    return {"format": "gvi-subject-access/1", "tenant": tenant.slug, "person_id": str(person_id),
            "generated_at": datetime.now(UTC).isoformat(), "audit_seq": entry.seq, "sections": sections}


async def subject_access(
    sessions: async_sessionmaker[AsyncSession], *, principal: Principal, person_id: uuid.UUID, purpose: str,
    request_id: str | None = None,
) -> dict:
    """The subject-access export for a signed-in user (REST calls this).

    It spans every partner organisation's records, so it is its own category of the matrix
    (``subject_access``: coordinators, never an API client). A refusal leaves one ``denied`` entry, an
    export one ``export`` entry.
    """
    await audit.authorize(sessions, principal=principal, category=Category.subject_access, action=Action.read,
                          object_type="person", object_id=person_id, purpose=purpose, request_id=request_id)
    async with transaction(sessions) as session:
        tenant = await tenant_service.get(session, principal.tenant_id)
    return await export_person(sessions, tenant=tenant, person_id=person_id, actor=principal, purpose=purpose,
                               request_id=request_id)


def to_csv(export: dict) -> str:
    """One row per field: section, record number, field, value — readable in any spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["section", "record", "field", "value"])
    for section, rows in export["sections"].items():
        for i, row in enumerate(rows, start=1):
            for key, value in row.items():
                writer.writerow([section, i, key, json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list)
                                 else "" if value is None else value])
    return out.getvalue()


def private_dir(path: Path) -> Path:
    """A directory only the operator can read (exports hold person data in clear)."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(path, 0o700)
    return path


def write_private(path: Path, content: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
        f.write(content)


def write_files(export: dict, directory: Path) -> tuple[Path, Path]:
    private_dir(directory)
    stem = f"subject-access-{export['tenant']}-{export['person_id']}"
    json_path, csv_path = directory / f"{stem}.json", directory / f"{stem}.csv"
    write_private(json_path, json.dumps(export, ensure_ascii=False, indent=2))
    write_private(csv_path, to_csv(export))
    return json_path, csv_path
