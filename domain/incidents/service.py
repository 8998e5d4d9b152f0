"""Incidents and incident reviews.

Rules: counts present and not negative; nothing in the future; an external reference already
recorded returns the existing incident (idempotent de-duplication of reporting-system feeds);
group attribution is a history of assessments, never overwritten. An edit names the version it
was made from: an incident changed by someone else since is refused (``conflict``), never overwritten.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.exc import StaleDataError

from domain.columns import Confidence
from domain.groups.models import Group
from domain.incidents.models import (
    GroupInvolvementAssessment,
    Incident,
    IncidentGroup,
    IncidentPerson,
    IncidentReview,
    IncidentRole,
    IncidentType,
    Involvement,
    ReviewDecision,
)
from domain.people.models import Person
from domain.rules import STOCKHOLM, get, get_optional, not_future, required_text
from tenants.context import require_tenant_id
from tenants.errors import Conflict, ErrorCollector, ValidationFailed
from tenants.validation import check_values


def _now() -> datetime:
    return datetime.now(STOCKHOLM)


def _count(errors: ErrorCollector, field: str, value) -> None:
    if value is None:
        errors.add(field, "required", "must be given (0 when nobody)")
    elif isinstance(value, bool) or not isinstance(value, int):
        errors.add(field, "not_integer", "must be a whole number")
    elif value < 0:
        errors.add(field, "negative", "must not be negative")


async def by_external_reference(session: AsyncSession, reference: str) -> Incident | None:
    return await session.scalar(select(Incident).where(Incident.external_reference == reference))


def _checked(
    *,
    type: IncidentType,
    occurred_at: datetime,
    confirmed: bool,
    killed: int,
    injured: int,
    area: str | None = None,
    police_area: str | None = None,
    police_region: str | None = None,
    external_reference: str | None = None,
    description: str | None = None,
) -> dict:
    """The rules of one incident (no database): its column values, or ``ValidationFailed`` naming each field.

    A naive ``occurred_at`` is read as Swedish local time.
    """
    errors = ErrorCollector()
    try:
        type = IncidentType(type)
    except ValueError:
        errors.add("type", "unknown", f"must be one of {', '.join(t.value for t in IncidentType)}")
    if not isinstance(occurred_at, datetime):
        errors.add("occurred_at", "required", "must be a date and time")
    else:
        if occurred_at.tzinfo is None:
            occurred_at = occurred_at.replace(tzinfo=STOCKHOLM)
        if occurred_at > _now():
            errors.add("occurred_at", "in_future", "must not be in the future")
    _count(errors, "killed", killed)
    _count(errors, "injured", injured)
    if confirmed is None:
        errors.add("confirmed", "required", "say whether the incident is confirmed")
    if external_reference is not None:
        external_reference = required_text(errors, "external_reference", external_reference)
    values = dict(type=type, occurred_at=occurred_at, confirmed=bool(confirmed), killed=killed, injured=injured, area=area,
                  police_area=police_area, police_region=police_region, external_reference=external_reference,
                  description=description)
    try:  # what the columns can hold (lengths, ranges, characters): the batch insert is a Core statement
        check_values(Incident, {k: v for k, v in values.items() if k not in {e.field for e in errors.errors}})
    except ValidationFailed as exc:
        errors.errors.extend(exc.errors)
    errors.raise_if_any("Cannot record incident")
    return values


async def create_incident(session: AsyncSession, **fields) -> Incident:
    """Record an incident, or return the one already recorded under ``external_reference``."""
    values = _checked(**fields)
    external_reference = values["external_reference"]
    if external_reference and (existing := await by_external_reference(session, external_reference)):
        return existing
    incident = Incident(tenant_id=require_tenant_id(), **values)
    session.add(incident)
    try:
        async with session.begin_nested():
            await session.flush()
    except IntegrityError:  # a concurrent feed recorded the same reference first
        if external_reference and (existing := await by_external_reference(session, external_reference)):
            return existing
        raise
    return incident


def _changed_since(expected_version: int, current: int | None = None) -> Conflict:
    now = f" (now version {current})" if current is not None else ""
    return Conflict.single("expected_version", "conflict",
                           f"someone else changed the incident after version {expected_version}{now}; "
                           "reload it and make your change again")


async def update_incident(session: AsyncSession, *, incident_id: uuid.UUID, expected_version: int, **fields) -> Incident:
    """Edit an incident as a whole (the same rules as recording one), from the version the editor saw.

    Refused with ``conflict`` when the incident has changed since ``expected_version`` (also when a
    concurrent edit wins between our read and our write: the UPDATE is guarded by the version), when
    ``external_reference`` is another incident's, or when ``occurred_at`` would move after an
    involvement assessment or a review that already dealt with the incident. A save that changes
    nothing leaves the version as it is.
    """
    errors = ErrorCollector()
    if isinstance(expected_version, bool) or not isinstance(expected_version, int) or expected_version < 1:
        errors.add("expected_version", "invalid", "must be the incident's version as read (1 or more)")
    try:
        values = _checked(**fields)
    except ValidationFailed as exc:
        errors.errors.extend(exc.errors)
    errors.raise_if_any("Cannot change incident")
    incident = await get(session, Incident, incident_id, "incident_id")
    if incident.version != expected_version:
        raise _changed_since(expected_version, incident.version)
    reference = values["external_reference"]
    if reference and reference != incident.external_reference and await by_external_reference(session, reference):
        raise Conflict.single("external_reference", "already_recorded", "another incident is recorded under this reference")
    if values["occurred_at"] > incident.occurred_at:
        await _not_after_assessments(session, incident_id, values["occurred_at"])
    changed = {name: value for name, value in values.items() if getattr(incident, name) != value}
    if not changed:
        return incident
    for name, value in changed.items():
        setattr(incident, name, value)
    try:
        async with session.begin_nested():
            await session.flush()
    except StaleDataError:  # the version moved between our read and our UPDATE
        raise _changed_since(expected_version) from None
    except IntegrityError:  # a concurrent write took the reference first
        raise Conflict.single("external_reference", "already_recorded",
                              "another incident is recorded under this reference") from None
    return incident


async def _not_after_assessments(session: AsyncSession, incident_id: uuid.UUID, occurred_at: datetime) -> None:
    """The incident cannot move to after what was already said about it (assessments, review decisions)."""
    assessed = await session.scalar(select(func.min(GroupInvolvementAssessment.assessed_at))
                                    .where(GroupInvolvementAssessment.incident_id == incident_id))
    if assessed is not None and occurred_at > assessed:
        raise Conflict.single("occurred_at", "after_assessment",
                              "must not be after the incident's first involvement assessment "
                              f"({assessed.astimezone(STOCKHOLM):%Y-%m-%d %H:%M})")
    reviewed = await session.scalar(select(func.min(IncidentReview.held_on))
                                    .join(ReviewDecision, ReviewDecision.review_id == IncidentReview.id)
                                    .where(ReviewDecision.incident_id == incident_id))
    if reviewed is not None and occurred_at.astimezone(STOCKHOLM).date() > reviewed:
        raise Conflict.single("occurred_at", "after_review", f"must not be after the review of {reviewed} that decided on it")


_INGEST_INSERT = (
    pg_insert(Incident.__table__)
    .on_conflict_do_nothing(index_elements=["tenant_id", "external_reference"],
                            index_where=Incident.__table__.c.external_reference.is_not(None))
    .returning(Incident.__table__.c.id)
)


@dataclass(frozen=True)
class Ingested:
    """The outcome of one item of a batch: ``created`` or ``duplicate`` (with the incident's id) or ``error``."""

    status: str  # "created" | "duplicate" | "error"
    incident_id: uuid.UUID | None = None
    error: ValidationFailed | None = None


async def ingest(session: AsyncSession, items: list[dict]) -> list[Ingested]:
    """Record a batch from a reporting system: one outcome per item, in order.

    The same rules as :func:`create_incident` for every item (a refused item does not stop the
    others); an external reference already recorded — in the city, earlier in the batch, or by a
    concurrent feed while this batch was written — is a duplicate pointing at the existing incident.
    Written with one look-up and one multi-row insert, whatever the batch size: a feed of 500
    incidents no longer costs 500 savepoints and inserts.
    """
    tenant_id = require_tenant_id()
    outcomes: list[Ingested | None] = [None] * len(items)
    checked: list[tuple[int, dict]] = []
    for index, item in enumerate(items):
        try:
            checked.append((index, _checked(**item)))
        except ValidationFailed as exc:
            outcomes[index] = Ingested("error", error=exc)
    references = {v["external_reference"] for _, v in checked if v["external_reference"]}
    known: dict[str, uuid.UUID] = {}
    if references:
        rows = await session.execute(select(Incident.external_reference, Incident.id)
                                     .where(Incident.external_reference.in_(references)))
        known = {ref: id_ for ref, id_ in rows}
    new_rows: list[dict] = []
    for index, values in checked:
        reference = values["external_reference"]
        if reference and reference in known:
            outcomes[index] = Ingested("duplicate", known[reference])
            continue
        row = {"tenant_id": tenant_id, "id": uuid.uuid4(), **values}
        if reference:
            known[reference] = row["id"]
        new_rows.append(row)
        outcomes[index] = Ingested("created", row["id"])
    if new_rows:
        # One cached statement; SQLAlchemy sends the rows as multi-row INSERTs ("insertmanyvalues").
        inserted = set((await session.execute(_INGEST_INSERT, new_rows)).scalars())
        lost = {r["id"]: r["external_reference"] for r in new_rows if r["id"] not in inserted}
        if lost:  # a concurrent feed recorded these references between our look-up and our insert
            rows = await session.execute(select(Incident.external_reference, Incident.id)
                                         .where(Incident.external_reference.in_(set(lost.values()))))
            winner = {ref: id_ for ref, id_ in rows}
            outcomes = [Ingested("duplicate", winner[lost[o.incident_id]]) if o is not None and o.incident_id in lost else o
                        for o in outcomes]
    return outcomes  # type: ignore[return-value]


async def link_group(session: AsyncSession, *, incident_id: uuid.UUID, group_id: uuid.UUID,
                     role: IncidentRole) -> IncidentGroup:
    await get(session, Incident, incident_id, "incident_id")
    await get(session, Group, group_id, "group_id")
    role = IncidentRole(role)
    if await session.scalar(select(IncidentGroup.id).where(IncidentGroup.incident_id == incident_id,
                                                           IncidentGroup.group_id == group_id, IncidentGroup.role == role)):
        raise Conflict.single("group_id", "already_linked", f"the group is already linked as {role.value}")
    row = IncidentGroup(tenant_id=require_tenant_id(), incident_id=incident_id, group_id=group_id, role=role)
    session.add(row)
    await session.flush()
    return row


async def link_person(session: AsyncSession, *, incident_id: uuid.UUID, person_id: uuid.UUID,
                      role: IncidentRole) -> IncidentPerson:
    """Link a person with their role; a victim stays a victim (never turned into a membership)."""
    await get(session, Incident, incident_id, "incident_id")
    await get(session, Person, person_id, "person_id")
    role = IncidentRole(role)
    if await session.scalar(select(IncidentPerson.id).where(IncidentPerson.incident_id == incident_id,
                                                            IncidentPerson.person_id == person_id,
                                                            IncidentPerson.role == role)):
        raise Conflict.single("person_id", "already_linked", f"the person is already linked as {role.value}")
    row = IncidentPerson(tenant_id=require_tenant_id(), incident_id=incident_id, person_id=person_id, role=role)
    session.add(row)
    await session.flush()
    return row


async def assess_involvement(
    session: AsyncSession, *, incident_id: uuid.UUID, group_id: uuid.UUID, involvement: Involvement,
    confidence: Confidence, assessed_at: datetime | None = None, review_id: uuid.UUID | None = None,
    note: str | None = None,
) -> GroupInvolvementAssessment:
    """Add a group-involvement assessment; earlier ones are kept (the latest is current)."""
    assessed_at = assessed_at or _now()
    errors = ErrorCollector()
    if assessed_at > _now():
        errors.add("assessed_at", "in_future", "must not be in the future")
    errors.raise_if_any("Cannot record assessment")
    incident = await get(session, Incident, incident_id, "incident_id")
    await get(session, Group, group_id, "group_id")
    await get_optional(session, IncidentReview, review_id, "review_id")
    if assessed_at < incident.occurred_at:
        raise ValidationFailed.single("assessed_at", "before_incident", "must not be before the incident")
    row = GroupInvolvementAssessment(
        tenant_id=require_tenant_id(), incident_id=incident_id, group_id=group_id, involvement=Involvement(involvement),
        confidence=Confidence(confidence), assessed_at=assessed_at, review_id=review_id, note=note,
    )
    session.add(row)
    await session.flush()
    return row


async def current_involvement(session: AsyncSession, *, incident_id: uuid.UUID) -> list[GroupInvolvementAssessment]:
    """The latest assessment per group for an incident."""
    stmt = (select(GroupInvolvementAssessment).where(GroupInvolvementAssessment.incident_id == incident_id)
            .ext(distinct_on(GroupInvolvementAssessment.group_id))
            .order_by(GroupInvolvementAssessment.group_id, GroupInvolvementAssessment.assessed_at.desc(),
                      GroupInvolvementAssessment.id))
    return list(await session.scalars(stmt))


async def involvement_history(session: AsyncSession, *, incident_id: uuid.UUID) -> list[GroupInvolvementAssessment]:
    return list(await session.scalars(select(GroupInvolvementAssessment)
                                      .where(GroupInvolvementAssessment.incident_id == incident_id)
                                      .order_by(GroupInvolvementAssessment.assessed_at)))


async def hold_review(session: AsyncSession, *, held_on: date, note: str | None = None) -> IncidentReview:
    errors = ErrorCollector()
    not_future(errors, "held_on", held_on)
    errors.raise_if_any("Cannot record review")
    review = IncidentReview(tenant_id=require_tenant_id(), held_on=held_on, note=note)
    session.add(review)
    await session.flush()
    return review


async def decide(
    session: AsyncSession, *, review_id: uuid.UUID, incident_id: uuid.UUID, decision: str,
    group_id: uuid.UUID | None = None, involvement: Involvement | None = None, confidence: Confidence | None = None,
) -> ReviewDecision:
    """Record what a review decided about an incident, optionally (re)attributing it to a group."""
    errors = ErrorCollector()
    required_text(errors, "decision", decision, 4000)
    if (group_id is None) != (involvement is None) or (involvement is not None and confidence is None):
        errors.add("involvement", "incomplete", "an attribution needs the group, the involvement and the confidence")
    errors.raise_if_any("Cannot record decision")
    review = await get(session, IncidentReview, review_id, "review_id")
    incident = await get(session, Incident, incident_id, "incident_id")
    if incident.occurred_at.astimezone(STOCKHOLM).date() > review.held_on:
        raise Conflict.single("incident_id", "after_review", "the incident happened after the review was held")
    row = ReviewDecision(tenant_id=require_tenant_id(), review_id=review_id, incident_id=incident_id, decision=decision)
    session.add(row)
    if group_id is not None:
        at = datetime.combine(review.held_on, datetime.min.time(), STOCKHOLM).replace(hour=12)
        await assess_involvement(session, incident_id=incident_id, group_id=group_id, involvement=involvement,
                                 confidence=confidence, assessed_at=max(at, incident.occurred_at), review_id=review_id,
                                 note=decision)
    await session.flush()
    return row
