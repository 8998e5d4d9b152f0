"""The GraphQL API at ``/graphql``: the single data API for agency systems and the web UI."""

from __future__ import annotations

from fastapi import FastAPI

from api.graphql.context import get_context
from api.graphql.router import GraphQLRouter
from api.graphql.schema import build_schema
from api.observability.graphql import OperationMetrics
from tenants.settings import Settings


def mount(app: FastAPI, settings: Settings) -> None:
    """Serve ``/graphql``; the GraphiQL IDE and introspection only in development."""
    development = settings.is_development
    router = GraphQLRouter(
        build_schema(development=development, extra_extensions=[OperationMetrics], compile_reads=settings.graphql_compile),
        context_getter=get_context,
        graphql_ide=None,  # GraphiQL is served by api.ide (from the package, not a CDN; no sign-in needed to load it)
        allow_queries_via_get=False,  # queries only by POST: no cacheable/CSRF-able GETs
        include_in_schema=development,
    )
    app.include_router(router, prefix="/graphql")
