"""Custom notifications (notifications:write)."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry.types import Info

from api.graphql.mutations.base import describe, gid, mutate
from api.graphql.mutations.payloads import CustomNotificationPayload
from api.graphql.types.notifications import NotificationOutcomeEnum, NotificationSettingEnum
from domain.identity.permissions import Category
from domain.notifications import service as notifications

N = Category.notifications


@strawberry.input
class RecordCustomNotificationInput:
    person_id: strawberry.ID
    delivered_on: date
    setting: NotificationSettingEnum  # type: ignore[valid-type]
    delivered_by: str = strawberry.field(description="The staff who delivered it.")
    organisation_ids: list[strawberry.ID] = strawberry.field(description="The delivering organisations (at least one).")
    outcome: NotificationOutcomeEnum  # type: ignore[valid-type]
    support_offered: bool
    message: str | None = None
    risk_assessment: str | None = None
    follow_up_on: date | None = None


@strawberry.type
class NotificationMutations:
    @strawberry.mutation(description=describe("Record a custom notification.", N))
    async def record_custom_notification(self, info: Info, input: RecordCustomNotificationInput,
                                         idempotency_key: str | None = None) -> CustomNotificationPayload:
        return await mutate(info, CustomNotificationPayload, category=N, operation="recordCustomNotification", input=input,
                            key=idempotency_key,
                            run=lambda s, _: notifications.record(
                                s, person_id=gid(input.person_id, "Person", "person_id"), delivered_on=input.delivered_on,
                                setting=input.setting, delivered_by=input.delivered_by,
                                organisation_ids=[gid(o, "Organisation", f"organisation_ids[{i}]")
                                                  for i, o in enumerate(input.organisation_ids)],
                                outcome=input.outcome, support_offered=input.support_offered, message=input.message,
                                risk_assessment=input.risk_assessment, follow_up_on=input.follow_up_on))
