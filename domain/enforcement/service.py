"""Enforcement actions and the focus list (focused deterrence, recorded concretely)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from domain.columns import Confidence
from domain.enforcement.models import EnforcementAction, EnforcementIncident, EnforcementPerson, EnforcementType
from domain.groups.models import Group
from domain.incidents.models import Incident
from domain.organisations.models import Organisation
from domain.people import service as people
from domain.people.models import Designation, DesignationKind, Person
from domain.rules import STOCKHOLM, get, get_optional, not_future
from tenants.context import require_tenant_id
from tenants.errors import ErrorCollector, ValidationFailed


async def record_action(
    session: AsyncSession,
    *,
    type: EnforcementType,
    taken_on: date,
    organisation_id: uuid.UUID,
    group_id: uuid.UUID | None = None,
    person_ids: list[uuid.UUID] | None = None,
    incident_ids: list[uuid.UUID] | None = None,
    result: str | None = None,
    note: str | None = None,
) -> EnforcementAction:
    """An action against a group and/or people, triggered by incidents that happened before it."""
    person_ids = list(dict.fromkeys(person_ids or []))
    incident_ids = list(dict.fromkeys(incident_ids or []))
    errors = ErrorCollector()
    not_future(errors, "taken_on", taken_on)
    if group_id is None and not person_ids:
        errors.add("person_ids", "no_target", "an action targets a group or at least one person")
    if organisation_id is None:
        errors.add("organisation_id", "required", "name the organisation that acted")
    errors.raise_if_any("Cannot record enforcement action")
    await get(session, Organisation, organisation_id, "organisation_id")
    await get_optional(session, Group, group_id, "group_id")
    for i, pid in enumerate(person_ids):
        await get(session, Person, pid, f"person_ids[{i}]")
    for i, iid in enumerate(incident_ids):
        incident = await get(session, Incident, iid, f"incident_ids[{i}]")
        if incident.occurred_at.astimezone(STOCKHOLM).date() > taken_on:
            errors.add(f"incident_ids[{i}]", "after_action", "a triggering incident must precede the action")
    errors.raise_if_any("Cannot record enforcement action")
    action = EnforcementAction(tenant_id=require_tenant_id(), id=uuid.uuid4(), type=EnforcementType(type), taken_on=taken_on,
                               organisation_id=organisation_id, group_id=group_id, result=result, note=note)
    session.add(action)
    await session.flush()
    session.add_all([EnforcementPerson(tenant_id=action.tenant_id, action_id=action.id, person_id=p) for p in person_ids])
    session.add_all([EnforcementIncident(tenant_id=action.tenant_id, action_id=action.id, incident_id=i) for i in incident_ids])
    await session.flush()
    return action


async def add_to_focus_list(
    session: AsyncSession, *, person_id: uuid.UUID, group_id: uuid.UUID, started_on: date, source: str,
    assessed_by: str, confidence: Confidence, review_date: date, assessed_on: date | None = None,
    note: str | None = None,
) -> Designation:
    """Put a person on the focus list: a designation with a basis that lapses at its review date."""
    if group_id is None:
        raise ValidationFailed.single("group_id", "required", "a focus-list entry names the group it targets")
    return await people.designate(
        session, person_id=person_id, kind=DesignationKind.focus_list, group_id=group_id, started_on=started_on,
        source=source, assessed_by=assessed_by, confidence=confidence, review_date=review_date,
        assessed_on=assessed_on, note=note,
    )


async def remove_from_focus_list(session: AsyncSession, *, designation_id: uuid.UUID, ended_on: date) -> Designation:
    row = await get(session, Designation, designation_id, "designation_id")
    if row.kind is not DesignationKind.focus_list:
        raise ValidationFailed.single("designation_id", "not_focus_list", "this designation is not on the focus list")
    return await people.end(session, model=Designation, id=designation_id, ended_on=ended_on)


async def focus_list(session: AsyncSession, *, group_id: uuid.UUID | None = None, on: date | None = None) -> list[Designation]:
    """Who is on the focus list today (lapsed entries, past their review date, are not)."""
    return await people.current_designations(session, kind=DesignationKind.focus_list, group_id=group_id, on=on)
