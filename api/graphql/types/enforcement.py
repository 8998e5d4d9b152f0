"""Enforcement actions (focused deterrence). Police intelligence: requires enforcement:read,
which outreach workers, caseworkers and viewers do not have (FORBIDDEN, never nulled)."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime

import strawberry
from strawberry import relay
from strawberry.types import Info

from api.graphql.permissions import Requires
from api.graphql.types.base import Loaded, gql_enum
from api.graphql.types.callins import organisation
from api.graphql.types.groups import GroupNode, group
from api.graphql.types.incidents import IncidentNode
from api.graphql.types.organisation import OrganisationNode
from api.graphql.types.people import PersonNode
from domain.enforcement.models import EnforcementAction as EnforcementActionRow
from domain.enforcement.models import EnforcementType
from domain.identity.permissions import Category

EnforcementTypeEnum = gql_enum(EnforcementType)


@strawberry.type(name="EnforcementAction", description="An enforcement action. Requires enforcement:read.")
class EnforcementActionNode(Loaded, relay.Node):
    _model = EnforcementActionRow
    _category = Category.enforcement
    _private = ("organisation_id", "group_id")

    id: relay.NodeID[str]
    type: EnforcementTypeEnum  # type: ignore[valid-type]
    taken_on: date
    result: str | None
    note: str | None
    created_at: datetime
    organisation_id: strawberry.Private[uuid.UUID | None]
    group_id: strawberry.Private[uuid.UUID | None]

    @strawberry.field(description="The organisation that acted.")
    async def organisation(self, info: Info) -> OrganisationNode | None:
        return await organisation(info, self.organisation_id)

    @strawberry.field(description="The targeted group. Requires groups:read.", extensions=[Requires(Category.groups)])
    async def group(self, info: Info) -> GroupNode | None:
        return await group(info, self.group_id)

    @strawberry.field(description="The targeted people. Requires people:read.", extensions=[Requires(Category.people)])
    async def targets(self, info: Info) -> list[PersonNode]:
        rows = [r[1] for r in await info.context.loaders.people_by_enforcement_action.load(self.pk)]
        info.context.saw_people([r.id for r in rows])
        return PersonNode.from_rows(rows)

    @strawberry.field(description="The incidents that triggered it. Requires incidents:read.",
                      extensions=[Requires(Category.incidents)])
    async def triggering_incidents(self, info: Info) -> list[IncidentNode]:
        return IncidentNode.from_rows(r[1] for r in await info.context.loaders.incidents_by_enforcement_action.load(self.pk))


@strawberry.input(description="Narrows `enforcementActions`.")
class EnforcementActionFilter:
    type: EnforcementTypeEnum | None = None  # type: ignore[valid-type]
    taken_from: date | None = None
    taken_to: date | None = None
    group_id: strawberry.ID | None = strawberry.field(default=None, description="Global id of the targeted group.")


@strawberry.enum(description="Orderings of `enforcementActions`.")
class EnforcementActionOrder(enum.Enum):
    TAKEN_ON_DESC = "taken_on_desc"
    TAKEN_ON = "taken_on"
