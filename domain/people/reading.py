"""Which people, designations and close-person links a viewer may see (the one home of that rule).

People are ``people`` data; an own-organisation viewer (outreach) sees the people assigned to its
organisation (``service.assigned_to_organisation``). A focus-list designation is police intelligence
(``enforcement``); an at-risk designation is ``people`` data of a person the viewer may see.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, false, or_, select, true

from domain.access.readable import category_clause, register, visible
from domain.access.viewer import Viewer
from domain.identity.permissions import Access, Category
from domain.people.models import ClosePerson, Designation, DesignationKind, GroupMembership, Person
from domain.people.service import assigned_to_organisation


def person_reference(column: ColumnElement, viewer: Viewer) -> ColumnElement[bool]:
    """``column`` (a person id) names a person the viewer may see."""
    level = viewer.access(Category.people)
    if level is Access.all:
        return true()
    if level is Access.none:
        return false()
    return column.in_(select(Person.id).where(visible(Person, viewer)))


def _designations(viewer: Viewer) -> ColumnElement[bool]:
    return or_(
        and_(Designation.kind == DesignationKind.at_risk, category_clause(viewer, Category.people, lambda org: true()),
             person_reference(Designation.person_id, viewer)),
        and_(Designation.kind == DesignationKind.focus_list, category_clause(viewer, Category.enforcement, None)),
    )


def _close_persons(viewer: Viewer) -> ColumnElement[bool]:
    return and_(person_reference(ClosePerson.person_id, viewer), person_reference(ClosePerson.close_person_id, viewer))


register(Person, Category.people, own_organisation=assigned_to_organisation)
register(Designation, custom=_designations)
register(ClosePerson, custom=_close_persons)
register(GroupMembership, Category.groups)
