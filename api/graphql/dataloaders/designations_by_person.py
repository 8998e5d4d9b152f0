"""A person's designations, oldest first (one query per batch of keys)."""

from __future__ import annotations

from api.graphql.dataloaders.base import ByKey
from domain.people.models import Designation


class DesignationsByPersonLoader(ByKey):
    model = Designation
    column = "person_id"
    order = ('started_on', 'id')
