"""Incidents, their links and involvement, incident reviews, and batched ingestion for police systems."""

from __future__ import annotations

import dataclasses
import enum
import uuid
from datetime import date, datetime

import strawberry
from strawberry.types import Info

from api.graphql.errors import UserError
from api.graphql.mutations.base import Record, describe, gid, input_errors, mutate, write_once
from api.graphql.mutations.payloads import IncidentPayload, IncidentReviewPayload
from api.graphql.types.groups import ConfidenceEnum
from api.graphql.types.incidents import IncidentNode, IncidentRoleEnum, IncidentTypeEnum, InvolvementEnum
from api.observability.metrics import INGESTED_INCIDENTS
from domain.identity.permissions import Category
from domain.incidents import service as incidents
from domain.incidents.models import Incident, IncidentReview
from domain.rules import get
from tenants.errors import DomainError

I = Category.incidents
MAX_INGEST = 500


@strawberry.input(description="An incident as a reporting system sends it. A naive occurredAt is Swedish local time.")
class IncidentInput:
    type: IncidentTypeEnum  # type: ignore[valid-type]
    occurred_at: datetime
    confirmed: bool
    killed: int = strawberry.field(description="People killed (0 when nobody).")
    injured: int = strawberry.field(description="People injured (0 when nobody).")
    area: str | None = None
    police_area: str | None = None
    police_region: str | None = None
    external_reference: str | None = strawberry.field(default=None, description="The reporting system's id: "
                                                      "an incident already recorded under it is returned, not duplicated.")
    description: str | None = None


@strawberry.input(description="An incident as it should now be (every field; an optional one left out or null is "
                             "cleared), from the version the editor saw. A naive occurredAt is Swedish local time.")
class UpdateIncidentInput:
    incident_id: strawberry.ID
    expected_version: int = strawberry.field(description="The incident's `version` when the editor read it: a change "
                                             "made by someone else since is never overwritten (code conflict).")
    type: IncidentTypeEnum  # type: ignore[valid-type]
    occurred_at: datetime
    confirmed: bool
    killed: int = strawberry.field(description="People killed (0 when nobody).")
    injured: int = strawberry.field(description="People injured (0 when nobody).")
    area: str | None = None
    police_area: str | None = None
    police_region: str | None = None
    external_reference: str | None = strawberry.field(default=None, description="The reporting system's id (unique per city).")
    description: str | None = None


@strawberry.input
class LinkIncidentGroupInput:
    incident_id: strawberry.ID
    group_id: strawberry.ID
    role: IncidentRoleEnum  # type: ignore[valid-type]


@strawberry.input
class LinkIncidentPersonInput:
    incident_id: strawberry.ID
    person_id: strawberry.ID
    role: IncidentRoleEnum  # type: ignore[valid-type]


@strawberry.input
class AssessInvolvementInput:
    incident_id: strawberry.ID
    group_id: strawberry.ID
    involvement: InvolvementEnum  # type: ignore[valid-type]
    confidence: ConfidenceEnum  # type: ignore[valid-type]
    assessed_at: datetime | None = strawberry.field(default=None, description="Default: now.")
    review_id: strawberry.ID | None = None
    note: str | None = None


@strawberry.input
class HoldIncidentReviewInput:
    held_on: date
    note: str | None = None


@strawberry.input
class DecideIncidentReviewInput:
    review_id: strawberry.ID
    incident_id: strawberry.ID
    decision: str
    group_id: strawberry.ID | None = strawberry.field(default=None, description="(Re)attribute to this group …")
    involvement: InvolvementEnum | None = None  # type: ignore[valid-type]
    confidence: ConfidenceEnum | None = None  # type: ignore[valid-type]


@strawberry.enum(description="What happened to one item of `ingestIncidents`.")
class IngestStatus(enum.Enum):
    CREATED = "created"
    DUPLICATE = "duplicate"
    ERROR = "error"


