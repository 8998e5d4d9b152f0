"""A group's relationships, whichever side it is on: rows ``(group_id, GroupRelationship)``."""

from __future__ import annotations

from sqlalchemy import Select, select, union_all

from api.graphql.dataloaders.base import JoinedByKey
from domain.access.readable import visible
from domain.access.viewer import Viewer
from domain.groups.models import GroupRelationship as R


class RelationshipsByGroupLoader(JoinedByKey):
    def statement(self, keys: list, viewer: Viewer) -> Select:
        sides = union_all(
            select(R.group_a_id.label("group_id"), R.id.label("rid")).where(R.group_a_id.in_(keys)),
            select(R.group_b_id.label("group_id"), R.id.label("rid")).where(R.group_b_id.in_(keys)),
        ).subquery()
        return select(sides.c.group_id, R).join(R, R.id == sides.c.rid).where(visible(R, viewer)).order_by(R.started_on, R.id)
