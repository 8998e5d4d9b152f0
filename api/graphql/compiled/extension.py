"""``CompiledReads``: answers a read operation with one compiled SQL statement instead of the resolvers.

Placed last among the schema's extensions, its ``on_execute`` runs after parsing, validation, the
depth/alias/token limits, the cost limit and the NUL check (all ``on_parse``/``on_validate``), and
sets the execution result before yielding — Strawberry then skips graphql-core's executor (the
contract ``tests/api/graphql/test_compiled_contract.py`` pins). Whenever the operation is not
compilable, a category it needs is refused (or needs a purpose the caller did not state), or a
value needs the resolvers' refusal (a bad cursor, a page size over the limit), it yields without a
result and the resolvers answer exactly as before, errors and denied audit entries included.

The statement runs on the request's own connection inside a tenant-scoped transaction, so row-level
security applies (``RequestDatabase.read_compiled``); it returns the JSON text of ``data``, which goes
into the answer unparsed, and the person ids the operation's audit entry names.
"""

from __future__ import annotations

import json
import logging
from collections import OrderedDict
from collections.abc import AsyncIterator
from typing import Any

import orjson
from graphql import ExecutionResult as GraphQLExecutionResult
from graphql import FragmentDefinitionNode, OperationDefinitionNode
from graphql.execution.values import get_variable_values
from strawberry.extensions import SchemaExtension

from api.graphql.compiled import rules
from api.graphql.compiled.compiler import MISSING, Compiler, Fallback, Inputs, NotCompilable, Plan, Shape

log = logging.getLogger(__name__)

MAX_PLANS = 512


class _Uncompilable:
    """A cache entry: this document (with this shape) is answered by the resolvers."""


UNCOMPILABLE = _Uncompilable()


class PlanCache:
    """Bounded plans by (document, operation, shape variables, permission signature)."""

    def __init__(self, size: int = MAX_PLANS) -> None:
        self.size = size
        self.shapes: dict[tuple[str, str | None], Shape] = {}
        self.plans: OrderedDict[tuple[Any, ...], Plan | _Uncompilable] = OrderedDict()

    def key(self, query: str, operation: str | None, raw: dict[str, Any], viewer: Any, purpose: bool) -> tuple[Any, ...] | None:
        shape = self.shapes.get((query, operation))
        if shape is None:
            return None
        variables = tuple((name, json.dumps(project(raw.get(name, MISSING) if raw else MISSING), sort_keys=True,
                                            default=repr)) for name, project in sorted(shape.variables.items()))
        signature = tuple(sorted((c.value, a.value, viewer.access(c, a).value) for c, a in shape.categories))
        return (query, operation, variables, signature, purpose, viewer.organisation_id is not None)

    def get(self, key: tuple[Any, ...]) -> Plan | _Uncompilable | None:
        plan = self.plans.get(key)
        if plan is not None:
            self.plans.move_to_end(key)
        return plan

    def put(self, query: str, operation: str | None, shape: Shape, key_of: Any, plan: Plan | _Uncompilable) -> None:
        known = self.shapes.get((query, operation))
        if known is not None:  # every compile of a document reads the same variables; categories may grow
            shape = Shape({**known.variables, **shape.variables}, known.categories | shape.categories)
        if len(self.shapes) >= self.size and (query, operation) not in self.shapes:
            self.shapes.clear()  # bounded: the plans keyed by the forgotten shapes age out below
        self.shapes[(query, operation)] = shape
        key = key_of()
        if key is not None:
            self.plans[key] = plan
            while len(self.plans) > self.size:
                self.plans.popitem(last=False)


def _operation(document: Any, name: str | None) -> tuple[OperationDefinitionNode | None, dict[str, FragmentDefinitionNode]]:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    if name is None:
        return (operations[0] if len(operations) == 1 else None), fragments
    return next((o for o in operations if o.name is not None and o.name.value == name), None), fragments


class CompiledReads(SchemaExtension):
    """Must be the schema's last extension (its ``on_execute`` must see every other check done)."""

    cache = PlanCache()

    async def on_execute(self) -> AsyncIterator[None]:  # type: ignore[override]
        ctx = self.execution_context
        try:
            data = await self._answer(ctx)
        except (NotCompilable, Fallback):
            data = None
        if data is not None:
            ctx.result = GraphQLExecutionResult(data=data, errors=None)
        yield

    async def _answer(self, ctx: Any) -> orjson.Fragment | None:
        context = ctx.context
        if ctx.pre_execution_errors or ctx.graphql_document is None or not isinstance(ctx.query, str):
            return None
        principal = getattr(context, "principal", None)
        if principal is None or principal.is_national or not hasattr(context, "gate"):
            return None
        operation, fragments = _operation(ctx.graphql_document, ctx.operation_name)
        if operation is None or operation.operation.value != "query":
            return None
        schema = ctx.schema._schema
        coerced = get_variable_values(schema, operation.variable_definitions or (), ctx.variables or {})
        if isinstance(coerced, list):
            return None  # the resolvers report the caller's variables
        raw = ctx.variables or {}
        viewer = context.viewer
        purpose = bool(context.purpose)
        key = self.cache.key(ctx.query, ctx.operation_name, raw, viewer, purpose)
        plan = self.cache.get(key) if key is not None else None
        if plan is None:
            compiler = Compiler(schema, fragments, viewer, coerced, raw, ctx.schema.limits, rules)
            try:
                plan = compiler.operation(operation)
            except NotCompilable as why:
                log.debug("not compiled: %s", why)
                plan = UNCOMPILABLE
            self.cache.put(ctx.query, ctx.operation_name, compiler.shape,
                           lambda: self.cache.key(ctx.query, ctx.operation_name, raw, viewer, purpose), plan)
        if plan is UNCOMPILABLE:
            return None
        assert isinstance(plan, Plan)
        gate = context.gate
        if any(gate.allowed_now(category) is None for category in plan.required):
            return None  # a refusal (or a missing purpose): the resolvers refuse it and record it
        arguments = plan.arguments(Inputs(coerced, viewer, ctx.schema.limits))
        data, listed, opened = await context.database.read_compiled(plan.sql, arguments)
        context.saw_people(listed or ())
        context.saw_people(opened or (), opened=True)
        # PostgreSQL wrote the JSON of ``data``: it goes into the answer as it is (orjson embeds a Fragment
        # without decoding it), never parsed into Python objects only to be encoded again
        return orjson.Fragment(data)
