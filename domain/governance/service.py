"""Agreements, disclosures under them, and data-subject requests with their statutory deadlines."""

from __future__ import annotations

import calendar
import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.audit import service as audit
from domain.audit.models import AuditAction, AuditEntry, AuditOutcome
from domain.audit.pii import contains_identity_number
from domain.governance.models import (
    AgreementParty,
    AgreementTerm,
    DataSubjectRequest,
    RequestKind,
    RequestStatus,
    SharingAgreement,
)
from domain.identity.permissions import Category
from domain.identity.principal import Principal
from domain.organisations.models import Organisation
from domain.people.models import Person
from tenants.context import require_tenant_id
from tenants.database import transaction
from tenants.errors import Conflict, ErrorCollector, NotFound, PermissionDenied, ValidationFailed

# --- agreements -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PartyInput:
    organisation_id: uuid.UUID
    signatory_name: str
    signed_on: date
    signatory_title: str | None = None


@dataclass(frozen=True)
class TermInput:
    category: Category
    legal_basis: str
    secrecy_provision: str


async def create_agreement(
    session: AsyncSession, *, reference: str, title: str, valid_from: date, valid_until: date | None,
    parties: list[PartyInput], terms: list[TermInput],
) -> SharingAgreement:
    """Register a signed agreement between two or more partner organisations."""
    errors = ErrorCollector()
    if not (reference or "").strip():
        errors.add("reference", "required", "must not be empty")
    if not (title or "").strip():
        errors.add("title", "required", "must not be empty")
    if valid_until is not None and valid_until < valid_from:
        errors.add("valid_until", "before_start", "must not be before valid_from")
    org_ids = [p.organisation_id for p in parties]
    if len(set(org_ids)) < 2:
        errors.add("parties", "too_few", "an agreement binds at least two different organisations")
    known = set(await session.scalars(select(Organisation.id).where(Organisation.id.in_(org_ids)))) if org_ids else set()
    for i, p in enumerate(parties):
        if p.organisation_id not in known:
            errors.add(f"parties[{i}].organisation_id", "not_found", "no such partner organisation in this city")
        if not p.signatory_name.strip():
            errors.add(f"parties[{i}].signatory_name", "required", "every party must name its signatory")
    if not terms:
        errors.add("terms", "required", "name at least one category of data with its legal basis")
    seen: set[Category] = set()
    for i, t in enumerate(terms):
        if t.category in seen:
            errors.add(f"terms[{i}].category", "duplicate", f"{t.category.value} is listed twice")
        seen.add(t.category)
        if not t.legal_basis.strip():
            errors.add(f"terms[{i}].legal_basis", "required", "must name the legal basis")
        if not t.secrecy_provision.strip():
            errors.add(f"terms[{i}].secrecy_provision", "required", "must name the secrecy provision that allows it")
    if reference and await session.scalar(select(SharingAgreement.id).where(SharingAgreement.reference == reference)):
        errors.add("reference", "already_exists", f"an agreement {reference!r} is already registered")
    errors.raise_if_any("Cannot register agreement")
    tenant_id = require_tenant_id()
    agreement = SharingAgreement(id=uuid.uuid4(), tenant_id=tenant_id, reference=reference.strip(), title=title.strip(),
                                 valid_from=valid_from, valid_until=valid_until)
    session.add(agreement)
    await session.flush()
    session.add_all([AgreementParty(tenant_id=tenant_id, agreement_id=agreement.id, organisation_id=p.organisation_id,
                                    signatory_name=p.signatory_name.strip(), signatory_title=p.signatory_title,
                                    signed_on=p.signed_on) for p in parties])
    session.add_all([AgreementTerm(tenant_id=tenant_id, agreement_id=agreement.id, category=t.category,
                                   legal_basis=t.legal_basis.strip(), secrecy_provision=t.secrecy_provision.strip())
                     for t in terms])
    await session.flush()
    return agreement


async def get_agreement(session: AsyncSession, agreement_id: uuid.UUID, field: str = "agreement_id") -> SharingAgreement:
    agreement = await session.get(SharingAgreement, (require_tenant_id(), agreement_id))
    if agreement is None:
        raise NotFound.single(field, "not_found", "no such sharing agreement in this city")
    return agreement


