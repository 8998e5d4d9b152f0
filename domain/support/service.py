"""Support cases: offered → accepted → started → completed, or declined, dropped, withdrawn.

Every change is kept as a transition row; an illegal change is refused with the reason. A case
starts only with the person's consent on record.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.callins.models import CallIn
from domain.notifications.models import CustomNotification
from domain.organisations.models import Organisation
from domain.people.models import Person
from domain.rules import get, get_optional, not_future, required_text
from domain.support.models import (
    Consent,
    ConsentAction,
    ProviderType,
    SupportCase,
    SupportContext,
    SupportStatus,
    SupportTransition,
)
from tenants.context import require_tenant_id
from tenants.errors import Conflict, ErrorCollector

S = SupportStatus
TRANSITIONS: dict[SupportStatus, frozenset[SupportStatus]] = {
    S.offered: frozenset({S.accepted, S.declined, S.withdrawn}),
    S.accepted: frozenset({S.started, S.dropped, S.withdrawn}),
    S.started: frozenset({S.completed, S.dropped, S.withdrawn}),
    S.completed: frozenset(),
    S.declined: frozenset(),
    S.dropped: frozenset(),
    S.withdrawn: frozenset(),
}
FINAL = frozenset(s for s, nxt in TRANSITIONS.items() if not nxt)
NEEDS_REASON = frozenset({S.declined, S.dropped, S.withdrawn})


def refusal_reason(current: SupportStatus, to: SupportStatus) -> str | None:
    """Why ``current → to`` is not allowed, or None when it is."""
    if to in TRANSITIONS[current]:
        return None
    if current in FINAL:
        return f"the case is {current.value}: a closed case does not change (offer a new one)"
    if to is S.completed:
        return "a support case cannot complete without having started"
    if to is S.started:
        return "support starts only after the offer was accepted"
    if to is S.offered:
        return "a case is offered only once, when it is created"
    if to is S.declined:
        return "only an open offer can be declined (an accepted case is dropped instead)"
    if to is S.dropped:
        return "only an accepted or started case can be dropped (an offer is declined or withdrawn)"
    if to is current:
        return f"the case is already {current.value}"
    return f"a {current.value} case cannot become {to.value}"


async def offer(
    session: AsyncSession,
    *,
    person_id: uuid.UUID,
    provider_type: ProviderType,
    offered_on: date,
    context: SupportContext = SupportContext.other,
    provider_organisation_id: uuid.UUID | None = None,
    call_in_id: uuid.UUID | None = None,
    notification_id: uuid.UUID | None = None,
    note: str | None = None,
) -> SupportCase:
    """Offer support (a case in status ``offered``), in the context of a call-in, notification or other."""
    context = SupportContext(context)
    errors = ErrorCollector()
    not_future(errors, "offered_on", offered_on)
    if context is SupportContext.call_in and call_in_id is None:
        errors.add("call_in_id", "required", "an offer made at a call-in names the call-in")
    if context is SupportContext.notification and notification_id is None:
        errors.add("notification_id", "required", "an offer made in a custom notification names it")
    if context is not SupportContext.call_in and call_in_id is not None:
        errors.add("call_in_id", "wrong_context", "only for offers made at a call-in")
    if context is not SupportContext.notification and notification_id is not None:
        errors.add("notification_id", "wrong_context", "only for offers made in a custom notification")
    errors.raise_if_any("Cannot offer support")
    await get(session, Person, person_id, "person_id")
    await get_optional(session, Organisation, provider_organisation_id, "provider_organisation_id")
    call_in = await get_optional(session, CallIn, call_in_id, "call_in_id")
    notification = await get_optional(session, CustomNotification, notification_id, "notification_id")
    if call_in is not None and offered_on < call_in.held_on:
        errors.add("offered_on", "before_call_in", "must not be before the call-in")
    if notification is not None:
        if notification.person_id != person_id:
            errors.add("notification_id", "other_person", "the notification was delivered to someone else")
        if offered_on < notification.delivered_on:
            errors.add("offered_on", "before_notification", "must not be before the notification")
    errors.raise_if_any("Cannot offer support")
    case = SupportCase(
        tenant_id=require_tenant_id(), id=uuid.uuid4(), person_id=person_id, provider_type=ProviderType(provider_type),
        provider_organisation_id=provider_organisation_id, context=context, call_in_id=call_in_id,
        notification_id=notification_id, status=S.offered, status_on=offered_on, note=note,
    )
    session.add(case)
    await session.flush()
    session.add(SupportTransition(tenant_id=case.tenant_id, case_id=case.id, from_status=None, to_status=S.offered,
                                  occurred_on=offered_on))
    await session.flush()
    return case


async def transition(
    session: AsyncSession, *, case_id: uuid.UUID, to: SupportStatus, on: date, reason: str | None = None
) -> SupportCase:
    """Move a case along the status machine; the change is kept as history."""
    to = SupportStatus(to)
    case = await get(session, SupportCase, case_id, "case_id")
    errors = ErrorCollector()
    not_future(errors, "on", on)
    if on < case.status_on:
        errors.add("on", "before_previous", f"must not be before the previous change ({case.status_on})")
    if to in NEEDS_REASON:
        required_text(errors, "reason", reason, 4000)
    errors.raise_if_any("Cannot change support case")
    why = refusal_reason(case.status, to)
    if why:
        raise Conflict.single("status", "illegal_transition", why)
    if to is S.started and not await has_consent(session, person_id=case.person_id, on=on):
        raise Conflict.single("status", "no_consent", "support starts only with the person's consent on record")
    session.add(SupportTransition(tenant_id=case.tenant_id, case_id=case.id, from_status=case.status, to_status=to,
                                  occurred_on=on, reason=reason))
    case.status, case.status_on = to, on
    await session.flush()
    return case


async def history(session: AsyncSession, *, case_id: uuid.UUID) -> list[SupportTransition]:
    return list(await session.scalars(select(SupportTransition).where(SupportTransition.case_id == case_id)
                                      .order_by(SupportTransition.occurred_on, SupportTransition.created_at)))


async def record_consent(
    session: AsyncSession, *, person_id: uuid.UUID, action: ConsentAction, recorded_on: date, scope: str,
    case_id: uuid.UUID | None = None,
) -> Consent:
    """Consent given or withdrawn, with its date and scope; withdrawing needs a consent to withdraw."""
    action = ConsentAction(action)
    errors = ErrorCollector()
    not_future(errors, "recorded_on", recorded_on)
    scope = required_text(errors, "scope", scope, 4000)
    errors.raise_if_any("Cannot record consent")
    await get(session, Person, person_id, "person_id")
    case = await get_optional(session, SupportCase, case_id, "case_id")
    if case is not None and case.person_id != person_id:
        raise Conflict.single("case_id", "other_person", "the case belongs to someone else")
    if action is ConsentAction.withdrawn and not await has_consent(session, person_id=person_id, on=recorded_on):
        raise Conflict.single("action", "nothing_to_withdraw", "no consent is in force to withdraw")
    row = Consent(tenant_id=require_tenant_id(), person_id=person_id, case_id=case_id, action=action,
                  recorded_on=recorded_on, scope=scope)
    session.add(row)
    await session.flush()
    return row


async def has_consent(session: AsyncSession, *, person_id: uuid.UUID, on: date) -> bool:
    """The person's latest consent record on or before ``on`` is a consent given."""
    latest = await session.scalar(select(Consent.action).where(Consent.person_id == person_id, Consent.recorded_on <= on)
                                  .order_by(Consent.recorded_on.desc(), Consent.created_at.desc()).limit(1))
    return latest is ConsentAction.given
