"""Per-request DataLoaders: one class per relation, each in its own module, registered here.

A loader batches every ``load(key)`` of one tick into ONE query through the request's session (so
the tenant's row-level security applies) and caches rows for the rest of the request. Adding a
relation: write ``<relation>.py`` with a ``DataLoader`` subclass and add it to :class:`Loaders`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from api.graphql.dataloaders.organisation_by_id import OrganisationByIdLoader
from api.graphql.dataloaders.tenant_by_id import TenantByIdLoader

if TYPE_CHECKING:
    from api.graphql.context import GraphQLContext


class Loaders:
    """The loaders of one request (created with its context, never shared between requests)."""

    def __init__(self, context: GraphQLContext) -> None:
        self.organisation_by_id = OrganisationByIdLoader(context)
        self.tenant_by_id = TenantByIdLoader(context)
