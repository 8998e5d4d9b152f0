"""Programme settings, phases, the fidelity checklist and context events."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.ext.asyncio import AsyncSession

from domain.programme.models import (
    ContextEvent,
    ContextEventKind,
    FidelityCheck,
    FidelityElement,
    FidelityStatus,
    Phase,
    ProgrammePhase,
    ProgrammeSettings,
)
from domain.rules import not_future, period, required_text, today
from tenants.context import require_tenant_id
from tenants.errors import ErrorCollector


async def get_settings(session: AsyncSession) -> ProgrammeSettings | None:
    return await session.scalar(select(ProgrammeSettings))


async def save_settings(
    session: AsyncSession, *, name: str, started_on: date, population: int | None = None, population_year: int | None = None
) -> ProgrammeSettings:
    errors = ErrorCollector()
    name = required_text(errors, "name", name)
    if population is not None and population <= 0:
        errors.add("population", "not_positive", "must be a positive number of inhabitants")
    errors.raise_if_any("Cannot save programme settings")
    settings = await get_settings(session)
    if settings is None:
        settings = ProgrammeSettings(tenant_id=require_tenant_id(), name=name, started_on=started_on)
        session.add(settings)
    settings.name, settings.started_on = name, started_on
    settings.population, settings.population_year = population, population_year
    await session.flush()
    return settings


async def set_phase(
    session: AsyncSession, *, phase: Phase, started_on: date, ended_on: date | None = None, note: str | None = None
) -> ProgrammePhase:
    phase = Phase(phase)
    errors = ErrorCollector()
    period(errors, started_on, ended_on)
    errors.raise_if_any("Cannot set phase")
    row = await session.scalar(select(ProgrammePhase).where(ProgrammePhase.phase == phase))
    if row is None:
        row = ProgrammePhase(tenant_id=require_tenant_id(), phase=phase, started_on=started_on)
        session.add(row)
    row.started_on, row.ended_on, row.note = started_on, ended_on, note
    await session.flush()
    return row


async def record_fidelity(
    session: AsyncSession, *, element: FidelityElement, status: FidelityStatus, assessed_on: date, evidence: str,
    next_review_on: date | None = None,
) -> FidelityCheck:
    """Assess one element of the model, with the evidence; earlier assessments stay as history."""
    errors = ErrorCollector()
    not_future(errors, "assessed_on", assessed_on)
    required_text(errors, "evidence", evidence, 4000)
    if next_review_on is not None and next_review_on <= assessed_on:
        errors.add("next_review_on", "not_after_assessment", "must be after the assessment")
    errors.raise_if_any("Cannot record fidelity check")
    row = FidelityCheck(tenant_id=require_tenant_id(), element=FidelityElement(element), status=FidelityStatus(status),
                        assessed_on=assessed_on, evidence=evidence, next_review_on=next_review_on)
    session.add(row)
    await session.flush()
    return row


@dataclass(frozen=True)
class FidelityLine:
    element: FidelityElement
    check: FidelityCheck | None
    overdue: bool  # no assessment, or its review date has passed: the programme does not know

    @property
    def status(self) -> FidelityStatus | None:
        return self.check.status if self.check else None


async def fidelity(session: AsyncSession, *, on: date | None = None) -> list[FidelityLine]:
    """The checklist: the latest assessment of every element, flagged when missing or overdue."""
    on = on or today()
    latest = {c.element: c for c in await session.scalars(
        select(FidelityCheck).where(FidelityCheck.assessed_on <= on).ext(distinct_on(FidelityCheck.element))
        .order_by(FidelityCheck.element, FidelityCheck.assessed_on.desc(), FidelityCheck.created_at.desc()))}
    out = []
    for element in FidelityElement:
        check = latest.get(element)
        overdue = check is None or (check.next_review_on is not None and check.next_review_on < on)
        out.append(FidelityLine(element, check, overdue))
    return out


async def add_context_event(
    session: AsyncSession, *, kind: ContextEventKind, title: str, started_on: date, ended_on: date | None = None,
    description: str | None = None, national: bool = False,
) -> ContextEvent:
    errors = ErrorCollector()
    title = required_text(errors, "title", title, 300)
    period(errors, started_on, ended_on)
    errors.raise_if_any("Cannot add context event")
    row = ContextEvent(tenant_id=require_tenant_id(), kind=ContextEventKind(kind), title=title, started_on=started_on,
                       ended_on=ended_on, description=description, national=national)
    session.add(row)
    await session.flush()
    return row


async def context_events(session: AsyncSession, *, start: date | None = None, end: date | None = None) -> list[ContextEvent]:
    stmt = select(ContextEvent)
    if start:
        stmt = stmt.where((ContextEvent.ended_on.is_(None)) | (ContextEvent.ended_on >= start))
    if end:
        stmt = stmt.where(ContextEvent.started_on <= end)
    return list(await session.scalars(stmt.order_by(ContextEvent.started_on)))
