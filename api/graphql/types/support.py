"""Support cases (offers and referrals), their status history and consent. Own-organisation roles
(outreach) see only the cases their organisation provides."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime

import strawberry
from strawberry import relay
from strawberry.types import Info

from api.graphql.permissions import Requires
from api.graphql.types.base import Loaded, gql_enum
from api.graphql.types.callins import CallInNode, organisation
from api.graphql.types.organisation import OrganisationNode
from api.graphql.types.people import PersonNode, person
from domain.identity.permissions import Category
from domain.support.models import ConsentAction, ProviderType, SupportContext, SupportStatus
from domain.support.models import SupportCase as SupportCaseRow

ProviderTypeEnum = gql_enum(ProviderType)
SupportContextEnum = gql_enum(SupportContext)
SupportStatusEnum = gql_enum(SupportStatus, "offered → accepted → started → completed; or declined, dropped, withdrawn.")
ConsentActionEnum = gql_enum(ConsentAction)


@strawberry.type(description="One status change of a support case.")
class SupportTransition:
    from_status: SupportStatusEnum | None  # type: ignore[valid-type]
    to_status: SupportStatusEnum  # type: ignore[valid-type]
    occurred_on: date
    reason: str | None


@strawberry.type(description="Consent given or withdrawn, with date and scope.")
class Consent:
    action: ConsentActionEnum  # type: ignore[valid-type]
    recorded_on: date
    scope: str


@strawberry.type(name="SupportCase", description="An offer or referral of support (person-level data). Requires "
                                                  "support:read; own-organisation roles see only their organisation's cases.")
class SupportCaseNode(Loaded, relay.Node):
    _model = SupportCaseRow
    _category = Category.support
    _person = "person_id"
    _private = ("person_id", "provider_organisation_id", "call_in_id")

    id: relay.NodeID[str]
    provider_type: ProviderTypeEnum  # type: ignore[valid-type]
    context: SupportContextEnum  # type: ignore[valid-type]
    status: SupportStatusEnum  # type: ignore[valid-type]
    status_on: date = strawberry.field(description="When the current status was reached.")
    note: str | None
    created_at: datetime
    person_id: strawberry.Private[uuid.UUID]
    provider_organisation_id: strawberry.Private[uuid.UUID | None]
    call_in_id: strawberry.Private[uuid.UUID | None]

    @strawberry.field(extensions=[Requires(Category.people)])
    async def person(self, info: Info) -> PersonNode | None:
        return await person(info, self.person_id)

    @strawberry.field
    async def provider_organisation(self, info: Info) -> OrganisationNode | None:
        return await organisation(info, self.provider_organisation_id)

    @strawberry.field(description="The call-in where it was offered. Requires callins:read.", extensions=[Requires(Category.callins)])
    async def call_in(self, info: Info) -> CallInNode | None:
        if self.call_in_id is None:
            return None
        row = await info.context.loaders.call_in_by_id.load(self.call_in_id)
        return CallInNode.from_row(row) if row else None

    @strawberry.field(description="Every status change, oldest first.")
    async def transitions(self, info: Info) -> list[SupportTransition]:
        rows = await info.context.loaders.transitions_by_case.load(self.pk)
        return [SupportTransition(from_status=r.from_status, to_status=r.to_status, occurred_on=r.occurred_on, reason=r.reason)
                for r in rows]

    @strawberry.field(description="Consents recorded for this case.")
    async def consents(self, info: Info) -> list[Consent]:
        rows = await info.context.loaders.consents_by_case.load(self.pk)
        return [Consent(action=r.action, recorded_on=r.recorded_on, scope=r.scope) for r in rows]


@strawberry.input(description="Narrows `supportCases`.")
class SupportCaseFilter:
    status: SupportStatusEnum | None = None  # type: ignore[valid-type]
    provider_type: ProviderTypeEnum | None = None  # type: ignore[valid-type]
    person_id: strawberry.ID | None = strawberry.field(default=None, description="Global id of a person.")


@strawberry.enum(description="Orderings of `supportCases`.")
class SupportCaseOrder(enum.Enum):
    CREATED_AT_DESC = "created_at_desc"
    STATUS_ON_DESC = "status_on_desc"
