"""The FastAPI application factory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from asgi_correlation_id import CorrelationIdMiddleware
from fastapi import FastAPI

from api import errors, graphql, health
from api.db import Database
from domain.lifecycle.registry import load_plugins
from tenants.database import create_engine, resolve_urls, session_factory
from tenants.settings import Settings, get_settings


def create_app(settings: Settings | None = None, *, app_database_url: str | None = None) -> FastAPI:
    """Build the app. ``app_database_url`` overrides the settings (tests, multi-instance runs)."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        load_plugins()  # encrypted fields, erasers and collectors of every domain package
        url = app_database_url or resolve_urls(settings).app
        engine = create_engine(url, pool_size=settings.pool_size, max_overflow=settings.pool_max_overflow)
        app.state.database = Database(engine=engine, sessions=session_factory(engine))
        try:
            yield
        finally:
            await engine.dispose()

    app = FastAPI(
        title="GVI platform",
        summary="Sluta skjut — Group Violence Intervention programmes of Swedish cities",
        lifespan=lifespan,
        docs_url="/docs" if settings.is_development else None,
        redoc_url=None,
        openapi_url="/openapi.json" if settings.is_development else None,
    )
    app.state.settings = settings
    errors.install(app)
    app.add_middleware(CorrelationIdMiddleware, header_name="X-Request-ID")
    app.include_router(health.router)
    graphql.mount(app, settings)
    return app
