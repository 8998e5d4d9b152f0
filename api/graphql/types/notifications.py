"""Custom notifications: one person, sought out individually, given the message and the offer."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime

import strawberry
from strawberry import relay
from strawberry.types import Info

from api.graphql.permissions import Requires
from api.graphql.types.base import Loaded, gql_enum
from api.graphql.types.organisation import OrganisationNode
from api.graphql.types.people import PersonNode, person
from domain.identity.permissions import Category
from domain.notifications.models import CustomNotification as CustomNotificationRow
from domain.notifications.models import NotificationOutcome, NotificationSetting

NotificationSettingEnum = gql_enum(NotificationSetting)
NotificationOutcomeEnum = gql_enum(NotificationOutcome)


@strawberry.type(name="CustomNotification", description="A custom notification (person-level data). Requires notifications:read.")
class CustomNotificationNode(Loaded, relay.Node):
    _model = CustomNotificationRow
    _category = Category.notifications
    _person = "person_id"
    _private = ("person_id",)

    id: relay.NodeID[str]
    delivered_on: date
    setting: NotificationSettingEnum  # type: ignore[valid-type]
    delivered_by: str = strawberry.field(description="The staff who delivered it.")
    message: str | None
    outcome: NotificationOutcomeEnum  # type: ignore[valid-type]
    support_offered: bool
    risk_assessment: str | None
    follow_up_on: date | None
    created_at: datetime
    person_id: strawberry.Private[uuid.UUID]

    @strawberry.field(extensions=[Requires(Category.people)])
    async def person(self, info: Info) -> PersonNode | None:
        return await person(info, self.person_id)

    @strawberry.field(description="The delivering organisations.")
    async def organisations(self, info: Info) -> list[OrganisationNode]:
        return [OrganisationNode.from_row(r[1]) for r in await info.context.loaders.organisations_by_notification.load(self.pk)]


@strawberry.input(description="Narrows `customNotifications`.")
class CustomNotificationFilter:
    outcome: NotificationOutcomeEnum | None = None  # type: ignore[valid-type]
    delivered_from: date | None = None
    delivered_to: date | None = None
    person_id: strawberry.ID | None = strawberry.field(default=None, description="Global id of a person.")


@strawberry.enum(description="Orderings of `customNotifications`.")
class CustomNotificationOrder(enum.Enum):
    DELIVERED_ON_DESC = "delivered_on_desc"
    DELIVERED_ON = "delivered_on"
