"""The GraphQL schema and its hardening (one builder for the app, the tests and ``gvi schema export``)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import strawberry
from graphql import GraphQLError
from strawberry import relay
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.types import Info
from strawberry.types.base import StrawberryOptional

from api.graphql.administration.mutations import AdministrationMutations
from api.graphql.administration.queries import AdministrationQueries
from api.graphql.compiled.extension import CompiledReads
from api.graphql.errors import ErrorPolicy, log_errors
from api.graphql.inputs import NamedInputErrors
from api.graphql.limits import DEFAULT_PAGE_SIZE, CostLimit, Limits, check_page_size
from api.graphql.mutations.callins import CallInMutations
from api.graphql.mutations.enforcement import EnforcementMutations
from api.graphql.mutations.groups import GroupMutations
from api.graphql.mutations.incidents import IncidentMutations
from api.graphql.mutations.notifications import NotificationMutations
from api.graphql.mutations.organisations import OrganisationMutations
from api.graphql.mutations.outreach import OutreachMutations
from api.graphql.mutations.people import PeopleMutations
from api.graphql.mutations.programme import ProgrammeMutations
from api.graphql.mutations.support import SupportMutations
from api.graphql.mutations.tasks import TaskMutations
from api.graphql.national.mutations import NationalMutations
from api.graphql.national.queries import NationalQueries
from api.graphql.pagination import Connection, connection
from api.graphql.permissions import Requires
from api.graphql.queries import DomainQueries
from api.graphql.scalars import SCALAR_OVERRIDES
from api.graphql.types.callins import CallInNode
from api.graphql.types.city import CityNode
from api.graphql.types.enforcement import EnforcementActionNode
from api.graphql.types.groups import GroupNode, GroupRelationshipNode
from api.graphql.types.incidents import IncidentNode, IncidentReviewNode
from api.graphql.types.notifications import CustomNotificationNode
from api.graphql.types.organisation import OrganisationFilter, OrganisationNode, OrganisationOrder
from api.graphql.types.outreach import OutreachActivityNode
from api.graphql.types.people import DesignationNode, MembershipNode, PersonNode
from api.graphql.types.programme import ContextEventNode
from api.graphql.types.support import SupportCaseNode
from api.graphql.types.tasks import TaskNode
from api.graphql.types.viewer import Viewer
from domain.identity.permissions import Category
from domain.organisations import reading as organisations


class ReportingParserCache(ParserCache):
    """Caches parsed documents; leaves a document that does not parse to Strawberry's own parse step.

    Strawberry reports a parse error raised inside an extension outside the operation, where
    :class:`ErrorPolicy` never sees it (no error code). Re-parsing a refused document is cheap: the
    token limit aborts it early.
    """

    def on_parse(self) -> Iterator[None]:
        try:
            yield from super().on_parse()
        except GraphQLError:
            yield


class Schema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context=None) -> None:
        log_errors(errors)


NODE_TYPES = [CityNode, OrganisationNode, GroupNode, GroupRelationshipNode, PersonNode, MembershipNode, DesignationNode,
              IncidentNode, IncidentReviewNode, CallInNode, CustomNotificationNode, EnforcementActionNode, SupportCaseNode,
              OutreachActivityNode, TaskNode, ContextEventNode]


@strawberry.type
class Query(DomainQueries, NationalQueries, AdministrationQueries):
    @strawberry.field(description="Any object by its global id. Another city's id, like a missing one, answers null.")
    async def node(self, info: Info, id: relay.GlobalID) -> relay.Node | None:
        if info.context.principal.is_national:
            return None  # every node is a city's object; national users read as a role that cannot see them
        return await id.resolve_node(info, required=False)

    @strawberry.field(description="Who is asking: kind, role and scopes, as the server sees them.")
    def viewer(self, info: Info) -> Viewer:
        return Viewer.from_principal(info.context.principal)

    @strawberry.field(description="The caller's city.")
    async def city(self, info: Info) -> CityNode | None:
        tenant_id = info.context.principal.tenant_id
        row = await info.context.loaders.tenant_by_id.load(tenant_id) if tenant_id else None
        return CityNode.from_row(row) if row else None

    @strawberry.field(description="A partner organisation by global id; null when missing or another city's.",
                      extensions=[Requires(Category.programme)])
    async def organisation(self, info: Info, id: relay.GlobalID) -> OrganisationNode | None:
        if id.type_name != "Organisation":
            return None
        nodes = await OrganisationNode.resolve_nodes(info=info, node_ids=[id.node_id])
        return nodes[0]

    @strawberry.field(description="The city's partner organisations, a page at a time (at most 100 per page).",
                      extensions=[Requires(Category.programme)])
    async def organisations(
        self,
        info: Info,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
        filter: OrganisationFilter | None = None,
        order: OrganisationOrder = OrganisationOrder.NAME,
    ) -> Connection[OrganisationNode]:
        values = {name: getattr(filter, name) for name in vars(filter)} if filter else None
        return await connection(
            lambda page: organisations.list_organisations(info.context.database, info.context.viewer, values, order.value, page),
            check_page_size(first, info.schema.limits), after, OrganisationNode.from_row)


def _refusable_roots_nullable(query: type) -> None:
    """Every top-level field behind ``Requires`` may answer null.

    A refused field answers FORBIDDEN with a null; were it non-null, GraphQL would null the whole
    ``data`` and a caller asking for ``viewer`` and ``incidents`` would lose ``viewer`` too, although
    it may read it. (Mutations refuse in their payload, so they keep their non-null payloads.)
    """
    for field in query.__strawberry_definition__.fields:
        if any(isinstance(e, Requires) for e in field.extensions) and not isinstance(field.type, StrawberryOptional):
            field.type = StrawberryOptional(field.type)


_refusable_roots_nullable(Query)


@strawberry.type
class Mutation(OrganisationMutations, GroupMutations, PeopleMutations, IncidentMutations, CallInMutations,
               NotificationMutations, EnforcementMutations, SupportMutations, OutreachMutations, TaskMutations,
               ProgrammeMutations, NationalMutations, AdministrationMutations):
    pass


def build_schema(
    *, development: bool = False, limits: Limits | None = None, extra_extensions: Sequence[type[SchemaExtension]] = (),
    compile_reads: bool = False,
) -> strawberry.Schema:
    """The schema with the production hardening; ``development`` opens introspection and field suggestions."""
    limits = limits or Limits()
    # The depth and alias rules are built once: the validation cache is keyed by the rule classes,
    # and these limiters define a new class per instance.
    rules = [
        *QueryDepthLimiter(max_depth=limits.max_depth).validation_rules,
        *MaxAliasesLimiter(max_alias_count=limits.max_aliases).validation_rules,
    ]
    # Factories: a fresh extension per operation (the caches are module-level, shared by all).
    extensions: list = [
        lambda: ReportingParserCache(maxsize=256),
        lambda: MaxTokensLimiter(max_token_count=limits.max_tokens),
        NamedInputErrors,  # literal values refused with the argument's name
        lambda: AddValidationRules(rules),
        lambda: ValidationCache(maxsize=256),
        lambda: CostLimit(limits),  # after ValidationCache: it costs only documents that passed validation
        ErrorPolicy,  # masks unexpected errors in every mode
        *extra_extensions,
    ]
    if compile_reads:
        extensions.append(CompiledReads)  # last: every check above has run when it answers
    if not development:
        extensions.insert(0, DisableIntrospection)
    schema = Schema(
        query=Query,
        mutation=Mutation,
        types=NODE_TYPES,
        extensions=extensions,
        scalar_overrides=SCALAR_OVERRIDES,
        config=StrawberryConfig(
            disable_field_suggestions=not development,
            relay_max_results=limits.max_page_size,
            batching_config={"max_operations": limits.max_batch},
        ),
    )
    schema.limits = limits  # type: ignore[attr-defined]
    return schema

