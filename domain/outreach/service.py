"""Outreach activity: contacts, mediations between two parties, and hours logged."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy.ext.asyncio import AsyncSession

from domain.groups.models import Group
from domain.organisations.models import Organisation
from domain.outreach.models import OutreachActivity, OutreachKind
from domain.people.models import Person
from domain.rules import get_optional, not_future, required_text
from tenants.context import require_tenant_id
from tenants.errors import ErrorCollector


async def log(
    session: AsyncSession,
    *,
    kind: OutreachKind,
    occurred_on: date,
    worker: str,
    hours: Decimal | float | str,
    organisation_id: uuid.UUID | None = None,
    person_id: uuid.UUID | None = None,
    other_person_id: uuid.UUID | None = None,
    group_id: uuid.UUID | None = None,
    other_group_id: uuid.UUID | None = None,
    note: str | None = None,
) -> OutreachActivity:
    kind = OutreachKind(kind)
    errors = ErrorCollector()
    not_future(errors, "occurred_on", occurred_on)
    required_text(errors, "worker", worker)
    try:
        hours = Decimal(str(hours))
        if not Decimal(0) <= hours <= Decimal(24):
            errors.add("hours", "out_of_range", "must be between 0 and 24 for one day")
    except (InvalidOperation, ValueError):
        errors.add("hours", "not_a_number", "must be a number of hours")
    if kind is OutreachKind.contact and person_id is None and group_id is None:
        errors.add("person_id", "required", "a contact is with a person or a group")
    if kind is OutreachKind.mediation:
        people_pair = person_id is not None and other_person_id is not None
        groups_pair = group_id is not None and other_group_id is not None
        if not (people_pair or groups_pair):
            errors.add("other_person_id", "two_parties", "a mediation is between two people or two groups")
        if people_pair and person_id == other_person_id:
            errors.add("other_person_id", "same_party", "the two parties must differ")
        if groups_pair and group_id == other_group_id:
            errors.add("other_group_id", "same_party", "the two parties must differ")
    errors.raise_if_any("Cannot log outreach")
    await get_optional(session, Organisation, organisation_id, "organisation_id")
    for field, model, value in (("person_id", Person, person_id), ("other_person_id", Person, other_person_id),
                                ("group_id", Group, group_id), ("other_group_id", Group, other_group_id)):
        await get_optional(session, model, value, field)
    row = OutreachActivity(tenant_id=require_tenant_id(), kind=kind, occurred_on=occurred_on, worker=worker, hours=hours,
                           organisation_id=organisation_id, person_id=person_id, other_person_id=other_person_id,
                           group_id=group_id, other_group_id=other_group_id, note=note)
    session.add(row)
    await session.flush()
    return row
