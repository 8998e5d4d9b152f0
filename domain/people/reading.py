"""Which people, designations and close-person links a viewer may see (the one home of that rule).

People are ``people`` data; an own-organisation viewer (outreach) sees the people assigned to its
organisation (``service.assigned_to_organisation``). A focus-list designation is police intelligence
(``enforcement``); an at-risk designation is ``people`` data of a person the viewer may see.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, false, or_, select, true

from domain.access.listing import Condition, contains_text, equals, narrow
from domain.access.paging import Page, PageRequest, Reader, fetch, orderings
from domain.access.readable import category_clause, readable, register, visible
from domain.access.viewer import Viewer
from domain.identity.permissions import Access, Category
from domain.people.models import ClosePerson, Designation, DesignationKind, GroupMembership, Person
from domain.people.service import assigned_to_organisation, current_clause
from domain.rules import today


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



def _members_of(viewer: Viewer) -> Condition:
    # membership is police intelligence: a viewer who may not read groups learns nothing from this filter
    return lambda group_id: select(GroupMembership.id).where(
        visible(GroupMembership, viewer), GroupMembership.person_id == Person.id, GroupMembership.group_id == group_id,
        current_clause(GroupMembership, today())).exists()


def people(viewer: Viewer, filters: Mapping[str, Any] | None = None) -> Select:
    """The people ``viewer`` may see, narrowed by ``filters`` (``id``: an identity number's look-up result)."""
    conditions: dict[str, Condition] = {
        "id": equals(Person.id), "name_contains": contains_text(Person.given_name, Person.family_name),
        "supervision_status": equals(Person.supervision_status), "birth_year": equals(Person.birth_year),
        "group_id": _members_of(viewer),
    }
    return narrow(readable(Person, viewer), filters, conditions)


PERSON_ORDERS = orderings(Person, {"family_name": ("family_name", False), "created_at_desc": ("created_at", True)})


async def list_people(reader: Reader, viewer: Viewer, filters: Mapping[str, Any] | None, order: str,
                      page: PageRequest) -> Page:
    """A page of ``people`` in ``order`` (family_name, created_at_desc)."""
    return await fetch(reader, people(viewer, filters), PERSON_ORDERS[order], page)
