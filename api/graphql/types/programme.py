"""The city programme: settings, phases, the fidelity checklist and context events. Requires programme:read."""

from __future__ import annotations

import enum
from datetime import date, datetime

import strawberry
from strawberry import relay

from api.graphql.types.base import Loaded, gql_enum
from domain.identity.permissions import Category
from domain.programme.models import ContextEvent as ContextEventRow
from domain.programme.models import ContextEventKind, FidelityElement, FidelityStatus, Phase

PhaseEnum = gql_enum(Phase)
FidelityElementEnum = gql_enum(FidelityElement, "The elements of the GVI model a programme should be running.")
FidelityStatusEnum = gql_enum(FidelityStatus)
ContextEventKindEnum = gql_enum(ContextEventKind)


@strawberry.type(description="A phase of the programme.")
class ProgrammePhase:
    phase: PhaseEnum  # type: ignore[valid-type]
    started_on: date
    ended_on: date | None
    note: str | None


@strawberry.type(description="One line of the fidelity checklist: the latest assessment of one element of the model.")
class FidelityItem:
    element: FidelityElementEnum  # type: ignore[valid-type]
    status: FidelityStatusEnum | None = strawberry.field(description="Null when never assessed.")  # type: ignore[valid-type]
    assessed_on: date | None
    evidence: str | None
    next_review_on: date | None
    overdue: bool = strawberry.field(description="Never assessed, or its review date has passed.")


@strawberry.type(description="The city's programme: name, start, population (for rates), phases and fidelity.")
class ProgrammeSettings:
    name: str
    started_on: date
    population: int | None
    population_year: int | None
    phases: list[ProgrammePhase]
    fidelity: list[FidelityItem]


@strawberry.type(name="ContextEvent", description="A dated annotation that matters for evaluation. Requires programme:read.")
class ContextEventNode(Loaded, relay.Node):
    _model = ContextEventRow
    _category = Category.programme

    id: relay.NodeID[str]
    kind: ContextEventKindEnum  # type: ignore[valid-type]
    title: str
    started_on: date
    ended_on: date | None
    description: str | None
    national: bool = strawberry.field(description="Carried into national evaluation.")
    created_at: datetime


@strawberry.input(description="Narrows `contextEvents` to those overlapping a period.")
class ContextEventFilter:
    start: date | None = None
    end: date | None = None
    kind: ContextEventKindEnum | None = None  # type: ignore[valid-type]


@strawberry.enum(description="Orderings of `contextEvents`.")
class ContextEventOrder(enum.Enum):
    STARTED_ON = "started_on"
    STARTED_ON_DESC = "started_on_desc"
