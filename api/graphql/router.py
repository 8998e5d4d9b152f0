"""``/graphql`` on FastAPI: the Strawberry router plus the request's transaction boundary."""

from __future__ import annotations

from typing import Any

from cross_web import HTTPException
from strawberry.fastapi import GraphQLRouter as StrawberryRouter

from api.graphql.context import GraphQLContext


class GraphQLRouter(StrawberryRouter):
    def _validate_batch_request(self, request_data: list[Any], protocol: Any) -> None:
        limit = self.schema.config.batching_config["max_operations"]
        if len(request_data) > limit:
            raise HTTPException(400, f"a batch may hold at most {limit} operations; this one has {len(request_data)}")
        super()._validate_batch_request(request_data, protocol)

    async def execute_operation(self, *args: Any, **kwargs: Any) -> Any:
        context: GraphQLContext = kwargs["context"]
        if isinstance(kwargs.get("request_data"), list):
            return await self._execute_batch(*args, **kwargs)
        result = await super().execute_operation(*args, **kwargs)
        # Commit (or roll back) BEFORE the answer is sent: a client that saw success can rely on it.
        await context.finish()
        return result

    async def _execute_batch(self, *args: Any, **kwargs: Any) -> Any:
        # Strawberry runs a batch concurrently; the operations share one session and transaction,
        # so run them one after another instead (same results, one commit at the end).
        context: GraphQLContext = kwargs["context"]
        batch = kwargs.pop("request_data")
        results = [await super(GraphQLRouter, self).execute_operation(*args, request_data=data, **kwargs) for data in batch]
        await context.finish()
        return results
