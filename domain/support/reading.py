"""Support cases, their transitions and consents: ``support``; an own-organisation viewer sees the
cases its organisation provides, and their history and consents."""

from __future__ import annotations

import uuid

from sqlalchemy import ColumnElement, select

from domain.access.readable import register
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
