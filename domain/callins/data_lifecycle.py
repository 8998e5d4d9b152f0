"""Subject access: call-ins the person was invited to (as a client) or spoke at."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.callins.models import CallIn, CallInClient, CallInSpeaker
from domain.lifecycle.collect import row
from domain.lifecycle.registry import register_collector


async def collect_clients(session: AsyncSession, person_id: uuid.UUID) -> list[dict]:
    stmt = (select(CallInClient, CallIn.held_on, CallIn.venue, CallIn.status)
            .join(CallIn, CallIn.id == CallInClient.call_in_id)
            .where(CallInClient.person_id == person_id).order_by(CallIn.held_on))
    return [row(k, call_in_held_on=held_on, venue=venue, call_in_status=status)
            for k, held_on, venue, status in (await session.execute(stmt)).all()]


async def collect_speakers(session: AsyncSession, person_id: uuid.UUID) -> list[dict]:
    stmt = (select(CallInSpeaker, CallIn.held_on).join(CallIn, CallIn.id == CallInSpeaker.call_in_id)
            .where(CallInSpeaker.person_id == person_id).order_by(CallIn.held_on))
    return [row(s, call_in_held_on=held_on) for s, held_on in (await session.execute(stmt)).all()]


register_collector("call_in_clients", collect_clients)
register_collector("call_in_speakers", collect_speakers)
