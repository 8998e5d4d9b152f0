"""Writing audit entries, the request-path helpers, and the auditor's search.

Which path uses which write:

- ``record(session, …)`` appends in the caller's transaction: the entry commits if and only if the
  change does. Used for **writes** (``written``) and by the auditor's search. It takes the tenant's
  chain lock until that transaction ends, so call it as the last step before the commit.
- ``record_separately(sessions, …)`` appends in its own short transaction: the entry survives a
  rollback of the request and the chain lock is held for milliseconds. Concurrent entries of one city
  share that transaction (group commit); each caller returns once its own entry is committed. Used for **reads**, searches,
  exports and **denied attempts** (``person_read``, ``person_search``, ``authorize`` on refusal),
  always before any data leaves the service.

A service that reads person data calls ``authorize`` (one ``denied`` entry and ``PermissionDenied``
if refused, nothing otherwise) and then ``person_read``/``person_search`` (one entry); a service that
writes calls ``authorize`` then ``written``. So each read, write or refusal leaves exactly one entry.
"""

from __future__ import annotations

import asyncio
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


@dataclass(frozen=True)
class _Pending:
    """An entry checked and ready to chain: everything but its place in the chain."""

    who: Actor
    action: AuditAction
    object_type: str
    object_id: uuid.UUID | None
    purpose: str | None
    request_id: str | None
    outcome: AuditOutcome
    agreement_id: uuid.UUID | None
    details: dict


def _prepare(tenant_id: uuid.UUID, *, actor: Principal | Actor, action: AuditAction, object_type: str,
             object_id: uuid.UUID | None = None, purpose: str | None = None, request_id: str | None = None,
             outcome: AuditOutcome = AuditOutcome.allowed, agreement_id: uuid.UUID | None = None,
             details: dict | None = None) -> _Pending:
    who = Actor.of(actor)
    if who.tenant_id is not None and who.tenant_id != tenant_id:
        raise PermissionDenied("the actor belongs to another tenant")
    clean = _clean_details(details)
    _refuse_identity_numbers(details=clean, purpose=purpose, actor_name=who.name, request_id=request_id)
    return _Pending(who, action, object_type, object_id, purpose, request_id, outcome, agreement_id, clean)


async def _append(session: AsyncSession, tenant_id: uuid.UUID, pending: list[_Pending]) -> list[AuditEntry]:
    """Chain ``pending`` after the tenant's head, in order, in the session's transaction."""
    # One appender per tenant at a time: the sequence and prev_hash must come from the true head.
    await session.execute(_LOCK, {"k": f"gvi-audit:{tenant_id}"})
    head = (await session.execute(
        select(AuditEntry.seq, AuditEntry.hash).where(AuditEntry.tenant_id == tenant_id)
        .order_by(AuditEntry.seq.desc()).limit(1))).first()
    seq, prev = (head.seq, head.hash) if head else (0, GENESIS)
    entries = []
    for p in pending:
        seq += 1
        entry = AuditEntry(
            tenant_id=tenant_id, seq=seq, occurred_at=datetime.now(UTC),
            actor_kind=p.who.kind, actor_id=p.who.id, actor_name=p.who.name, organisation_id=p.who.organisation_id,
            action=p.action, object_type=p.object_type, object_id=p.object_id, purpose=p.purpose,
            request_id=p.request_id, outcome=p.outcome, agreement_id=p.agreement_id, details=p.details, prev_hash=prev,
        )
        entry.hash = prev = entry_hash(entry)
        entries.append(entry)
    session.add_all(entries)
    await session.flush()
    for p in pending:
        metrics.AUDIT_APPENDS.labels(p.action.value, p.outcome.value).inc()
    return entries


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
    pending = _prepare(tenant_id, actor=actor, action=action, object_type=object_type, object_id=object_id,
                       purpose=purpose, request_id=request_id, outcome=outcome, agreement_id=agreement_id,
                       details=details)
    return (await _append(session, tenant_id, [pending]))[0]


# Entries written on their own are committed in groups: those of one city that arrive within
# GROUP_WINDOW seconds (or while the previous group is being written) share one transaction — one
# chain lock, one head, one commit — instead of queueing for the lock one commit at a time. Each
# caller still waits until its own entry is committed.
GROUP_WINDOW = 0.001


class _Group:
    def __init__(self) -> None:
        self.pending: list[tuple[_Pending, asyncio.Future[AuditEntry]]] = []
        self.writer: asyncio.Task | None = None


_GROUPS: dict[tuple[int, int, uuid.UUID], _Group] = {}  # (event loop, session factory, tenant)


async def record_separately(sessions: async_sessionmaker[AsyncSession], **entry) -> AuditEntry:
    """Append one entry in its own transaction (committed even if the caller's rolls back); returns once
    the entry is durable. Checked here, before it joins a group: a bad entry fails only its caller."""
    actor = Actor.of(entry["actor"])
    tenant_id = current_tenant_id() or actor.tenant_id
    if tenant_id is None:
        raise RuntimeError("an audit entry needs a tenant")
    pending = _prepare(tenant_id, **entry)
    loop = asyncio.get_running_loop()
    key = (id(loop), id(sessions), tenant_id)
    group = _GROUPS.get(key)
    if group is None:
        group = _GROUPS[key] = _Group()
    done: asyncio.Future[AuditEntry] = loop.create_future()
    group.pending.append((pending, done))
    if group.writer is None:
        group.writer = loop.create_task(_write_groups(sessions, tenant_id, key, group))
    # shielded: a caller that is cancelled (its client left) does not take its neighbours' entries along
    return await asyncio.shield(done)


async def _write_groups(sessions: async_sessionmaker[AsyncSession], tenant_id: uuid.UUID, key: tuple,
                        group: _Group) -> None:
    try:
        while group.pending:
            await asyncio.sleep(GROUP_WINDOW)
            batch, group.pending = group.pending, []
            try:
                with tenant_context(tenant_id):
                    async with transaction(sessions) as session:
                        entries = await _append(session, tenant_id, [p for p, _ in batch])
            except BaseException as exc:
                for _, done in batch:
                    if not done.done():
                        done.set_exception(exc)
                if not isinstance(exc, Exception):
                    raise
                continue
            for (_, done), written in zip(batch, entries, strict=True):
                if not done.done():
                    done.set_result(written)
    finally:
        group.writer = None
        if group.pending:  # interrupted (the loop is closing): nobody will write these
            for _, done in group.pending:
                if not done.done():
                    done.set_exception(RuntimeError("audit writer stopped before the entry was written"))
            group.pending = []
        _GROUPS.pop(key, None)


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
