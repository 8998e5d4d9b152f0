"""Groups, their risk assessments (kept as history) and the network of relationships."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.columns import Confidence
from domain.groups.models import Group, GroupRelationship, GroupRiskAssessment, GroupStatus, RelationshipKind, RiskLevel
from domain.organisations.models import Organisation
from domain.rules import get, get_optional, not_future, period, required_text, today
from tenants.context import require_tenant_id
from tenants.errors import Conflict, ErrorCollector


def _clean_list(errors: ErrorCollector, field: str, values: list[str] | None) -> list[str]:
    out: list[str] = []
    for v in values or []:
        v = (v or "").strip()
        if not v:
            errors.add(field, "empty_item", "must not contain empty names")
        elif v.lower() not in {o.lower() for o in out}:
            out.append(v)
    return out


async def create_group(
    session: AsyncSession, *, name: str, status: GroupStatus = GroupStatus.active, aliases: list[str] | None = None,
    areas: list[str] | None = None, description: str | None = None,
) -> Group:
    errors = ErrorCollector()
    name = required_text(errors, "name", name)
    aliases = _clean_list(errors, "aliases", aliases)
    areas = _clean_list(errors, "areas", areas)
    errors.raise_if_any("Cannot create group")
    if await session.scalar(select(Group.id).where(Group.name == name)) is not None:
        raise Conflict.single("name", "already_exists", f"a group named {name!r} already exists")
    group = Group(tenant_id=require_tenant_id(), name=name, status=GroupStatus(status), aliases=aliases, areas=areas,
                  description=description)
    session.add(group)
    await session.flush()
    return group


async def set_status(session: AsyncSession, *, group_id: uuid.UUID, status: GroupStatus) -> Group:
    group = await get(session, Group, group_id, "group_id")
    group.status = GroupStatus(status)
    await session.flush()
    return group


async def assess_risk(
    session: AsyncSession, *, group_id: uuid.UUID, level: RiskLevel, assessed_on: date, basis: str,
    confidence: Confidence, organisation_id: uuid.UUID | None = None,
) -> GroupRiskAssessment:
    """Add an assessment to the history (earlier ones stay, so changes can be traced)."""
    errors = ErrorCollector()
    not_future(errors, "assessed_on", assessed_on)
    required_text(errors, "basis", basis, 4000)
    errors.raise_if_any("Cannot record risk assessment")
    await get(session, Group, group_id, "group_id")
    await get_optional(session, Organisation, organisation_id, "organisation_id")
    row = GroupRiskAssessment(tenant_id=require_tenant_id(), group_id=group_id, level=RiskLevel(level),
                              assessed_on=assessed_on, basis=basis, confidence=Confidence(confidence),
                              organisation_id=organisation_id)
    session.add(row)
    await session.flush()
    return row


async def current_risk(session: AsyncSession, *, group_id: uuid.UUID) -> GroupRiskAssessment | None:
    return await session.scalar(select(GroupRiskAssessment).where(GroupRiskAssessment.group_id == group_id)
                                .order_by(GroupRiskAssessment.assessed_on.desc(), GroupRiskAssessment.created_at.desc())
                                .limit(1))


def _pair(a: uuid.UUID, b: uuid.UUID):
    return or_(and_(GroupRelationship.group_a_id == a, GroupRelationship.group_b_id == b),
               and_(GroupRelationship.group_a_id == b, GroupRelationship.group_b_id == a))


async def relate(
    session: AsyncSession, *, group_a_id: uuid.UUID, group_b_id: uuid.UUID, kind: RelationshipKind, started_on: date,
    ended_on: date | None = None, note: str | None = None,
) -> GroupRelationship:
    """A conflict, alliance or split; one pair has no two overlapping relationships of one kind."""
    kind = RelationshipKind(kind)
    errors = ErrorCollector()
    if group_a_id == group_b_id:
        errors.add("group_b_id", "same_group", "a relationship needs two different groups")
    not_future(errors, "started_on", started_on)
    period(errors, started_on, ended_on)
    errors.raise_if_any("Cannot record relationship")
    await get(session, Group, group_a_id, "group_a_id")
    await get(session, Group, group_b_id, "group_b_id")
    overlap = or_(GroupRelationship.ended_on.is_(None), GroupRelationship.ended_on >= started_on)
    if ended_on is not None:
        overlap = and_(overlap, GroupRelationship.started_on <= ended_on)
    if await session.scalar(select(GroupRelationship.id).where(_pair(group_a_id, group_b_id),
                                                               GroupRelationship.kind == kind, overlap)):
        raise Conflict.single("started_on", "overlapping_period", f"these groups already have a {kind.value} in this period")
    row = GroupRelationship(tenant_id=require_tenant_id(), group_a_id=group_a_id, group_b_id=group_b_id, kind=kind,
                            started_on=started_on, ended_on=ended_on, note=note)
    session.add(row)
    await session.flush()
    return row


async def end_relationship(session: AsyncSession, *, relationship_id: uuid.UUID, ended_on: date) -> GroupRelationship:
    row = await get(session, GroupRelationship, relationship_id, "relationship_id")
    errors = ErrorCollector()
    not_future(errors, "ended_on", ended_on)
    period(errors, row.started_on, ended_on)
    if row.ended_on is not None:
        errors.add("ended_on", "already_ended", f"already ended on {row.ended_on}")
    errors.raise_if_any("Cannot end relationship")
    row.ended_on = ended_on
    await session.flush()
    return row


async def network(session: AsyncSession, *, on: date | None = None) -> list[GroupRelationship]:
    """The relationships in force on a day: the edges of the group network."""
    on = on or today()
    return list(await session.scalars(select(GroupRelationship).where(
        GroupRelationship.started_on <= on,
        or_(GroupRelationship.ended_on.is_(None), GroupRelationship.ended_on >= on)).order_by(GroupRelationship.started_on)))
