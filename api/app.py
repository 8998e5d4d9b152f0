"""The FastAPI application factory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.middleware.sessions import SessionMiddleware

from api import data_protection, errors, graphql, health, ide, middleware, national, observability, organisations, public, web
from api.auth import admin as auth_admin
from api.auth import oauth_server, oidc
from api.auth import routes as auth_routes
from api.auth.state import AuthState
from api.db import Database, NationalDatabase
from domain.lifecycle.registry import load_plugins
from tenants.database import DatabaseUrls, create_engine, resolve_national_urls, resolve_urls, session_factory
from tenants.settings import Settings, get_settings


def create_app(settings: Settings | None = None, *, app_database_url: str | None = None) -> FastAPI:
    """Build the app. ``app_database_url`` overrides the settings (tests, multi-instance runs)."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        load_plugins()  # encrypted fields, erasers and collectors of every domain package
        url = app_database_url or resolve_urls(settings).app
        wait = settings.pool_timeout
        engine = create_engine(url, pool_size=settings.pool_size, max_overflow=settings.pool_max_overflow, pool_timeout=wait)
        audit_size, audit_overflow = max(2, settings.pool_size // 2), max(0, settings.pool_max_overflow // 2)
        audit_engine = create_engine(url, pool_size=audit_size, max_overflow=audit_overflow, pool_timeout=wait)
        observability.metrics.instrument_pool(engine, "request", settings.pool_size + settings.pool_max_overflow)
        observability.metrics.instrument_pool(audit_engine, "audit", audit_size + audit_overflow)
        national_urls = resolve_national_urls(settings, DatabaseUrls(owner=None, app=url) if app_database_url else None)
        reader = create_engine(national_urls.reader, pool_size=max(2, settings.pool_size // 2), max_overflow=2,
                               pool_timeout=wait)
        # a release worker holds two: its job's lease and the release's transaction
        publisher = create_engine(national_urls.publisher, pool_size=2, max_overflow=4, pool_timeout=wait)
        national = NationalDatabase(reader, session_factory(reader), publisher, session_factory(publisher))
        app.state.database = Database(engine=engine, sessions=session_factory(engine), audit_engine=audit_engine,
                                      audit_sessions=session_factory(audit_engine), national=national)
        try:
            yield
        finally:
            for task in list(national.tasks):  # a release job cut short stays 'running'; `gvi national release work` redoes queued ones
                task.cancel()
            await engine.dispose()
            await audit_engine.dispose()
            await reader.dispose()
            await publisher.dispose()
            if app.state.tracer_provider is not None:
                app.state.tracer_provider.shutdown()  # flush the last spans

    app = FastAPI(
        title="GVI platform",
        summary="Sluta skjut — Group Violence Intervention programmes of Swedish cities",
        lifespan=lifespan,
        docs_url=None,  # Swagger UI comes from api.ide (assets served here, not from a CDN)
        redoc_url=None,
        openapi_url="/openapi.json" if settings.is_development else None,
        # Tracing is this app's own (api.observability, switched by GVI_TRACING): FastAPI's built-in
        # OpenTelemetry hooks would only ask the global providers, on every request, whether to do it again.
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.state.settings = settings
    app.state.auth = AuthState.build(settings)
    app.state.token_server = oauth_server.TokenServer(app.state.auth)
    errors.install(app)
    # Only the OIDC round trip (state, nonce, PKCE verifier) uses Starlette's signed-cookie session.
    app.add_middleware(SessionMiddleware, secret_key=app.state.auth.secret.decode() + ":oidc", session_cookie=oidc.STATE_COOKIE,
                       path=oidc.STATE_PATH, max_age=600, same_site="lax", https_only=True)
    app.state.header_policy = middleware.install(app, observe=lambda app: observability.install(app, settings))
    app.include_router(health.router)
    app.include_router(auth_routes.router)
    app.include_router(oidc.router)
    app.include_router(oauth_server.router)
    app.include_router(auth_admin.router)
    app.include_router(organisations.router)
    app.include_router(data_protection.router)
    app.include_router(public.router)
    app.include_router(national.router)
    if settings.is_development:
        ide.install(app)  # before /graphql: its GET /graphql is the IDE page
    graphql.mount(app, settings)
    web.mount(app)  # the router's default: only what no API route answers reaches the UI
    return app
