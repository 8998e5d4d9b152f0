"""The app's database handles and the per-request session dependency."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker


@dataclass
class Database:
    engine: AsyncEngine  # the runtime role; the request path never sees the owner
    sessions: async_sessionmaker[AsyncSession]


def get_database(request: Request) -> Database:
    return request.app.state.database


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One transaction per request, committed once at the end (services only flush)."""
    database: Database = request.app.state.database
    async with database.sessions() as session, session.begin():
        yield session


SessionDep = Annotated[AsyncSession, Depends(get_session)]
