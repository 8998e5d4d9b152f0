"""Outreach activity: ``outreach``; an own-organisation viewer sees its organisation's activity."""

from __future__ import annotations

import uuid

from sqlalchemy import ColumnElement

from domain.access.readable import register
from domain.identity.permissions import Category
from domain.outreach.models import OutreachActivity


def logged_by(organisation_id: uuid.UUID) -> ColumnElement[bool]:
    return OutreachActivity.organisation_id == organisation_id


register(OutreachActivity, Category.outreach, own_organisation=logged_by)
