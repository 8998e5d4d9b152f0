"""``/graphql`` on FastAPI: the Strawberry router plus the request's transaction boundary."""

from __future__ import annotations

import json
import re
from typing import Any

from cross_web import HTTPException
from starlette.exceptions import HTTPException as StarletteHTTPException
from strawberry.fastapi import GraphQLRouter as StrawberryRouter

from api.graphql.context import GraphQLContext
from api.graphql.limits import Limits, request_cost
from api.middleware.faults import DatabaseFault
from api.ratelimit import enforce_rate_limit

_UNPAIRED_SURROGATE = re.compile("[\ud800-\udfff]")


def _text_problem(value: Any, path: str = "body") -> str | None:
    """Where a decoded JSON body holds a string no answer or database could carry (lone surrogates)."""
    stack = [(value, path)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, str):
            if _UNPAIRED_SURROGATE.search(item):
                return where
        elif isinstance(item, dict):
            stack.extend((v, f"{where}.{k}") for k, v in item.items())
            stack.extend((k, where) for k in item if isinstance(k, str))
        elif isinstance(item, list):
            stack.extend((v, f"{where}[{i}]") for i, v in enumerate(item))
    return None


class GraphQLRouter(StrawberryRouter):
    @property
    def limits(self) -> Limits:
        return self.schema.limits  # type: ignore[attr-defined]

    def decode_json(self, data: str | bytes) -> object:
        # Each is the caller's mistake and must be a 400, never a server fault.
        try:
            decoded = json.loads(data)
        except RecursionError:
            raise HTTPException(400, "the request body is nested too deeply") from None
        except UnicodeDecodeError:
            raise HTTPException(400, "the request body must be UTF-8 encoded JSON") from None
        if not isinstance(decoded, (dict, list)):
            raise HTTPException(400, "the request body must be a JSON object (or an array of objects for a batch)")
        if where := _text_problem(decoded):
            raise HTTPException(400, f"{where}: unpaired surrogate in a string (not valid Unicode text)")
        return decoded

    async def parse_http_body(self, request_adapter: Any) -> Any:
        data = await super().parse_http_body(request_adapter)
        for item in data if isinstance(data, list) else [data]:
            if not isinstance(item.query, (str, type(None))) or not isinstance(item.variables, (dict, type(None))) \
                    or not isinstance(item.operation_name, (str, type(None))):
                raise HTTPException(400, "each operation must be an object with a string `query`, an object "
                                         "`variables` and a string `operationName`")
            if item.query is not None and len(item.query) > self.limits.max_query_length:
                raise HTTPException(400, f"query: at most {self.limits.max_query_length} characters "
                                         f"(this one has {len(item.query)})")
        return data

    def _validate_batch_request(self, request_data: list[Any], protocol: Any) -> None:
        limit = self.schema.config.batching_config["max_operations"]
        if len(request_data) > limit:
            raise HTTPException(400, f"a batch may hold at most {limit} operations; this one has {len(request_data)}")
        if not all(isinstance(item, dict) for item in request_data):
            raise HTTPException(400, "a batch must be an array of operation objects")
        super()._validate_batch_request(request_data, protocol)
        # A batch is costed as a whole: ten operations under the limit must not add up past it.
        schema, limits = self.schema._schema, self.limits
        cost = sum(request_cost(schema, item.get("query"), item.get("variables"), item.get("operationName"), limits)
                   for item in request_data)
        if cost > limits.max_cost:
            raise HTTPException(400, f"batch cost {cost} exceeds the limit of {limits.max_cost}; "
                                     "send fewer operations or smaller pages")

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
        _raise_if_database_fault(context)
        await context.finish_operation()  # the read's audit entry, before any data leaves
        # Commit (or roll back) BEFORE the answer is sent: a client that saw success can rely on it.
        await context.finish()
        return result

    async def _execute_batch(self, *args: Any, **kwargs: Any) -> Any:
        # Strawberry runs a batch concurrently; the operations share one session and transaction,
        # so run them one after another instead (same results, one commit at the end).
        context: GraphQLContext = kwargs["context"]
        batch = kwargs.pop("request_data")
        # Each operation spends from the rate limit: the context spent one for the request.
        await enforce_rate_limit(kwargs["request"], context.principal, count=len(batch) - 1)
        results = []
        for data in batch:
            results.append(await super().execute_operation(*args, request_data=data, **kwargs))
            _raise_if_database_fault(context)
            await context.finish_operation()
        await context.finish()
        return results


def _raise_if_database_fault(context: GraphQLContext) -> None:
    # A resolver lost the database mid-operation, or the database refused a write: the whole request
    # answers 503 (the fault barrier), never a 200 whose errors carry the driver's message.
    if fault := getattr(context, "database_fault", None):
        raise DatabaseFault(fault)
