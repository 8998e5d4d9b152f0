"""Administration reads: the city's accounts, API clients, identity provider and registers
(administration:read — the city's coordinator). Lists page by keyset like every other list."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from api.graphql.administration.types import (
    AccountStatusEnum,
    ApiClientNode,
    CityRoleEnum,
    DataSubjectRequestNode,
    IdentityProviderNode,
    SharingAgreementNode,
    UserAccount,
)
from api.graphql.limits import DEFAULT_PAGE_SIZE, check_page_size
from api.graphql.pagination import Connection, connection
from api.graphql.permissions import Requires
from domain.access.paging import Ordering, fetch
from domain.governance import service as governance
from domain.governance.models import DataSubjectRequest, SharingAgreement
from domain.identity import providers
from domain.identity import reading as identity
from domain.identity.permissions import Category
from domain.rules import today
from tenants.settings import get_settings

ADMIN = [Requires(Category.administration)]
AGREEMENTS = Ordering("valid_from_desc", SharingAgreement.valid_from, SharingAgreement.id, descending=True)
REQUESTS = Ordering("deadline", DataSubjectRequest.deadline, DataSubjectRequest.id)


@strawberry.input(description="Narrows `users`. All given conditions must hold.")
class UserFilter:
    role: CityRoleEnum | None = None  # type: ignore[valid-type]
    status: AccountStatusEnum | None = None  # type: ignore[valid-type]


async def page(info: Info, statement: Any, ordering: Ordering, first: int, after: str | None, to_node) -> Connection:
    database = info.context.database
    return await connection(lambda request: fetch(database, statement, ordering, request),
                            check_page_size(first, info.schema.limits), after, to_node)


async def agreement_nodes(info: Info, rows: list[SharingAgreement]) -> list[SharingAgreementNode]:
    async with info.context.db() as session:
        parties, terms = await governance.parties_and_terms(session, [r.id for r in rows])
    now = today()
    return [SharingAgreementNode.from_row(r, parties[r.id], terms[r.id], now) for r in rows]


@strawberry.type
class AdministrationQueries:
    @strawberry.field(description="The city's user accounts by username.", extensions=ADMIN)
    async def users(self, info: Info, first: int = DEFAULT_PAGE_SIZE, after: str | None = None,
                    filter: UserFilter | None = None) -> Connection[UserAccount]:
        values = None if filter is None else {"role": filter.role.value if filter.role is not None else None,
                                              "status": filter.status}
        context = info.context
        return await connection(
            lambda request: identity.list_users(context.database, context.viewer, values, "username", request),
            check_page_size(first, info.schema.limits), after, UserAccount.from_row)

    @strawberry.field(description="The city's API clients, oldest first (secrets are never readable).", extensions=ADMIN)
    async def api_clients(self, info: Info, first: int = DEFAULT_PAGE_SIZE,
                          after: str | None = None) -> Connection[ApiClientNode]:
        context = info.context
        return await connection(
            lambda request: identity.list_api_clients(context.database, context.viewer, "created_at", request),
            check_page_size(first, info.schema.limits), after, ApiClientNode.from_row)

    @strawberry.field(description="The city's OpenID Connect provider; null when none is configured.", extensions=ADMIN)
    async def identity_provider(self, info: Info) -> IdentityProviderNode | None:
        async with info.context.db() as session:
            row = await providers.get(session)
        if row is None:
            return None
        city = await info.context.loaders.tenant_by_id.load(info.context.principal.tenant_id)
        return IdentityProviderNode.from_row(row, base_url=get_settings().public_url, city_slug=city.slug)

    @strawberry.field(description="The register of data-sharing agreements, latest valid_from first.", extensions=ADMIN)
    async def sharing_agreements(self, info: Info, first: int = DEFAULT_PAGE_SIZE,
                                 after: str | None = None) -> Connection[SharingAgreementNode]:
        found = await page(info, governance.agreements_statement(), AGREEMENTS, first, after, lambda row: row)
        nodes = await agreement_nodes(info, [e.node for e in found.edges])
        for edge, node in zip(found.edges, nodes, strict=True):
            edge.node = node
        return found

    @strawberry.field(description="The register of data-subject requests, nearest deadline first.", extensions=ADMIN)
    async def data_subject_requests(self, info: Info, first: int = DEFAULT_PAGE_SIZE, after: str | None = None,
                                    open_only: bool = False) -> Connection[DataSubjectRequestNode]:
        now = today()
        return await page(info, governance.requests_statement(open_only=open_only), REQUESTS, first, after,
                          lambda row: DataSubjectRequestNode.from_row(row, now))



