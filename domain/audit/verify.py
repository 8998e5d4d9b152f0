"""Operator checks of the chains: ``gvi audit verify`` and ``gvi audit checkpoint``.

Each tenant's chain is read in one transaction with that tenant in context (RLS is forced even
for the owner), in keyset batches, and recomputed from the first entry.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.audit.chain import GENESIS, Break, check, format_time
from domain.audit.models import AuditEntry
from tenants import service as tenant_service
from tenants.context import tenant_context
from tenants.database import transaction
from tenants.models import Tenant


@dataclass
class ChainReport:
    tenant_id: uuid.UUID
    slug: str
    entries: int
    head_seq: int
    head_hash: str
    head_time: datetime | None
    broken: Break | None

    def as_checkpoint(self) -> dict:
        return {"tenant": self.slug, "tenant_id": str(self.tenant_id), "seq": self.head_seq, "hash": self.head_hash,
                "occurred_at": format_time(self.head_time) if self.head_time else None}


async def tenants_to_check(sessions: async_sessionmaker[AsyncSession], slug: str | None) -> list[Tenant]:
    async with transaction(sessions) as session:
        if slug:
            return [await tenant_service.require_by_slug(session, slug)]
        return await tenant_service.list_all(session)


async def verify_tenant(sessions: async_sessionmaker[AsyncSession], tenant: Tenant, *, batch: int = 2000) -> ChainReport:
    state, count, head_time, broken = (0, GENESIS), 0, None, None
    with tenant_context(tenant.id):
        async with transaction(sessions) as session:
            after = 0
            while broken is None:
                rows = list(await session.scalars(
                    select(AuditEntry).where(AuditEntry.seq > after).order_by(AuditEntry.seq).limit(batch)))
                if not rows:
                    break
                broken, state = check(rows, state)
                count += len(rows)
                after = rows[-1].seq
                if broken is None:
                    head_time = rows[-1].occurred_at
                session.expunge_all()  # keep memory flat on long chains
    return ChainReport(tenant.id, tenant.slug, count, state[0], state[1], head_time, broken)


async def verify(sessions: async_sessionmaker[AsyncSession], *, slug: str | None = None) -> list[ChainReport]:
    return [await verify_tenant(sessions, t) for t in await tenants_to_check(sessions, slug)]


async def checkpoint(sessions: async_sessionmaker[AsyncSession], *, slug: str | None = None) -> dict:
    """The chain heads, to keep outside the database (a later ``verify --checkpoint`` compares)."""
    heads = []
    for t in await tenants_to_check(sessions, slug):
        with tenant_context(t.id):
            async with transaction(sessions) as session:
                head = await session.scalar(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1))
        heads.append({"tenant": t.slug, "tenant_id": str(t.id), "seq": head.seq if head else 0,
                      "hash": head.hash if head else GENESIS,
                      "occurred_at": format_time(head.occurred_at) if head else None})
    return {"format": "gvi-audit-checkpoint/1", "created_at": format_time(datetime.now(UTC)), "heads": heads}


async def compare_checkpoint(sessions: async_sessionmaker[AsyncSession], saved: dict,
                             slug: str | None = None) -> list[tuple[str, Break]]:
    """Entries a saved checkpoint vouches for that are gone or changed (a truncated or rewritten chain)."""
    problems = []
    for head in saved.get("heads", []):
        if slug and head["tenant"] != slug or not head["seq"]:
            continue
        with tenant_context(uuid.UUID(head["tenant_id"])):
            async with transaction(sessions) as session:
                entry = await session.scalar(select(AuditEntry).where(AuditEntry.seq == head["seq"]))
        if entry is None:
            problems.append((head["tenant"], Break(head["seq"], "checkpointed entry missing (the chain was cut back)")))
        elif entry.hash != head["hash"]:
            problems.append((head["tenant"], Break(head["seq"], f"hash {entry.hash[:12]}… differs from the checkpoint "
                                                                f"({head['hash'][:12]}…)")))
    return problems
