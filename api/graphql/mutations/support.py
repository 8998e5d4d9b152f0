"""Support cases, their status machine and consent (support:write; own-organisation roles act for
their organisation's cases only)."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry.types import Info

from api.graphql.mutations.base import describe, gid, mutate, own_org
from api.graphql.mutations.payloads import PersonPayload, SupportCasePayload
from api.graphql.types.support import ConsentActionEnum, ProviderTypeEnum, SupportContextEnum, SupportStatusEnum
from domain.identity.permissions import Access, Category
from domain.people.models import Person
from domain.rules import get
from domain.support import service as support
from domain.support.models import SupportCase, SupportContext
from tenants.errors import ValidationFailed

S = Category.support


@strawberry.input
class OfferSupportInput:
    person_id: strawberry.ID
    provider_type: ProviderTypeEnum  # type: ignore[valid-type]
    offered_on: date
    context: SupportContextEnum = SupportContext.other  # type: ignore[valid-type]
    provider_organisation_id: strawberry.ID | None = strawberry.field(
        default=None, description="Own-organisation roles: empty or their own organisation.")
    call_in_id: strawberry.ID | None = None
    notification_id: strawberry.ID | None = None
    note: str | None = None


@strawberry.input
class TransitionSupportCaseInput:
    case_id: strawberry.ID
    to: SupportStatusEnum  # type: ignore[valid-type]
    on: date
    reason: str | None = strawberry.field(default=None, description="Required for declined, dropped and withdrawn.")


@strawberry.input
class RecordConsentInput:
    person_id: strawberry.ID
    action: ConsentActionEnum  # type: ignore[valid-type]
    recorded_on: date
    scope: str
    case_id: strawberry.ID | None = None


async def _own_case(info: Info, level, session, case_id):
    case = await get(session, SupportCase, case_id, "case_id")
    own_org(info, level, case.provider_organisation_id, "case_id")
    return case


@strawberry.type
class SupportMutations:
    @strawberry.mutation(description=describe("Offer support (a case in status offered).", S))
    async def offer_support(self, info: Info, input: OfferSupportInput, idempotency_key: str | None = None) -> SupportCasePayload:
        return await mutate(info, SupportCasePayload, category=S, operation="offerSupport", input=input, key=idempotency_key,
                            run=lambda s, level: support.offer(
                                s, person_id=gid(input.person_id, "Person", "person_id"), provider_type=input.provider_type,
                                offered_on=input.offered_on, context=input.context,
                                provider_organisation_id=own_org(info, level, gid(input.provider_organisation_id, "Organisation",
                                                                                  "provider_organisation_id"),
                                                                 "provider_organisation_id"),
                                call_in_id=gid(input.call_in_id, "CallIn", "call_in_id"),
                                notification_id=gid(input.notification_id, "CustomNotification", "notification_id"),
                                note=input.note))

    @strawberry.mutation(description=describe("Move a support case along its status machine (illegal changes are refused "
                                              "with the reason).", S))
    async def transition_support_case(self, info: Info, input: TransitionSupportCaseInput,
                                      idempotency_key: str | None = None) -> SupportCasePayload:
        async def run(s, level):
            case_id = gid(input.case_id, "SupportCase", "case_id")
            await _own_case(info, level, s, case_id)
            return await support.transition(s, case_id=case_id, to=input.to, on=input.on, reason=input.reason)

        return await mutate(info, SupportCasePayload, category=S, operation="transitionSupportCase", input=input,
                            key=idempotency_key, run=run)

    @strawberry.mutation(description=describe("Record consent given or withdrawn; answers with the person.", S))
    async def record_consent(self, info: Info, input: RecordConsentInput, idempotency_key: str | None = None) -> PersonPayload:
        async def run(s, level):
            person_id = gid(input.person_id, "Person", "person_id")
            case_id = gid(input.case_id, "SupportCase", "case_id")
            if case_id is not None:
                await _own_case(info, level, s, case_id)
            elif level is Access.own_org:  # own-organisation roles record consent within their own cases
                raise ValidationFailed.single("case_id", "required", "name the support case the consent belongs to")
            await support.record_consent(s, person_id=person_id, action=input.action, recorded_on=input.recorded_on,
                                         scope=input.scope, case_id=case_id)
            return await get(s, Person, person_id, "person_id")

        return await mutate(info, PersonPayload, category=S, operation="recordConsent", input=input, key=idempotency_key, run=run)
