"""Programme settings, phases, fidelity checks and context events (programme:write)."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry.types import Info

from api.graphql.mutations.base import describe, mutate, payload_type
from api.graphql.mutations.payloads import ContextEventPayload
from api.graphql.types.programme import (
    ContextEventKindEnum,
    FidelityElementEnum,
    FidelityStatusEnum,
    PhaseEnum,
    ProgrammeSettings,
)
from domain.identity.permissions import Category
from domain.programme import service as programme
from domain.programme.models import ContextEventKind

PR = Category.programme


@strawberry.input
class SaveProgrammeSettingsInput:
    name: str
    started_on: date
    population: int | None = None
    population_year: int | None = None


@strawberry.input
class SetProgrammePhaseInput:
    phase: PhaseEnum  # type: ignore[valid-type]
    started_on: date
    ended_on: date | None = None
    note: str | None = None


@strawberry.input
class RecordFidelityCheckInput:
    element: FidelityElementEnum  # type: ignore[valid-type]
    status: FidelityStatusEnum  # type: ignore[valid-type]
    assessed_on: date
    evidence: str
    next_review_on: date | None = None


@strawberry.input
class AddContextEventInput:
    kind: ContextEventKindEnum = ContextEventKind.other  # type: ignore[valid-type]
    title: str = strawberry.field(description="1–300 characters.")
    started_on: date = strawberry.field(description="The first day.")
    ended_on: date | None = None
    description: str | None = None
    national: bool = False


async def load_programme(info: Info) -> ProgrammeSettings | None:
    from api.graphql.queries import programme_settings

    return await programme_settings(info)


ProgrammeSettingsPayload = payload_type("ProgrammeSettingsPayload", "programme", ProgrammeSettings)


@strawberry.type
class ProgrammeMutations:
    @strawberry.mutation(description=describe("Save the programme's settings (one per city).", PR))
    async def save_programme_settings(self, info: Info, input: SaveProgrammeSettingsInput,
                                      idempotency_key: str | None = None) -> ProgrammeSettingsPayload:
        return await mutate(info, ProgrammeSettingsPayload, category=PR, operation="saveProgrammeSettings", input=input,
                            key=idempotency_key, load=lambda _: load_programme(info),
                            run=lambda s, _: programme.save_settings(s, name=input.name, started_on=input.started_on,
                                                                     population=input.population,
                                                                     population_year=input.population_year))

    @strawberry.mutation(description=describe("Set the dates of a programme phase.", PR))
    async def set_programme_phase(self, info: Info, input: SetProgrammePhaseInput,
                                  idempotency_key: str | None = None) -> ProgrammeSettingsPayload:
        return await mutate(info, ProgrammeSettingsPayload, category=PR, operation="setProgrammePhase", input=input,
                            key=idempotency_key, load=lambda _: load_programme(info),
                            run=lambda s, _: programme.set_phase(s, phase=input.phase, started_on=input.started_on,
                                                                 ended_on=input.ended_on, note=input.note))

    @strawberry.mutation(description=describe("Assess one element of the GVI model, with the evidence.", PR))
    async def record_fidelity_check(self, info: Info, input: RecordFidelityCheckInput,
                                    idempotency_key: str | None = None) -> ProgrammeSettingsPayload:
        return await mutate(info, ProgrammeSettingsPayload, category=PR, operation="recordFidelityCheck", input=input,
                            key=idempotency_key, load=lambda _: load_programme(info),
                            run=lambda s, _: programme.record_fidelity(
                                s, element=input.element, status=input.status, assessed_on=input.assessed_on,
                                evidence=input.evidence, next_review_on=input.next_review_on))

    @strawberry.mutation(description=describe("Add a dated context event (shown beside the figures).", PR))
    async def add_context_event(self, info: Info, input: AddContextEventInput,
                                idempotency_key: str | None = None) -> ContextEventPayload:
        return await mutate(info, ContextEventPayload, category=PR, operation="addContextEvent", input=input, key=idempotency_key,
                            run=lambda s, _: programme.add_context_event(
                                s, kind=input.kind, title=input.title, started_on=input.started_on, ended_on=input.ended_on,
                                description=input.description, national=input.national))
