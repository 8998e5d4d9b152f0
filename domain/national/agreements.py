"""National sharing agreements: a city contributes to national statistics only while one is in force.

The city's coordinator records the agreement (reference/diarienummer, signatory, date, measures
covered) and may pause it. The latest agreement counts. Each change is written by the API or CLI
together with one audit entry in the city's log. The refresh job reads the agreement under the city's
RLS, so the database, not a flag in the national schema, decides what leaves the city.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.national.measures import NATIONAL_MEASURES
from domain.national.models import SharingAgreement
from domain.rules import today
from tenants.context import require_tenant_id
from tenants.errors import Conflict, ErrorCollector


async def current(session: AsyncSession) -> SharingAgreement | None:
    """The current tenant's latest agreement (in force unless paused), or None."""
    return await session.scalar(select(SharingAgreement).order_by(SharingAgreement.recorded_at.desc(),
                                                                  SharingAgreement.id.desc()).limit(1))


async def history(session: AsyncSession) -> list[SharingAgreement]:
    return list(await session.scalars(select(SharingAgreement).order_by(SharingAgreement.recorded_at.desc())))


def in_force(agreement: SharingAgreement | None) -> bool:
    return agreement is not None and agreement.paused_at is None


async def record(
    session: AsyncSession, *, reference: str, signatory: str, signed_on: date,
    measures: Sequence[str] | None = None, recorded_by: str,
) -> SharingAgreement:
    """Record a new agreement (it replaces the previous one). ``measures`` None = every national measure."""
    errors = ErrorCollector()
    reference = (reference or "").strip()
    signatory = (signatory or "").strip()
    if not reference:
        errors.add("reference", "required", "the agreement's reference (diarienummer) is required")
    elif len(reference) > 100:
        errors.add("reference", "too_long", "at most 100 characters")
    if not signatory:
        errors.add("signatory", "required", "the signatory is required")
    elif len(signatory) > 200:
        errors.add("signatory", "too_long", "at most 200 characters")
    if signed_on > today():
        errors.add("signedOn", "in_future", "an agreement cannot be signed in the future")
    chosen = list(NATIONAL_MEASURES) if measures is None else list(dict.fromkeys(measures))
    unknown = [m for m in chosen if m not in NATIONAL_MEASURES]
    if unknown:
        errors.add("measures", "unknown", f"unknown measures: {', '.join(unknown)}; known: {', '.join(NATIONAL_MEASURES)}")
    elif not chosen:
        errors.add("measures", "empty", "an agreement covers at least one measure")
    errors.raise_if_any("Cannot record the national sharing agreement")
    row = SharingAgreement(tenant_id=require_tenant_id(), reference=reference, signatory=signatory, signed_on=signed_on,
                           measures=[m for m in NATIONAL_MEASURES if m in chosen], recorded_by=recorded_by,
                           recorded_at=datetime.now(UTC))
    session.add(row)
    await session.flush()
    return row


async def pause(session: AsyncSession, *, paused_by: str) -> SharingAgreement:
    """Pause the agreement in force: new months are no longer shared (published releases keep theirs)."""
    agreement = await current(session)
    if not in_force(agreement):
        raise Conflict.single("agreement", "not_in_force", "no national sharing agreement is in force")
    agreement.paused_at = datetime.now(UTC)
    agreement.paused_by = paused_by
    await session.flush()
    return agreement