@strawberry.type(description="The outcome of one item of `ingestIncidents`, in input order.")
class IngestResult:
    index: int = strawberry.field(description="The item's position in the input (0-based).")
    status: IngestStatus  # type: ignore[valid-type]
    incident: IncidentNode | None = strawberry.field(description="The created incident, or the existing one for a duplicate.")
    errors: list[UserError] = strawberry.field(description="Why the item was refused (fields as input[i].field).")


@strawberry.type
class IngestIncidentsPayload:
    results: list[IngestResult]
    created: int
    duplicates: int
    failed: int
    errors: list[UserError] = strawberry.field(description="Refusals of the whole call (e.g. too many items); then nothing is written.")
    replayed: bool = False


def _arguments(item: IncidentInput | UpdateIncidentInput) -> dict:
    return {"type": item.type, "occurred_at": item.occurred_at, "confirmed": item.confirmed, "killed": item.killed,
            "injured": item.injured, "area": item.area, "police_area": item.police_area,
            "police_region": item.police_region, "external_reference": item.external_reference,
            "description": item.description}


def _create(s, item: IncidentInput):
    return incidents.create_incident(s, **_arguments(item))


@strawberry.type
class IncidentMutations:
    @strawberry.mutation(description=describe("Record an incident (an external reference already recorded returns the "
                                              "existing incident).", I))
    async def create_incident(self, info: Info, input: IncidentInput, idempotency_key: str | None = None) -> IncidentPayload:
        return await mutate(info, IncidentPayload, category=I, operation="createIncident", input=input, key=idempotency_key,
                            run=lambda s, _: _create(s, input))

    @strawberry.mutation(description=describe(
        "Change an incident (all its fields at once), from the version the editor saw: refused with code conflict on "
        "`input.expectedVersion` when someone else changed it since; nothing is written then.", I))
    async def update_incident(self, info: Info, input: UpdateIncidentInput,
                              idempotency_key: str | None = None) -> IncidentPayload:
        return await mutate(info, IncidentPayload, category=I, operation="updateIncident", input=input, key=idempotency_key,
                            run=lambda s, _: incidents.update_incident(
                                s, incident_id=gid(input.incident_id, "Incident", "incident_id"),
                                expected_version=input.expected_version, **_arguments(input)))

    @strawberry.mutation(description=(
        f"Batched ingestion for police systems: up to {MAX_INGEST} incidents per call (more is refused before anything is "
        "written), de-duplicated by external reference (against the city's incidents and within the batch), with one "
        "result per item; a refused item does not stop the others. " + describe("", I).strip()))
    async def ingest_incidents(self, info: Info, input: list[IncidentInput],
                               idempotency_key: str | None = None) -> IngestIncidentsPayload:
        context = info.context
        if len(input) > MAX_INGEST:
            return IngestIncidentsPayload(results=[], created=0, duplicates=0, failed=0, errors=[UserError(
                field="input", code="too_many", message=f"at most {MAX_INGEST} incidents per call; this one has {len(input)}")])

        async def run(session, _level) -> Record:
            outcome = await incidents.ingest(session, [_arguments(item) for item in input])
            items = [{"status": o.status, "id": str(o.incident_id) if o.incident_id else None,
                      **({"errors": [dataclasses.asdict(e) for e in input_errors(o.error, prefix=f"input[{i}]")]}
                         if o.error else {})} for i, o in enumerate(outcome)]
            created = [item["id"] for item in items if item["status"] == "created"]
            return Record({"id": str(uuid.uuid4()), "items": items}, None, {"received": len(input), "created": created})

        try:
            done = await write_once(info, category=I, operation="ingestIncidents", input=input, key=idempotency_key,
                                    run=run)
        except DomainError as exc:
            return IngestIncidentsPayload(results=[], created=0, duplicates=0, failed=0, errors=input_errors(exc))
        result, replayed = done.result, done.replayed
        ids = [uuid.UUID(r["id"]) for r in result["items"] if r.get("id")]
        rows = {r.id: r for r in await context.loaders.incident_by_id.load_many(ids) if r is not None}
        results = []
        for i, item in enumerate(result["items"]):
            row = rows.get(uuid.UUID(item["id"])) if item.get("id") else None
            results.append(IngestResult(
                index=i, status=IngestStatus(item["status"]), incident=IncidentNode.from_row(row) if row else None,
                errors=[UserError(**e) for e in item.get("errors", [])]))
        count = {s: sum(1 for r in result["items"] if r["status"] == s) for s in ("created", "duplicate", "error")}
        if not replayed:
            for status, n in count.items():
                INGESTED_INCIDENTS.labels(status).inc(n)
        return IngestIncidentsPayload(results=results, created=count["created"], duplicates=count["duplicate"],
                                      failed=count["error"], errors=[], replayed=replayed)

    @strawberry.mutation(description=describe("Link a group to an incident with its role.", I))
    async def link_incident_group(self, info: Info, input: LinkIncidentGroupInput,
                                  idempotency_key: str | None = None) -> IncidentPayload:
        async def run(s, _):
            incident_id = gid(input.incident_id, "Incident", "incident_id")
            await incidents.link_group(s, incident_id=incident_id, group_id=gid(input.group_id, "Group", "group_id"),
                                       role=input.role)
            return await get(s, Incident, incident_id, "incident_id")

        return await mutate(info, IncidentPayload, category=I, operation="linkIncidentGroup", input=input, key=idempotency_key,
                            run=run)

    @strawberry.mutation(description=describe("Link a person to an incident with their role (a victim stays a victim).", I))
    async def link_incident_person(self, info: Info, input: LinkIncidentPersonInput,
                                   idempotency_key: str | None = None) -> IncidentPayload:
        async def run(s, _):
            incident_id = gid(input.incident_id, "Incident", "incident_id")
            await incidents.link_person(s, incident_id=incident_id, person_id=gid(input.person_id, "Person", "person_id"),
                                        role=input.role)
            return await get(s, Incident, incident_id, "incident_id")

        return await mutate(info, IncidentPayload, category=I, operation="linkIncidentPerson", input=input, key=idempotency_key,
                            run=run)

    @strawberry.mutation(description=describe("Add a group-involvement assessment (earlier ones are kept).", I))
    async def assess_involvement(self, info: Info, input: AssessInvolvementInput,
                                 idempotency_key: str | None = None) -> IncidentPayload:
        async def run(s, _):
            incident_id = gid(input.incident_id, "Incident", "incident_id")
            await incidents.assess_involvement(
                s, incident_id=incident_id, group_id=gid(input.group_id, "Group", "group_id"), involvement=input.involvement,
                confidence=input.confidence, assessed_at=input.assessed_at,
                review_id=gid(input.review_id, "IncidentReview", "review_id"), note=input.note)
            return await get(s, Incident, incident_id, "incident_id")

        return await mutate(info, IncidentPayload, category=I, operation="assessInvolvement", input=input, key=idempotency_key,
                            run=run)

    @strawberry.mutation(description=describe("Record an incident review (the regular shooting review).", I))
    async def hold_incident_review(self, info: Info, input: HoldIncidentReviewInput,
                                   idempotency_key: str | None = None) -> IncidentReviewPayload:
        return await mutate(info, IncidentReviewPayload, category=I, operation="holdIncidentReview", input=input,
                            key=idempotency_key, run=lambda s, _: incidents.hold_review(s, held_on=input.held_on, note=input.note))

    @strawberry.mutation(description=describe("Record what a review decided about an incident, optionally (re)attributing it.", I))
    async def decide_incident_review(self, info: Info, input: DecideIncidentReviewInput,
                                     idempotency_key: str | None = None) -> IncidentReviewPayload:
        async def run(s, _):
            review_id = gid(input.review_id, "IncidentReview", "review_id")
            await incidents.decide(s, review_id=review_id, incident_id=gid(input.incident_id, "Incident", "incident_id"),
                                   decision=input.decision, group_id=gid(input.group_id, "Group", "group_id"),
                                   involvement=input.involvement, confidence=input.confidence)
            return await get(s, IncidentReview, review_id, "review_id")

        return await mutate(info, IncidentReviewPayload, category=I, operation="decideIncidentReview", input=input,
                            key=idempotency_key, run=run)
