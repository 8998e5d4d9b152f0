"""``/graphql`` on FastAPI: the Strawberry router plus the request's transaction boundary."""

from __future__ import annotations

from typing import Any

from cross_web import HTTPException
from starlette.exceptions import HTTPException as StarletteHTTPException
from strawberry.fastapi import GraphQLRouter as StrawberryRouter

from api.graphql.context import GraphQLContext
from api.middleware.faults import DatabaseUnavailable


class GraphQLRouter(StrawberryRouter):
    def _validate_batch_request(self, request_data: list[Any], protocol: Any) -> None:
        limit = self.schema.config.batching_config["max_operations"]
        if len(request_data) > limit:
            raise HTTPException(400, f"a batch may hold at most {limit} operations; this one has {len(request_data)}")
        super()._validate_batch_request(request_data, protocol)

    async def run(self, *args: Any, **kwargs: Any) -> Any:
        # Strawberry answers its own refusals (unparsable JSON, no query, a batch too big) as
        # text/plain; re-raised as Starlette's, they become problem+json like every other answer.
        try:
            return await super().run(*args, **kwargs)
        except HTTPException as exc:
            raise StarletteHTTPException(exc.status_code, exc.reason) from None

    async def execute_operation(self, *args: Any, **kwargs: Any) -> Any:
        context: GraphQLContext = kwargs["context"]
        if isinstance(kwargs.get("request_data"), list):
            return await self._execute_batch(*args, **kwargs)
        result = await super().execute_operation(*args, **kwargs)
        _raise_if_database_unavailable(context)
        await context.finish_operation()  # the read's audit entry, before any data leaves
        # Commit (or roll back) BEFORE the answer is sent: a client that saw success can rely on it.
        await context.finish()
        return result

    async def _execute_batch(self, *args: Any, **kwargs: Any) -> Any:
        # Strawberry runs a batch concurrently; the operations share one session and transaction,
        # so run them one after another instead (same results, one commit at the end).
        context: GraphQLContext = kwargs["context"]
        batch = kwargs.pop("request_data")
        results = []
        for data in batch:
            results.append(await super().execute_operation(*args, request_data=data, **kwargs))
            _raise_if_database_unavailable(context)
            await context.finish_operation()
        await context.finish()
        return results


def _raise_if_database_unavailable(context: GraphQLContext) -> None:
    # A resolver lost the database mid-operation: the whole request answers 503 (the fault barrier),
    # never a 200 whose errors carry the driver's message.
    if getattr(context, "database_unavailable", False):
        raise DatabaseUnavailable()
