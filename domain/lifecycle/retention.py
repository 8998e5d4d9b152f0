"""Applying a city's retention policy (``gvi retention run``): idempotent, with a dry run.

Each erasure runs in its own transaction together with its audit entry, so a run interrupted
half-way leaves every erased item logged and the rest for the next run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.audit import service as audit
from domain.audit.models import AuditAction
from domain.governance.service import add_months
from domain.identity.permissions import Category
from domain.lifecycle import registry
from domain.lifecycle.models import RetentionPolicy
from tenants.context import require_tenant_id, tenant_context
from tenants.database import transaction
from tenants.errors import ValidationFailed
from tenants.models import Tenant
from tenants.validation import check_values

RETENTION_ACTOR = audit.Actor.system("retention")


async def set_policy(session: AsyncSession, *, category: Category, erase_after_months: int, basis: str) -> RetentionPolicy:
    if erase_after_months <= 0:
        raise ValidationFailed.single("erase_after_months", "out_of_range", "must be at least one month")
    if not (basis or "").strip():
        raise ValidationFailed.single("basis", "required", "state why data of this category is kept this long")
    check_values(RetentionPolicy, {"erase_after_months": erase_after_months, "basis": basis.strip()})  # a Core upsert
    await session.execute(
        insert(RetentionPolicy)
        .values(tenant_id=require_tenant_id(), category=category, erase_after_months=erase_after_months, basis=basis.strip())
        .on_conflict_do_update(index_elements=["tenant_id", "category"],
                               set_={"erase_after_months": erase_after_months, "basis": basis.strip()}))
    return await session.scalar(select(RetentionPolicy).where(RetentionPolicy.category == category)
                                .execution_options(populate_existing=True))


async def policies(session: AsyncSession) -> list[RetentionPolicy]:
    return list(await session.scalars(select(RetentionPolicy).order_by(RetentionPolicy.category)))


@dataclass
class Item:
    category: Category
    eraser: str
    candidate: registry.Candidate
    erased: bool


@dataclass
class RetentionReport:
    tenant: str
    dry_run: bool
    items: list[Item] = field(default_factory=list)


async def run(
    sessions: async_sessionmaker[AsyncSession], *, tenant: Tenant, dry_run: bool, now: datetime | None = None,
    actor: audit.Actor = RETENTION_ACTOR,
) -> RetentionReport:
    now = now or datetime.now(UTC)
    report = RetentionReport(tenant.slug, dry_run)
    with tenant_context(tenant.id):
        async with transaction(sessions) as session:
            rules = [(p.category, p.erase_after_months) for p in await policies(session)]
        for category, months in rules:
            cutoff = add_months(now.date(), -months)
            cutoff_at = datetime(cutoff.year, cutoff.month, cutoff.day, tzinfo=UTC)
            for eraser in registry.erasers(category):
                async with transaction(sessions) as session:
                    candidates = await eraser.candidates(session, cutoff_at)
                for candidate in candidates:
                    if not dry_run:
                        async with transaction(sessions) as session:
                            removed = await eraser.erase(session, candidate)
                            await audit.record(
                                session, actor=actor, action=AuditAction.erase,
                                object_type=candidate.object_type, object_id=candidate.object_id,
                                purpose=f"retention: {category.value} kept {months} months after the last event",
                                details={"eraser": eraser.name, "removed": removed})
                    report.items.append(Item(category, eraser.name, candidate, not dry_run))
    return report
