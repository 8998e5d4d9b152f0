"""The per-request GraphQL context: who is asking, one tenant-scoped transaction, DataLoaders.

Every resolver of a request shares ONE session and ONE transaction, scoped to the principal's tenant
by the session hook in ``tenants.database``. graphql-core resolves sibling fields concurrently, and an
AsyncSession must not be used by two coroutines at once, so database access goes through
:meth:`GraphQLContext.db`, which serialises it. The router commits once, after execution (see
``api.graphql.router``).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from asgi_correlation_id import correlation_id
from fastapi import Depends, HTTPException, Request
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.fastapi import BaseContext

from api.db import Database
from api.ratelimit import enforce_rate_limit
from domain.identity.principal import Principal
from tenants.context import set_tenant

try:  # the identity package provides the real authentication (bearer tokens, sessions)
    from api.auth.dependencies import current_principal as get_principal  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - until identity lands, every request is unauthenticated

    async def get_principal(request: Request) -> Principal:
        raise HTTPException(401, "authentication required", headers={"WWW-Authenticate": "Bearer"})


class GraphQLContext(BaseContext):
    def __init__(self, *, principal: Principal, session: AsyncSession, request_id: str) -> None:
        super().__init__()
        from api.graphql.dataloaders import Loaders

        self.principal = principal
        self.request_id = request_id
        self._session = session
        self._lock = asyncio.Lock()
        self.loaders = Loaders(self)
        self.failed = False  # set when an operation ended with errors: the transaction is rolled back

    @asynccontextmanager
    async def db(self) -> AsyncIterator[AsyncSession]:
        """The request's session, for one coroutine at a time."""
        async with self._lock:
            yield self._session

    async def scalars(self, statement: Any) -> list[Any]:
        async with self.db() as session:
            return list(await session.scalars(statement))

    async def finish(self) -> None:
        """Commit the request's transaction, or roll it back when an operation failed."""
        async with self._lock:
            if self.failed:
                await self._session.rollback()
            else:
                await self._session.commit()


async def get_context(
    request: Request,
    principal: Principal = Depends(get_principal),
) -> AsyncIterator[GraphQLContext]:
    await enforce_rate_limit(request, principal)
    set_tenant(principal.tenant_id)  # authentication sets it too; the session below must carry it
    database: Database = request.app.state.database
    async with database.sessions() as session:
        await session.begin()
        await session.connection()  # begins now, in this context: the hook scopes it to the tenant
        yield GraphQLContext(principal=principal, session=session, request_id=correlation_id.get() or "")