async def end_agreement(session: AsyncSession, *, agreement_id: uuid.UUID, valid_until: date) -> SharingAgreement:
    """End an agreement on ``valid_until`` (its last day in force); the register keeps it."""
    agreement = await get_agreement(session, agreement_id)
    if valid_until < agreement.valid_from:
        raise ValidationFailed.single("valid_until", "before_start", "must not be before the agreement's valid_from")
    agreement.valid_until = valid_until
    await session.flush()
    return agreement


def agreements_statement() -> Select:
    """The city's register of agreements (RLS), newest first when ordered by ``valid_from``."""
    return select(SharingAgreement)


async def parties_and_terms(
    session: AsyncSession, agreement_ids: list[uuid.UUID],
) -> tuple[dict[uuid.UUID, list[AgreementParty]], dict[uuid.UUID, list[AgreementTerm]]]:
    """Parties and terms of many agreements in two queries (for a page of the register)."""
    parties: dict[uuid.UUID, list[AgreementParty]] = {i: [] for i in agreement_ids}
    terms: dict[uuid.UUID, list[AgreementTerm]] = {i: [] for i in agreement_ids}
    if agreement_ids:
        for p in await session.scalars(select(AgreementParty).where(AgreementParty.agreement_id.in_(agreement_ids))
                                       .order_by(AgreementParty.signed_on, AgreementParty.organisation_id)):
            parties[p.agreement_id].append(p)
        for t in await session.scalars(select(AgreementTerm).where(AgreementTerm.agreement_id.in_(agreement_ids))
                                       .order_by(AgreementTerm.category)):
            terms[t.agreement_id].append(t)
    return parties, terms


async def covering_agreement(
    session: AsyncSession, *, from_organisation_id: uuid.UUID, to_organisation_id: uuid.UUID, category: Category, on: date,
) -> SharingAgreement | None:
    """An agreement in force on ``on`` binding both organisations and covering ``category``."""
    sender, receiver = AgreementParty.__table__.alias("sender"), AgreementParty.__table__.alias("receiver")
    stmt = (
        select(SharingAgreement)
        .join(sender, sender.c.agreement_id == SharingAgreement.id)
        .join(receiver, receiver.c.agreement_id == SharingAgreement.id)
        .join(AgreementTerm, AgreementTerm.agreement_id == SharingAgreement.id)
        .where(sender.c.organisation_id == from_organisation_id, receiver.c.organisation_id == to_organisation_id,
               AgreementTerm.category == category, SharingAgreement.valid_from <= on,
               (SharingAgreement.valid_until.is_(None)) | (SharingAgreement.valid_until >= on))
        .order_by(SharingAgreement.valid_from.desc())
        .limit(1)
    )
    return await session.scalar(stmt)


async def disclose(
    sessions: async_sessionmaker[AsyncSession], *, principal: Principal, to_organisation_id: uuid.UUID,
    category: Category, object_type: str, object_id: uuid.UUID | None, purpose: str, request_id: str | None,
    on: date | None = None,
) -> AuditEntry:
    """Record a disclosure to another organisation under the agreement it rests on (before data leaves).

    Without a covering agreement the attempt is logged as denied and refused.
    """
    on = on or date.today()
    async with transaction(sessions) as session:
        agreement = None
        if principal.organisation_id is not None:
            agreement = await covering_agreement(session, from_organisation_id=principal.organisation_id,
                                                 to_organisation_id=to_organisation_id, category=category, on=on)
        details = {"to_organisation_id": str(to_organisation_id), "category": category.value}
        if agreement is not None:
            return await audit.record(session, actor=principal, action=AuditAction.disclose, object_type=object_type,
                                      object_id=object_id, purpose=purpose, request_id=request_id,
                                      agreement_id=agreement.id, details=details)
    await audit.record_separately(sessions, actor=principal, action=AuditAction.disclose, object_type=object_type,
                                  object_id=object_id, purpose=purpose, request_id=request_id,
                                  outcome=AuditOutcome.denied, details={**details, "reason": "no agreement"})
    raise PermissionDenied(f"no data-sharing agreement in force covers {category.value} to that organisation")


# --- data-subject requests --------------------------------------------------------------------------

DEADLINE_MONTHS = 1  # GDPR art. 12(3)
EXTENDED_MONTHS = 3  # "extended by two further months"


