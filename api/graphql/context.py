"""The per-request GraphQL context: who is asking, one tenant-scoped transaction, DataLoaders.

Every resolver of a request shares ONE session and ONE transaction, scoped to the principal's tenant
by the session hook in ``tenants.database``. graphql-core resolves sibling fields concurrently, and an
AsyncSession must not be used by two coroutines at once, so database access goes through
:meth:`GraphQLContext.db`, which serialises it. The router commits once, after execution (see
``api.graphql.router``).
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import asyncpg
from asgi_correlation_id import correlation_id
from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession
from strawberry.fastapi import BaseContext

from api.auth.dependencies import current_principal as get_principal
from api.db import Database, held_connection, hold_connection
from api.graphql.dataloaders import Loaders
from api.ratelimit import enforce_rate_limit
from domain.access.gate import Gate
from domain.access.viewer import Viewer
from domain.audit import service as audit
from domain.identity.permissions import Access, Action, Category
from domain.identity.principal import Principal, SubjectKind
from tenants.context import set_tenant, tenant_context

PURPOSE_HEADER = "X-GVI-Purpose"


class RequestDatabase:
    """The request's one session and transaction, and whose reads go through it: the small handle the
    DataLoaders take (``dataloaders.base.Reader``). graphql-core resolves sibling fields concurrently and an
    AsyncSession must not be used by two coroutines at once, so access is serialised here.

    The transaction begins at the first use (scoped to the principal's city by the session hook), so an
    operation answered by one compiled statement (:meth:`read_compiled`) pays for no other.
    """

    def __init__(self, session: AsyncSession, viewer: Viewer, *, tenant_id: Any = None,
                 held: AsyncConnection | None = None) -> None:
        self._session = session
        self._lock = asyncio.Lock()
        self.viewer = viewer
        self.tenant_id = tenant_id
        self._held = held  # the connection authentication checked out for this request, if it did
        self.begun = False

    @asynccontextmanager
    async def db(self) -> AsyncIterator[AsyncSession]:
        async with self._lock:
            if not self.begun:
                with tenant_context(self.tenant_id):  # the hook reads it when the transaction begins
                    await self._session.connection()
                self.begun = True
            yield self._session

    async def read_compiled(self, sql: str, arguments: list[Any]) -> Any:
        """One compiled statement's ``(data, listed, opened)``: the JSON text of ``data``, the person ids it shows.

        Before the request's transaction has begun, on the raw driver connection: BEGIN READ ONLY and the
        city's ``set_config`` in one round trip, the statement, COMMIT — the same tenant-scoped, RLS-bound
        transaction the session would open, without its per-statement machinery. Otherwise (an earlier
        operation of a batch began it, or no connection is held), inside the request's transaction.
        """
        async with self._lock:
            if not self.begun and self._held is not None and self.tenant_id is not None:
                return await _read_in_own_transaction(self._held, self.tenant_id, sql, arguments)
        async with self.db() as session:
            connection = await session.connection()
            return tuple((await connection.exec_driver_sql(sql, tuple(arguments))).one())

    async def scalars(self, statement: Any) -> list[Any]:
        async with self.db() as session:
            return list(await session.scalars(statement))

    async def rows(self, statement: Any) -> list[Any]:
        async with self.db() as session:
            return list(await session.execute(statement))


async def _read_in_own_transaction(held: AsyncConnection, tenant_id: uuid.UUID, sql: str, arguments: list[Any]) -> Any:
    driver = (await held.get_raw_connection()).driver_connection
    # The city's id is a UUID the verified credential named (hex digits and dashes only), so it can be
    # written into the text: BEGIN and the scope travel together, as a simple query, in one round trip.
    scope = f"BEGIN ISOLATION LEVEL READ COMMITTED READ ONLY; SELECT set_config('app.tenant_id', '{uuid.UUID(str(tenant_id))}', true)"
    try:
        try:
            await driver.execute(scope)
            row = await driver.fetchrow(sql, *arguments)
            await driver.execute("COMMIT")
        except asyncpg.PostgresError:
            # the server answered (a timeout, a refusal): the connection is sound, leave it idle, outside
            # any transaction (SQLAlchemy's reset on return knows nothing of this one)
            await driver.execute("ROLLBACK")
            raise
        return tuple(row)
    except asyncpg.PostgresError:
        raise
    except BaseException:
        # failed in the driver or cancelled mid-statement: the connection may be mid-transaction or busy,
        # and must never be pooled again
        await held.invalidate()
        raise


class GraphQLContext(BaseContext):
    def __init__(self, *, principal: Principal, session: AsyncSession, request_id: str,
                 audit_sessions: Any = None, purpose: str | None = None, held: AsyncConnection | None = None) -> None:
        super().__init__()
        self.principal = principal
        self.viewer = Viewer(principal)  # what every loader and list narrows its rows to
        self.request_id = request_id
        self.database = RequestDatabase(session, self.viewer, tenant_id=principal.tenant_id, held=held)
        self.loaders = Loaders(self.database)  # loaders get the handle, not the context
        self.database_fault = None  # set when a resolver met a database fault: the answer is a 503
        self.failed = False  # set when an operation ended with errors: the transaction is rolled back
        self.audit_sessions = audit_sessions  # autonomous audit transactions (reads, refusals)
        # Users state why they read person data (a header); an API client's purpose is its grant.
        if principal.kind is SubjectKind.api_client:
            self.purpose: str | None = "api client: " + " ".join(sorted(principal.scopes))
        else:
            self.purpose = (purpose or "").strip() or None
        self.reads = ReadLog()
        self.gate = Gate(self.viewer, purpose=self.purpose, request_id=request_id, audit_sessions=self.audit_sessions)
        self._written: list[dict[str, Any]] = []  # this request's writes, recorded right before the commit
        self._reads_to_record: list[ReadLog] = []  # one per operation that read person data

    def allowed_now(self, category: Category, action: Action = Action.read) -> Access | None:
        """The gate's allowed level when decidable without I/O (see :meth:`Gate.allowed_now`)."""
        return self.gate.allowed_now(category, action)

    async def authorize(self, category: Category, action: Action = Action.read) -> Access:
        """The request's one authorisation entry point (:class:`domain.access.gate.Gate`)."""
        return await self.gate.authorize(category, action)

    def saw_people(self, ids: Any, *, opened: bool = False, sensitive: str | None = None) -> None:
        """Note person-level data leaving in this operation (one audit entry is written at its end)."""
        for i in ids:
            if i is not None:
                (self.reads.opened if opened else self.reads.listed).add(i)
        if sensitive:
            self.reads.sensitive.add(sensitive)

    def wrote(self, *, object_type: str, object_id: Any, details: dict | None = None) -> None:
        """Note a write for its ``written`` entry, appended in the request's transaction just before it commits.

        Appending takes the city's chain lock until the commit; taken at the write itself, it would be held
        through the rest of the operation, and every autonomous entry of the same request (a refused
        sibling field, the read entry of the payload) would wait for it forever.
        """
        self._written.append({"object_type": object_type, "object_id": object_id, "details": details})

    async def finish_operation(self) -> None:
        """Close the operation's reads: one read entry per operation, written by :meth:`finish`."""
        reads, self.reads = self.reads, ReadLog()
        self.gate.reset()
        # Writes included: a mutation's answer can carry person data too.
        if reads.opened or reads.listed:
            self._reads_to_record.append(reads)

    async def _record_reads(self, reads: ReadLog) -> None:
        details = {"fields": sorted(reads.sensitive)} if reads.sensitive else None
        if len(reads.opened) == 1 and not (reads.listed - reads.opened):
            await audit.person_read(self.audit_sessions, principal=self.principal, object_type="person",
                                    object_id=next(iter(reads.opened)), purpose=self.purpose,
                                    request_id=self.request_id, details=details)
        else:
            await audit.person_search(self.audit_sessions, principal=self.principal, object_type="person",
                                      result_ids=sorted(reads.opened | reads.listed, key=str), purpose=self.purpose,
                                      request_id=self.request_id, details=details)

    def db(self) -> Any:
        """The request's session, for one coroutine at a time (``async with context.db() as session``)."""
        return self.database.db()

    async def scalars(self, statement: Any) -> list[Any]:
        return await self.database.scalars(statement)

    async def rows(self, statement: Any) -> list[Any]:
        return await self.database.rows(statement)

    async def finish(self) -> None:
        """End the request before its answer leaves: commit its writes with their ``written`` entries (or
        roll everything back when an operation failed), then record what it read.

        Read entries go in their own transactions, after the commit or rollback: person data that is in
        the answer leaves a trace even when a failing sibling field rolled the writes back.
        """
        written, self._written = self._written, []
        reads, self._reads_to_record = self._reads_to_record, []
        if self.database.begun or (written and not self.failed):  # a transaction that never began has nothing to end
            async with self.database.db() as session:
                if self.failed:
                    await session.rollback()
                else:
                    for entry in written:
                        await audit.written(session, principal=self.principal, request_id=self.request_id,
                                            purpose=self.purpose, **entry)
                    await session.commit()
        for entry in reads:
            await self._record_reads(entry)


class ReadLog:
    """What one operation read of person data."""

    def __init__(self) -> None:
        self.opened: set[Any] = set()
        self.listed: set[Any] = set()
        self.sensitive: set[str] = set()


async def get_context(
    request: Request,
    _held: None = Depends(hold_connection),  # first: authentication then checks out the request's connection
    principal: Principal = Depends(get_principal),
) -> AsyncIterator[GraphQLContext]:
    await enforce_rate_limit(request, principal)
    set_tenant(principal.tenant_id)  # authentication sets it too; the session below must carry it
    database: Database = request.app.state.database
    # National users read as the national role (SELECT on the national schema only): no code path of
    # theirs can reach a city table, whatever a resolver does.
    held = None
    if principal.is_national and database.national:
        session_scope = database.national.reader_sessions()
    else:  # on the connection authentication already checked out, when it did
        held = held_connection(request)
        session_scope = database.sessions(bind=held) if held is not None else database.sessions()
    async with session_scope as session:
        # the transaction begins at the first use (``RequestDatabase.db``), scoped to the principal's city
        context = GraphQLContext(principal=principal, session=session, request_id=correlation_id.get() or "",
                                 audit_sessions=database.audit_sessions or database.sessions,
                                 purpose=request.headers.get(PURPOSE_HEADER), held=held)
        context.national = database.national
        yield context
