"""People and their designations.

Rules: identity numbers are validated and stored only encrypted (exact look-up through a blind
index, one person per number per city); every membership and designation has a basis and a review
date at most ``MAX_REVIEW_DAYS`` ahead and lapses unless re-confirmed; membership periods of one
person in one group never overlap; victims are recorded on incidents, never as members.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.columns import Confidence
from domain.groups.models import Group
from domain.organisations.models import Organisation
from domain.outreach.models import OutreachActivity
from domain.people import identity_number as idn
from domain.people.models import (
    ClosePerson,
    CloseRelation,
    Designation,
    DesignationKind,
    GroupMembership,
    MembershipPosition,
    Person,
    SupervisionStatus,
)
from domain.rules import get, get_optional, not_future, period, required_text, today
from domain.support.models import SupportCase
from domain.tasks.models import Task
from tenants import crypto
from tenants.context import require_tenant_id
from tenants.errors import Conflict, ErrorCollector, ValidationFailed
from tenants.validation import check_text

IDENTITY_PURPOSE = "identity_number"
MAX_REVIEW_DAYS = 366  # a designation must be looked at again within a year


async def identity_hmac(session: AsyncSession, normalised: str) -> bytes:
    return await crypto.blind_index(session, purpose=IDENTITY_PURPOSE, value=normalised)


async def create_person(
    session: AsyncSession,
    *,
    given_name: str,
    family_name: str,
    nickname: str | None = None,
    birth_year: int | None = None,
    identity_number: str | None = None,
    address: str | None = None,
    phone: str | None = None,
    supervision_status: SupervisionStatus = SupervisionStatus.none,
    supervising_organisation_id: uuid.UUID | None = None,
    supervision_until: date | None = None,
    note: str | None = None,
) -> Person:
    """Register a person; the identity number, address and phone are encrypted before writing."""
    errors = ErrorCollector()
    given_name = required_text(errors, "given_name", given_name)
    family_name = required_text(errors, "family_name", family_name)
    parsed = None
    if identity_number:
        try:
            parsed = idn.parse(identity_number, today=today())
        except idn.InvalidIdentityNumber as exc:
            errors.add("identity_number", exc.code, exc.message)
    if parsed and birth_year is not None and birth_year != parsed.birth_date.year:
        errors.add("birth_year", "mismatch", "does not match the identity number")
    _check_supervision(errors, SupervisionStatus(supervision_status), supervising_organisation_id)
    errors.raise_if_any("Cannot register person")
    await get_optional(session, Organisation, supervising_organisation_id, "supervising_organisation_id")
    digest = None
    if parsed:
        digest = await identity_hmac(session, parsed.normalised)
        if await session.scalar(select(Person.id).where(Person.identity_number_hmac == digest)) is not None:
            raise Conflict.single("identity_number", "already_exists", "a person with this identity number is already registered")
    person = Person(
        tenant_id=require_tenant_id(), id=uuid.uuid4(), given_name=given_name, family_name=family_name, nickname=nickname,
        birth_year=parsed.birth_date.year if parsed else birth_year, identity_kind=parsed.kind if parsed else None,
        supervision_status=SupervisionStatus(supervision_status), supervising_organisation_id=supervising_organisation_id,
        supervision_until=supervision_until, note=note,
    )
    if parsed:
        person.identity_number_hmac = digest
        person.identity_number_ciphertext = await _seal(session, person.id, "identity_number", parsed.normalised)
    if address:
        person.address_ciphertext = await _seal(session, person.id, "address", address)
    if phone:
        person.phone_ciphertext = await _seal(session, person.id, "phone", phone)
    session.add(person)
    await session.flush()
    return person


# Encrypted fields have no column limit of their own (their column holds ciphertext).
PLAINTEXT_LIMITS = {"identity_number": 20, "address": 500, "phone": 50}


async def _seal(session: AsyncSession, row_id: uuid.UUID, field: str, value: str) -> bytes:
    check_text(field, value, PLAINTEXT_LIMITS[field])
    return await crypto.encrypt(session, table="people", column=f"{field}_ciphertext", row_id=row_id, plaintext=value)


async def reveal(session: AsyncSession, *, person: Person, field: str) -> str | None:
    """Decrypt ``identity_number``, ``address`` or ``phone`` (callers log the disclosure)."""
    ciphertext = getattr(person, f"{field}_ciphertext")
    if ciphertext is None:
        return None
    return await crypto.decrypt(session, table="people", column=f"{field}_ciphertext", row_id=person.id, ciphertext=ciphertext)


async def exists(session: AsyncSession, person_id: uuid.UUID) -> bool:
    """Whether the city holds this person at all, whoever may see them (subject access spans every
    organisation's records; row-level security still hides another city's people)."""
    return await session.scalar(select(Person.id).where(Person.id == person_id)) is not None


async def find_by_identity_number(session: AsyncSession, *, identity_number: str) -> Person | None:
    """Exact look-up through the blind index (an invalid number is refused, not merely not found)."""
    try:
        parsed = idn.parse(identity_number, today=today())
    except idn.InvalidIdentityNumber as exc:
        raise ValidationFailed.single("identity_number", exc.code, exc.message) from None
    digest = await identity_hmac(session, parsed.normalised)
    return await session.scalar(select(Person).where(Person.identity_number_hmac == digest))


def _check_supervision(errors: ErrorCollector, status: SupervisionStatus, organisation_id: uuid.UUID | None) -> None:
    if status is SupervisionStatus.none and organisation_id is not None:
        errors.add("supervising_organisation_id", "not_supervised", "must be empty when the person is not under supervision")
    if status is not SupervisionStatus.none and organisation_id is None:
        errors.add("supervising_organisation_id", "required", "name the supervising agency")


async def set_supervision(
    session: AsyncSession, *, person_id: uuid.UUID, status: SupervisionStatus, organisation_id: uuid.UUID | None,
    until: date | None = None,
) -> Person:
    errors = ErrorCollector()
    _check_supervision(errors, SupervisionStatus(status), organisation_id)
    errors.raise_if_any("Cannot set supervision")
    person = await get(session, Person, person_id, "person_id")
    await get_optional(session, Organisation, organisation_id, "organisation_id")
    person.supervision_status, person.supervising_organisation_id, person.supervision_until = status, organisation_id, until
    await session.flush()
    return person


async def add_close_person(
    session: AsyncSession, *, person_id: uuid.UUID, close_person_id: uuid.UUID, relation: CloseRelation
) -> ClosePerson:
    if person_id == close_person_id:
        raise ValidationFailed.single("close_person_id", "same_person", "a person cannot be their own close person")
    await get(session, Person, person_id, "person_id")
    await get(session, Person, close_person_id, "close_person_id")
    exists = await session.scalar(select(ClosePerson.id).where(
        ClosePerson.person_id == person_id, ClosePerson.close_person_id == close_person_id))
    if exists:
        raise Conflict.single("close_person_id", "already_linked", "these two people are already linked")
    link = ClosePerson(tenant_id=require_tenant_id(), person_id=person_id, close_person_id=close_person_id,
                       relation=CloseRelation(relation))
    session.add(link)
    await session.flush()
    return link


def _check_basis(errors: ErrorCollector, *, source: str, assessed_by: str, assessed_on: date, review_date: date) -> None:
    required_text(errors, "source", source)
    required_text(errors, "assessed_by", assessed_by)
    not_future(errors, "assessed_on", assessed_on)
    if review_date is None:
        errors.add("review_date", "required", "every designation needs a review date")
    elif review_date < assessed_on:
        errors.add("review_date", "before_assessment", "must not be before the assessment")
    elif (review_date - assessed_on).days > MAX_REVIEW_DAYS:
        errors.add("review_date", "too_far", f"must be at most {MAX_REVIEW_DAYS} days after the assessment")


def _overlaps(started_col, ended_col, start: date, end: date | None) -> ColumnElement[bool]:
    """Periods [start, end] overlap (an open end is +infinity)."""
    cond = or_(ended_col.is_(None), ended_col >= start)
    return and_(cond, started_col <= end) if end is not None else cond


async def add_membership(
    session: AsyncSession,
    *,
    person_id: uuid.UUID,
    group_id: uuid.UUID,
    position: MembershipPosition,
    started_on: date,
    ended_on: date | None = None,
    source: str,
    assessed_by: str,
    confidence: Confidence,
    review_date: date,
    assessed_on: date | None = None,
    note: str | None = None,
) -> GroupMembership:
    """Record a period of membership with its basis; refuses a period overlapping another of the pair."""
    assessed_on = assessed_on or today()
    errors = ErrorCollector()
    not_future(errors, "started_on", started_on)
    period(errors, started_on, ended_on)
    _check_basis(errors, source=source, assessed_by=assessed_by, assessed_on=assessed_on, review_date=review_date)
    errors.raise_if_any("Cannot record membership")
    await get(session, Person, person_id, "person_id")
    await get(session, Group, group_id, "group_id")
    clash = await session.scalar(select(GroupMembership.id).where(
        GroupMembership.person_id == person_id, GroupMembership.group_id == group_id,
        _overlaps(GroupMembership.started_on, GroupMembership.ended_on, started_on, ended_on)))
    if clash is not None:
        raise Conflict.single("started_on", "overlapping_period",
                              "overlaps another membership period of this person in this group")
    membership = GroupMembership(
        tenant_id=require_tenant_id(), person_id=person_id, group_id=group_id, position=MembershipPosition(position),
        started_on=started_on, ended_on=ended_on, source=source, assessed_by=assessed_by,
        confidence=Confidence(confidence), assessed_on=assessed_on, review_date=review_date, note=note,
    )
    session.add(membership)
    await session.flush()
    return membership


async def designate(
    session: AsyncSession,
    *,
    person_id: uuid.UUID,
    kind: DesignationKind,
    started_on: date,
    ended_on: date | None = None,
    group_id: uuid.UUID | None = None,
    source: str,
    assessed_by: str,
    confidence: Confidence,
    review_date: date,
    assessed_on: date | None = None,
    note: str | None = None,
) -> Designation:
    """An "at risk" or focus-list designation; one person has no two overlapping of the same kind."""
    assessed_on = assessed_on or today()
    kind = DesignationKind(kind)
    errors = ErrorCollector()
    not_future(errors, "started_on", started_on)
    period(errors, started_on, ended_on)
    _check_basis(errors, source=source, assessed_by=assessed_by, assessed_on=assessed_on, review_date=review_date)
    if kind is DesignationKind.focus_list and group_id is None:
        errors.add("group_id", "required", "a focus-list designation names the group it targets")
    errors.raise_if_any("Cannot record designation")
    await get(session, Person, person_id, "person_id")
    await get_optional(session, Group, group_id, "group_id")
    clash = await session.scalar(select(Designation.id).where(
        Designation.person_id == person_id, Designation.kind == kind,
        _overlaps(Designation.started_on, Designation.ended_on, started_on, ended_on)))
    if clash is not None:
        raise Conflict.single("started_on", "overlapping_period", f"overlaps another {kind.value} designation of this person")
    row = Designation(
        tenant_id=require_tenant_id(), person_id=person_id, kind=kind, group_id=group_id, started_on=started_on,
        ended_on=ended_on, source=source, assessed_by=assessed_by, confidence=Confidence(confidence),
        assessed_on=assessed_on, review_date=review_date, note=note,
    )
    session.add(row)
    await session.flush()
    return row


async def reconfirm(
    session: AsyncSession,
    *,
    model: type[GroupMembership] | type[Designation],
    id: uuid.UUID,
    assessed_by: str,
    source: str,
    confidence: Confidence,
    review_date: date,
) -> GroupMembership | Designation:
    """Re-assess a membership or designation today and set its next review date."""
    row = await get(session, model, id, "id")
    on = today()
    errors = ErrorCollector()
    _check_basis(errors, source=source, assessed_by=assessed_by, assessed_on=on, review_date=review_date)
    if row.ended_on is not None and row.ended_on < on:
        errors.add("id", "ended", "an ended period cannot be re-confirmed; record a new one")
    errors.raise_if_any("Cannot re-confirm")
    row.assessed_on, row.assessed_by, row.source = on, assessed_by, source
    row.confidence, row.review_date = Confidence(confidence), review_date
    await session.flush()
    return row


async def end(session: AsyncSession, *, model: type[GroupMembership] | type[Designation], id: uuid.UUID,
              ended_on: date) -> GroupMembership | Designation:
    row = await get(session, model, id, "id")
    errors = ErrorCollector()
    not_future(errors, "ended_on", ended_on)
    period(errors, row.started_on, ended_on)
    if row.ended_on is not None:
        errors.add("ended_on", "already_ended", f"already ended on {row.ended_on}")
    errors.raise_if_any("Cannot end")
    row.ended_on = ended_on
    await session.flush()
    return row


def assigned_to_organisation(organisation_id: uuid.UUID | None) -> ColumnElement[bool]:
    """People a partner organisation works with (what an own-organisation role may see): it provides
    them a support case, logged outreach with them, owns a task about them, or supervises them."""
    if organisation_id is None:
        return Person.id.is_(None)  # no organisation: nobody
    return or_(
        Person.supervising_organisation_id == organisation_id,
        select(SupportCase.id).where(SupportCase.person_id == Person.id,
                                     SupportCase.provider_organisation_id == organisation_id).exists(),
        select(OutreachActivity.id).where(or_(OutreachActivity.person_id == Person.id,
                                              OutreachActivity.other_person_id == Person.id),
                                          OutreachActivity.organisation_id == organisation_id).exists(),
        select(Task.id).where(Task.person_id == Person.id, Task.assignee_organisation_id == organisation_id).exists(),
    )


def current_clause(model, on: date) -> ColumnElement[bool]:
    """Current on ``on``: started, not ended and re-confirmed up to its review date."""
    return and_(model.started_on <= on, or_(model.ended_on.is_(None), model.ended_on >= on), model.review_date >= on)


def is_current(row: GroupMembership | Designation, on: date | None = None) -> bool:
    on = on or today()
    return row.started_on <= on and (row.ended_on is None or row.ended_on >= on) and row.review_date >= on


async def current_memberships(
    session: AsyncSession, *, person_id: uuid.UUID | None = None, group_id: uuid.UUID | None = None, on: date | None = None
) -> list[GroupMembership]:
    stmt = select(GroupMembership).where(current_clause(GroupMembership, on or today()))
    if person_id:
        stmt = stmt.where(GroupMembership.person_id == person_id)
    if group_id:
        stmt = stmt.where(GroupMembership.group_id == group_id)
    return list(await session.scalars(stmt.order_by(GroupMembership.started_on, GroupMembership.id)))


async def current_designations(
    session: AsyncSession, *, kind: DesignationKind | None = None, person_id: uuid.UUID | None = None,
    group_id: uuid.UUID | None = None, on: date | None = None,
) -> list[Designation]:
    stmt = select(Designation).where(current_clause(Designation, on or today()))
    if kind:
        stmt = stmt.where(Designation.kind == kind)
    if person_id:
        stmt = stmt.where(Designation.person_id == person_id)
    if group_id:
        stmt = stmt.where(Designation.group_id == group_id)
    return list(await session.scalars(stmt.order_by(Designation.started_on, Designation.id)))


async def lapsed(session: AsyncSession, *, on: date | None = None) -> list[GroupMembership | Designation]:
    """Open periods whose review date has passed: the review work-list (they no longer count)."""
    on = on or today()
    out: list = []
    for model in (GroupMembership, Designation):
        out += list(await session.scalars(select(model).where(
            or_(model.ended_on.is_(None), model.ended_on >= on), model.review_date < on).order_by(model.review_date)))
    return out