def add_months(start: date, months: int) -> date:
    """The same day ``months`` later, or the last day of that month when it has no such day."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


async def register_request(
    session: AsyncSession, *, kind: RequestKind, received_on: date, person_id: uuid.UUID | None = None,
    handled_by_organisation_id: uuid.UUID | None = None, today: date | None = None,
) -> DataSubjectRequest:
    """Register a request the day it was received; its deadline runs one month from then."""
    errors = ErrorCollector()
    if today is not None and received_on > today:
        errors.add("received_on", "in_future", "must not be in the future")
    if handled_by_organisation_id is not None and await session.get(
            Organisation, (require_tenant_id(), handled_by_organisation_id)) is None:
        errors.add("handled_by_organisation_id", "not_found", "no such partner organisation in this city")
    if person_id is not None and await session.get(Person, (require_tenant_id(), person_id)) is None:
        errors.add("person_id", "not_found", "no such person in this city")
    errors.raise_if_any("Cannot register request")
    request = DataSubjectRequest(id=uuid.uuid4(), tenant_id=require_tenant_id(), kind=kind, person_id=person_id,
                                 handled_by_organisation_id=handled_by_organisation_id, received_on=received_on,
                                 deadline=add_months(received_on, DEADLINE_MONTHS), status=RequestStatus.received)
    session.add(request)
    await session.flush()
    return request


async def get_request(session: AsyncSession, request_id: uuid.UUID) -> DataSubjectRequest:
    request = await session.get(DataSubjectRequest, (require_tenant_id(), request_id))
    if request is None:
        raise NotFound.single("request_id", "not_found", "no such data-subject request in this city")
    return request


def _free_text(errors: ErrorCollector, field: str, value: str | None) -> None:
    if not (value or "").strip():
        errors.add(field, "required", "must not be empty")
    elif contains_identity_number(value):
        errors.add(field, "identity_number", "must not contain an identity number (refer to the person by id)")


def _open(request: DataSubjectRequest) -> None:
    if request.status in (RequestStatus.completed, RequestStatus.refused):
        raise Conflict.single("status", "closed", "the request is already closed")


async def start_request(session: AsyncSession, *, request_id: uuid.UUID) -> DataSubjectRequest:
    """received → in_progress: someone is handling it."""
    request = await get_request(session, request_id)
    _open(request)
    if request.status is RequestStatus.in_progress:
        raise Conflict.single("status", "already_started", "the request is already in progress")
    request.status = RequestStatus.in_progress
    await session.flush()
    return request


def requests_statement(*, open_only: bool = False) -> Select:
    """The city's register of data-subject requests (RLS)."""
    statement = select(DataSubjectRequest)
    if open_only:
        statement = statement.where(DataSubjectRequest.status.in_([RequestStatus.received, RequestStatus.in_progress]))
    return statement


async def extend_request(session: AsyncSession, *, request_id: uuid.UUID, reason: str, today: date) -> DataSubjectRequest:
    """Extend to three months from receipt; allowed once, before the first month has run out."""
    request = await get_request(session, request_id)
    errors = ErrorCollector()
    _free_text(errors, "reason", reason)
    if request.extended:
        errors.add("extended", "already_extended", "the deadline can be extended only once")
    elif today > request.deadline:
        errors.add("deadline", "passed", "the extension must be decided within the first month")
    if request.status in (RequestStatus.completed, RequestStatus.refused):
        errors.add("status", "closed", "the request is closed")
    errors.raise_if_any("Cannot extend request")
    request.extended, request.extension_reason = True, reason.strip()
    request.deadline = add_months(request.received_on, EXTENDED_MONTHS)
    request.status = RequestStatus.in_progress
    await session.flush()
    return request


async def close_request(
    session: AsyncSession, *, request_id: uuid.UUID, status: RequestStatus, outcome: str, today: date,
) -> DataSubjectRequest:
    request = await get_request(session, request_id)
    _open(request)
    errors = ErrorCollector()
    if status not in (RequestStatus.completed, RequestStatus.refused):
        errors.add("status", "not_final", "close with completed or refused")
    _free_text(errors, "outcome", outcome)
    errors.raise_if_any("Cannot close request")
    request.status, request.outcome, request.closed_on = status, outcome.strip(), today
    await session.flush()
    return request


async def overdue(session: AsyncSession, *, today: date) -> list[DataSubjectRequest]:
    stmt = (select(DataSubjectRequest)
            .where(DataSubjectRequest.status.in_([RequestStatus.received, RequestStatus.in_progress]),
                   DataSubjectRequest.deadline < today)
            .order_by(DataSubjectRequest.deadline))
    return list(await session.scalars(stmt))
