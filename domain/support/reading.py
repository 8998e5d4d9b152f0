"""Support cases, their transitions and consents: ``support``; an own-organisation viewer sees the
cases its organisation provides, and their history and consents."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import ColumnElement, Select, select

from domain.access.listing import Condition, equals, narrow
from domain.access.paging import Page, PageRequest, Reader, fetch, orderings
from domain.access.readable import readable, register
from domain.access.viewer import Viewer
from domain.identity.permissions import Category
from domain.support.models import Consent, SupportCase, SupportTransition
from domain.support.service import assigned_to_organisation


def _cases_of(organisation_id: uuid.UUID):
    return select(SupportCase.id).where(assigned_to_organisation(organisation_id))


def _transitions(organisation_id: uuid.UUID) -> ColumnElement[bool]:
    return SupportTransition.case_id.in_(_cases_of(organisation_id))


def _consents(organisation_id: uuid.UUID) -> ColumnElement[bool]:
    return Consent.case_id.in_(_cases_of(organisation_id))


register(SupportCase, Category.support, own_organisation=assigned_to_organisation)
register(SupportTransition, Category.support, own_organisation=_transitions)
register(Consent, Category.support, own_organisation=_consents)



SUPPORT_FILTERS: dict[str, Condition] = {
    "status": equals(SupportCase.status), "provider_type": equals(SupportCase.provider_type),
    "person_id": equals(SupportCase.person_id),
}


def support_cases(viewer: Viewer, filters: Mapping[str, Any] | None = None) -> Select:
    return narrow(readable(SupportCase, viewer), filters, SUPPORT_FILTERS)


SUPPORT_ORDERS = orderings(SupportCase, {"created_at_desc": ("created_at", True), "status_on_desc": ("status_on", True)})


async def list_support_cases(reader: Reader, viewer: Viewer, filters: Mapping[str, Any] | None, order: str,
                             page: PageRequest) -> Page:
    """A page of ``support_cases`` in ``order`` (created_at_desc, status_on_desc)."""
    return await fetch(reader, support_cases(viewer, filters), SUPPORT_ORDERS[order], page)
