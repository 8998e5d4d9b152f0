"""Outreach activity: contacts, mediations and hours logged by outreach workers. Own-organisation
roles see only their organisation's activity."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime
from decimal import Decimal

import strawberry
from strawberry import relay
from strawberry.types import Info

from api.graphql.permissions import Requires
from api.graphql.types.base import Loaded, gql_enum
from api.graphql.types.callins import organisation
from api.graphql.types.groups import GroupNode, group
from api.graphql.types.organisation import OrganisationNode
from api.graphql.types.people import PersonNode, person
from domain.identity.permissions import Category
from domain.outreach.models import OutreachActivity as OutreachActivityRow
from domain.outreach.models import OutreachKind

OutreachKindEnum = gql_enum(OutreachKind)


@strawberry.type(name="OutreachActivity", description="A contact, mediation or hours logged. Requires outreach:read.")
class OutreachActivityNode(Loaded, relay.Node):
    _model = OutreachActivityRow
    _category = Category.outreach
    _private = ("organisation_id", "person_id", "other_person_id", "group_id", "other_group_id")

    id: relay.NodeID[str]
    kind: OutreachKindEnum  # type: ignore[valid-type]
    occurred_on: date
    worker: str
    hours: Decimal
    note: str | None
    created_at: datetime
    organisation_id: strawberry.Private[uuid.UUID | None]
    person_id: strawberry.Private[uuid.UUID | None]
    other_person_id: strawberry.Private[uuid.UUID | None]
    group_id: strawberry.Private[uuid.UUID | None]
    other_group_id: strawberry.Private[uuid.UUID | None]

    @strawberry.field
    async def organisation(self, info: Info) -> OrganisationNode | None:
        return await organisation(info, self.organisation_id)

    @strawberry.field(extensions=[Requires(Category.people)])
    async def person(self, info: Info) -> PersonNode | None:
        return await person(info, self.person_id)

    @strawberry.field(description="Mediation: the other party.", extensions=[Requires(Category.people)])
    async def other_person(self, info: Info) -> PersonNode | None:
        return await person(info, self.other_person_id)

    @strawberry.field(description="Requires groups:read (police intelligence).", extensions=[Requires(Category.groups)])
    async def group(self, info: Info) -> GroupNode | None:
        return await group(info, self.group_id)

    @strawberry.field(description="Requires groups:read (police intelligence).", extensions=[Requires(Category.groups)])
    async def other_group(self, info: Info) -> GroupNode | None:
        return await group(info, self.other_group_id)


@strawberry.input(description="Narrows `outreachActivities`.")
class OutreachActivityFilter:
    kind: OutreachKindEnum | None = None  # type: ignore[valid-type]
    occurred_from: date | None = None
    occurred_to: date | None = None


@strawberry.enum(description="Orderings of `outreachActivities`.")
class OutreachActivityOrder(enum.Enum):
    OCCURRED_ON_DESC = "occurred_on_desc"
    OCCURRED_ON = "occurred_on"
