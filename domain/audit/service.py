"""Writing audit entries, the request-path helpers, and the auditor's search.

Which path uses which write:

- ``record(session, …)`` appends in the caller's transaction: the entry commits if and only if the
  change does. Used for **writes** (``written``) and by the auditor's search. It takes the tenant's
  chain lock until that transaction ends, so call it as the last step before the commit.
- ``record_separately(sessions, …)`` appends in its own short transaction: the entry survives a
  rollback of the request and the chain lock is held for milliseconds. Used for **reads**, searches,
  exports and **denied attempts** (``person_read``, ``person_search``, ``authorize`` on refusal),
  always before any data leaves the service.

A service that reads person data calls ``authorize`` (one ``denied`` entry and ``PermissionDenied``
if refused, nothing otherwise) and then ``person_read``/``person_search`` (one entry); a service that
writes calls ``authorize`` then ``written``. So each read, write or refusal leaves exactly one entry.
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import or_, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.audit.chain import GENESIS, entry_hash
from domain.audit.models import AuditAction, AuditEntry, AuditOutcome
from domain.audit.pii import contains_identity_number
from domain.identity import permissions
from domain.identity.permissions import Access, Action, Category
from domain.identity.principal import Principal
from tenants import metrics
from tenants.context import current_tenant_id, require_tenant_id, tenant_context
from tenants.database import transaction
from tenants.errors import PermissionDenied, ValidationFailed

_LOCK = text("select pg_advisory_xact_lock(hashtextextended(:k, 0))")

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Actor:
    """Who acted: a principal of a request, or the system (CLI operator, retention job)."""

    kind: str
    id: uuid.UUID | None
    name: str
    organisation_id: uuid.UUID | None = None
    tenant_id: uuid.UUID | None = None

    @classmethod
    def of(cls, who: Principal | Actor) -> Actor:
        if isinstance(who, Actor):
            return who
        return cls(who.kind.value, who.id, who.name, who.organisation_id, who.tenant_id)

    @classmethod
    def system(cls, name: str) -> Actor:
        return cls("system", None, name)

    @classmethod
    def cli(cls, os_user: str) -> Actor:
        """An operator at the command line, named by their OS account (the command goes in the details)."""
        return cls("cli", None, os_user)


def _clean_details(details: dict | None) -> dict:
    # The JSON round trip is what jsonb will hand back, so the hash recomputes identically.
    clean = json.loads(json.dumps(details or {}, default=str, allow_nan=False))
    if not isinstance(clean, dict):
        raise ValueError("audit details must be a JSON object")
    return clean


def _refuse_identity_numbers(**values: object) -> None:
    for name, value in values.items():
        if contains_identity_number(value):
            # never echo the value: the message itself would leak it
            raise ValidationFailed.single(name, "identity_number", "must not contain an identity number")


async def record(
    session: AsyncSession,
    *,
    actor: Principal | Actor,
    action: AuditAction,
    object_type: str,
    object_id: uuid.UUID | None = None,
    purpose: str | None = None,
    request_id: str | None = None,
    outcome: AuditOutcome = AuditOutcome.allowed,
    agreement_id: uuid.UUID | None = None,
    details: dict | None = None,
) -> AuditEntry:
    """Append one entry to the current tenant's chain, in the caller's transaction."""
    tenant_id = require_tenant_id()
    who = Actor.of(actor)
    if who.tenant_id is not None and who.tenant_id != tenant_id:
        raise PermissionDenied("the actor belongs to another tenant")
    clean = _clean_details(details)
    _refuse_identity_numbers(details=clean, purpose=purpose, actor_name=who.name, request_id=request_id)
    # One appender per tenant at a time: the sequence and prev_hash must come from the true head.
    await session.execute(_LOCK, {"k": f"gvi-audit:{tenant_id}"})
    head = (await session.execute(
        select(AuditEntry.seq, AuditEntry.hash).where(AuditEntry.tenant_id == tenant_id)
        .order_by(AuditEntry.seq.desc()).limit(1))).first()
    entry = AuditEntry(
        tenant_id=tenant_id, seq=(head.seq + 1) if head else 1, occurred_at=datetime.now(UTC),
        actor_kind=who.kind, actor_id=who.id, actor_name=who.name, organisation_id=who.organisation_id,
        action=action, object_type=object_type, object_id=object_id, purpose=purpose, request_id=request_id,
        outcome=outcome, agreement_id=agreement_id, details=clean, prev_hash=head.hash if head else GENESIS,
    )
    entry.hash = entry_hash(entry)
    session.add(entry)
    await session.flush()
    metrics.AUDIT_APPENDS.labels(action.value, outcome.value).inc()
    return entry


async def record_separately(sessions: async_sessionmaker[AsyncSession], **entry) -> AuditEntry:
    """Append one entry in its own short transaction (committed even if the caller's rolls back)."""
    actor = Actor.of(entry["actor"])
    tenant_id = current_tenant_id() or actor.tenant_id
    if tenant_id is None:
        raise RuntimeError("an audit entry needs a tenant")
    with tenant_context(tenant_id):
        async with transaction(sessions) as session:
            return await record(session, **entry)


# --- the request-path helpers -----------------------------------------------------------------------


async def authorize(
    sessions: async_sessionmaker[AsyncSession],
    *,
    principal: Principal,
    category: Category,
    action: Action,
    object_type: str,
    object_id: uuid.UUID | None = None,
    purpose: str | None = None,
    request_id: str | None = None,
    purpose_required: bool = True,
) -> Access:
    """Check the permission matrix (and, unless ``purpose_required`` is off, that a read of person data
    names its purpose).

    Refused: one ``denied`` entry, written autonomously, then ``PermissionDenied``. Allowed: no entry
    (the read or write records its own). Returns the access level (``own_org`` filters by organisation).
    """
    level = permissions.access(principal, category, action)
    reason = None
    if level is Access.none:
        reason = f"{action.value} {category.value} not permitted"
    elif (purpose_required and action is Action.read and category in permissions.PERSON_CATEGORIES
          and not (purpose or "").strip()):
        reason = "no purpose given"
    if reason is None:
        return level
    if principal.tenant_id is None:
        # National users have no city, hence no city log to chain into; their refusals (they can never
        # reach city data) go to the server log with the request id.
        log.warning("denied: %s %s may not %s %s (%s) request=%s", principal.kind.value, principal.id,
                    action.value, category.value, reason, request_id)
    else:
        await record_separately(
            sessions, actor=principal, action=AuditAction.denied, object_type=object_type, object_id=object_id,
            purpose=purpose, request_id=request_id, outcome=AuditOutcome.denied,
            details={"attempted": action.value, "category": category.value, "reason": reason},
        )
    if reason == "no purpose given":
        raise ValidationFailed.single("purpose", "required", "reading person data requires a purpose")
    raise PermissionDenied(f"may not {action.value} {category.value}")


async def person_read(
    sessions: async_sessionmaker[AsyncSession], *, principal: Principal | Actor, object_type: str,
    object_id: uuid.UUID, purpose: str | None, request_id: str | None, details: dict | None = None,
) -> AuditEntry:
    """One entry for opening one record of a person (a person, a timeline, a case)."""
    return await record_separately(sessions, actor=principal, action=AuditAction.read, object_type=object_type,
                                   object_id=object_id, purpose=purpose, request_id=request_id, details=details)


async def person_search(
    sessions: async_sessionmaker[AsyncSession], *, principal: Principal | Actor, object_type: str,
    result_ids: list[uuid.UUID], purpose: str | None, request_id: str | None, details: dict | None = None,
) -> AuditEntry:
    """One entry for a search or list that returned people (their ids, so an auditor finds it by person)."""
    body = {**(details or {}), "results": [str(i) for i in result_ids]}
    return await record_separately(sessions, actor=principal, action=AuditAction.search, object_type=object_type,
                                   purpose=purpose, request_id=request_id, details=body)


async def written(
    session: AsyncSession, *, principal: Principal | Actor, object_type: str, object_id: uuid.UUID | None,
    request_id: str | None, purpose: str | None = None, action: AuditAction = AuditAction.write,
    details: dict | None = None,
) -> AuditEntry:
    """One entry for a write, in the write's own transaction (call it last, right before the commit)."""
    return await record(session, actor=principal, action=action, object_type=object_type, object_id=object_id,
                        purpose=purpose, request_id=request_id, details=details)


# --- the auditor's search ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AuditPage:
    entries: list[AuditEntry]
    next_before: int | None  # pass as ``before_seq`` for the next (older) page; None at the end


async def search(
    session: AsyncSession,
    *,
    principal: Principal,
    person_id: uuid.UUID | None = None,
    actor_id: uuid.UUID | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    action: AuditAction | None = None,
    before_seq: int | None = None,
    limit: int = 50,
    request_id: str | None = None,
) -> AuditPage:
    """The tenant's log, newest first, keyset-paginated; the search itself is logged."""
    permissions.require(principal, Category.audit, Action.read)
    if not 1 <= limit <= 500:
        raise ValidationFailed.single("limit", "out_of_range", "must be between 1 and 500")
    stmt = select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(limit + 1)
    if person_id is not None:
        stmt = stmt.where(or_(AuditEntry.object_id == person_id, AuditEntry.details["results"].has_key(str(person_id))))
    if actor_id is not None:
        stmt = stmt.where(AuditEntry.actor_id == actor_id)
    if since is not None:
        stmt = stmt.where(AuditEntry.occurred_at >= since)
    if until is not None:
        stmt = stmt.where(AuditEntry.occurred_at < until)
    if action is not None:
        stmt = stmt.where(AuditEntry.action == action)
    if before_seq is not None:
        stmt = stmt.where(AuditEntry.seq < before_seq)
    rows = list(await session.scalars(stmt))
    page, more = rows[:limit], len(rows) > limit
    filters = {"person_id": person_id, "actor_id": actor_id, "since": since, "until": until,
               "action": action.value if action else None, "before_seq": before_seq}
    await record(session, actor=principal, action=AuditAction.search, object_type="audit_log", request_id=request_id,
                 purpose="audit", details={"filters": {k: v for k, v in filters.items() if v is not None},
                                           "returned": len(page)})
    return AuditPage(page, page[-1].seq if more and page else None)
