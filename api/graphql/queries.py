"""The domain's root query fields: typed lookups by global id and Relay connections with filters.

Each list runs one keyset-paged query; relations of its nodes come from the request's DataLoaders.
Every list comes from its package's ``reading`` module: the entity's readable statement (the rows the
caller may see, own organisation only where the matrix says so) narrowed by the filter's conditions
(``domain.access.listing``). Lists of person-level data note the people they return for the
operation's one audit entry.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Iterable
from datetime import date
from typing import Annotated, Any

import strawberry
from strawberry import relay
from strawberry.types import Info

from api.graphql.errors import GraphQLRefusal
from api.graphql.limits import DEFAULT_PAGE_SIZE, check_page_size
from api.graphql.pagination import Connection, connection
from api.graphql.permissions import Requires
from api.graphql.types.callins import CallInFilter, CallInNode, CallInOrder
from api.graphql.types.enforcement import EnforcementActionFilter, EnforcementActionNode, EnforcementActionOrder
from api.graphql.types.figures import CityFiguresRow, FiguresPeriod, to_rows
from api.graphql.types.groups import GroupFilter, GroupNode, GroupOrder, GroupRelationshipNode
from api.graphql.types.incidents import IncidentFilter, IncidentNode, IncidentOrder, IncidentReviewNode
from api.graphql.types.notifications import CustomNotificationFilter, CustomNotificationNode, CustomNotificationOrder
from api.graphql.types.outreach import OutreachActivityFilter, OutreachActivityNode, OutreachActivityOrder
from api.graphql.types.people import DesignationNode, PersonFilter, PersonNode, PersonOrder
from api.graphql.types.programme import (
    ContextEventFilter,
    ContextEventNode,
    ContextEventOrder,
    FidelityItem,
    ProgrammePhase,
    ProgrammeSettings,
)
from api.graphql.types.support import SupportCaseFilter, SupportCaseNode, SupportCaseOrder
from api.graphql.types.tasks import TaskFilter, TaskNode, TaskOrder
from domain.access.paging import Page
from domain.callins import reading as callin_reading
from domain.enforcement import reading as enforcement_reading
from domain.enforcement import service as enforcement
from domain.figures import service as figures
from domain.groups import reading as group_reading
from domain.groups import service as groups_service
from domain.identity.permissions import Category
from domain.incidents import reading as incident_reading
from domain.notifications import reading as notification_reading
from domain.outreach import reading as outreach_reading
from domain.people import reading as people_reading
from domain.people import service as people
from domain.programme import reading as programme_reading
from domain.programme import service as programme
from domain.support import reading as support_reading
from domain.tasks import reading as task_reading


def _gid(value: str | None, type_name: str, argument: str) -> uuid.UUID | None:
    """A filter's global id; a malformed one is refused, another type's matches nothing."""
    if value is None:
        return None
    try:
        parsed = relay.GlobalID.from_id(value)
        return uuid.UUID(parsed.node_id) if parsed.type_name == type_name else uuid.UUID(int=0)
    except ValueError:
        raise GraphQLRefusal(f"{argument}: not a global id of a {type_name}", "BAD_USER_INPUT") from None


def _values(filter: Any, **ids: tuple[str, str]) -> dict[str, Any]:
    """A filter input as the domain's values: global ids (``name=(type, argument)``) become UUIDs."""
    if filter is None:
        return {}
    values = {name: getattr(filter, name) for name in vars(filter)}
    for name, (type_name, argument) in ids.items():
        values[name] = _gid(values.get(name), type_name, argument)
    return values


async def _page(info: Info, list_rows: Callable[..., Awaitable[Page]], first: int | None, after: str | None,
                node: Any, people_of: Callable[[Any], Iterable[Any]] | None = None) -> Connection:
    """A connection of one page of a domain list (``list_rows(page)``); person-level rows noted for the audit."""
    result = await connection(list_rows, check_page_size(first, info.schema.limits), after, node.from_row)
    if people_of is not None:
        info.context.saw_people([p for edge in result.edges for p in people_of(edge.node)])
    return result


def _list(list_rows: Callable[..., Awaitable[Page]], info: Info, values: dict[str, Any], order: Any):
    """``list_rows`` of a domain package for the caller, waiting for its page."""
    context = info.context
    return lambda page: list_rows(context.database, context.viewer, values, order.value, page)


def _selected_names(info: Info) -> set[str]:
    """Every field name anywhere below this field in the operation (fragments included)."""
    names: set[str] = set()
    stack = list(info.selected_fields)
    while stack:
        selection = stack.pop()
        name = getattr(selection, "name", None)
        if name is not None:
            names.add(name)
        stack.extend(getattr(selection, "selections", None) or ())
    return names


async def _prefetch_incident_links(info: Info, found: Connection) -> None:
    """Load the page's groups and people in one batch each, before their per-incident fields run.

    Only a data optimisation: the fields still check their permission (``guarded_load``); nothing is
    prefetched for a category the caller may not read, and a refusal takes the usual path.
    """
    context = info.context
    if not found.edges:
        return
    names = _selected_names(info)
    keys = [edge.node.pk for edge in found.edges]
    if ("groups" in names or "groupLinks" in names) and context.allowed_now(Category.groups) is not None:
        await context.loaders.groups_by_incident.load_many(keys)
    if "people" in names and context.allowed_now(Category.people) is not None:
        await context.loaders.people_by_incident.load_many(keys)


PAGE = f"A page at a time (`first` 0–100, default {DEFAULT_PAGE_SIZE}), keyset cursors."


async def programme_settings(info: Info) -> ProgrammeSettings | None:
    async with info.context.db() as session:
        settings = await programme.get_settings(session)
        if settings is None:
            return None
        phases = list(await session.scalars(programme_reading.phases(info.context.viewer)))
        lines = await programme.fidelity(session)
    return ProgrammeSettings(
        name=settings.name, started_on=settings.started_on, population=settings.population,
        population_year=settings.population_year,
        phases=[ProgrammePhase(phase=p.phase, started_on=p.started_on, ended_on=p.ended_on, note=p.note) for p in phases],
        fidelity=[FidelityItem(element=line.element, status=line.status, overdue=line.overdue,
                               assessed_on=line.check.assessed_on if line.check else None,
                               evidence=line.check.evidence if line.check else None,
                               next_review_on=line.check.next_review_on if line.check else None) for line in lines],
    )


def _lookup(node: Any, category: Category, what: str):
    async def resolve(self, info: Info, id: relay.GlobalID) -> node | None:  # type: ignore[valid-type]
        return await node.lookup(info, id)

    resolve.__annotations__["return"] = node | None
    return strawberry.field(resolver=resolve, extensions=[Requires(category)],
                            description=f"{what} by global id; null when missing, another city's or another type's.")


@strawberry.type
class DomainQueries:
    person = _lookup(PersonNode, Category.people, "A person (opening one is audited as a read)")
    group = _lookup(GroupNode, Category.groups, "A group")
    group_relationship = _lookup(GroupRelationshipNode, Category.groups, "A relationship between groups")
    incident = _lookup(IncidentNode, Category.incidents, "An incident")
    incident_review = _lookup(IncidentReviewNode, Category.incidents, "An incident review")
    call_in = _lookup(CallInNode, Category.callins, "A call-in")
    custom_notification = _lookup(CustomNotificationNode, Category.notifications, "A custom notification")
    enforcement_action = _lookup(EnforcementActionNode, Category.enforcement, "An enforcement action")
    support_case = _lookup(SupportCaseNode, Category.support, "A support case")
    outreach_activity = _lookup(OutreachActivityNode, Category.outreach, "An outreach activity")
    task = _lookup(TaskNode, Category.tasks, "A task")
    context_event = _lookup(ContextEventNode, Category.programme, "A context event")

    @strawberry.field(description="The city's incidents, newest first by default. " + PAGE, extensions=[Requires(Category.incidents)])
    async def incidents(self, info: Info, first: int = DEFAULT_PAGE_SIZE, after: str | None = None,
                        filter: IncidentFilter | None = None,
                        order: IncidentOrder = IncidentOrder.OCCURRED_AT_DESC) -> Connection[IncidentNode]:
        values = _values(filter, group_id=("Group", "filter.groupId"))
        found = await _page(info, _list(incident_reading.list_incidents, info, values, order), first, after, IncidentNode)
        await _prefetch_incident_links(info, found)
        return found

    @strawberry.field(description="Incident reviews, newest first. " + PAGE, extensions=[Requires(Category.incidents)])
    async def incident_reviews(self, info: Info, first: int = DEFAULT_PAGE_SIZE,
                               after: str | None = None) -> Connection[IncidentReviewNode]:
        context = info.context
        return await _page(info, lambda page: incident_reading.list_incident_reviews(
            context.database, context.viewer, "held_on_desc", page), first, after, IncidentReviewNode)

    @strawberry.field(description="People, by family name by default (identity numbers are never listed). Returning "
                                  "people is audited as one search. Own-organisation roles (outreach) get only people "
                                  "assigned to their organisation. " + PAGE, extensions=[Requires(Category.people)])
    async def people(self, info: Info, first: int = DEFAULT_PAGE_SIZE, after: str | None = None,
                     filter: PersonFilter | None = None,
                     order: PersonOrder = PersonOrder.FAMILY_NAME) -> Connection[PersonNode]:
        values = _values(filter, group_id=("Group", "filter.groupId"))
        if values.get("identity_number") is not None:  # exact look-up through the blind index
            async with info.context.db() as session:
                found = await people.find_by_identity_number(session, identity_number=values.pop("identity_number"))
            values["id"] = found.id if found else uuid.UUID(int=0)
        return await _page(info, _list(people_reading.list_people, info, values, order), first, after, PersonNode,
                           lambda n: [n.pk])

    @strawberry.field(description="Groups, by name by default. " + PAGE, extensions=[Requires(Category.groups)])
    async def groups(self, info: Info, first: int = DEFAULT_PAGE_SIZE, after: str | None = None,
                     filter: GroupFilter | None = None, order: GroupOrder = GroupOrder.NAME) -> Connection[GroupNode]:
        return await _page(info, _list(group_reading.list_groups, info, _values(filter), order), first, after, GroupNode)

    @strawberry.field(description="The group network on a day (default today): relationships in force.",
                      extensions=[Requires(Category.groups)])
    async def group_network(self, info: Info, on: date | None = None) -> list[GroupRelationshipNode]:
        async with info.context.db() as session:
            rows = await groups_service.network(session, on=on)
        return GroupRelationshipNode.from_rows(rows)

    @strawberry.field(description="Call-ins, newest first by default. " + PAGE, extensions=[Requires(Category.callins)])
    async def call_ins(self, info: Info, first: int = DEFAULT_PAGE_SIZE, after: str | None = None,
                       filter: CallInFilter | None = None,
                       order: CallInOrder = CallInOrder.HELD_ON_DESC) -> Connection[CallInNode]:
        return await _page(info, _list(callin_reading.list_call_ins, info, _values(filter), order), first, after, CallInNode)

    @strawberry.field(description="Custom notifications (person-level data, audited as one search). " + PAGE,
                      extensions=[Requires(Category.notifications)])
    async def custom_notifications(self, info: Info, first: int = DEFAULT_PAGE_SIZE, after: str | None = None,
                                   filter: CustomNotificationFilter | None = None,
                                   order: CustomNotificationOrder = CustomNotificationOrder.DELIVERED_ON_DESC,
                                   ) -> Connection[CustomNotificationNode]:
        values = _values(filter, person_id=("Person", "filter.personId"))
        return await _page(info, _list(notification_reading.list_custom_notifications, info, values, order), first, after,
                           CustomNotificationNode, lambda n: [n.person_id])

    @strawberry.field(description="Enforcement actions, newest first by default. Police intelligence: refused with "
                                  "FORBIDDEN for roles without enforcement:read (outreach, caseworkers, viewers). " + PAGE,
                      extensions=[Requires(Category.enforcement)])
    async def enforcement_actions(self, info: Info, first: int = DEFAULT_PAGE_SIZE, after: str | None = None,
                                  filter: EnforcementActionFilter | None = None,
                                  order: EnforcementActionOrder = EnforcementActionOrder.TAKEN_ON_DESC,
                                  ) -> Connection[EnforcementActionNode]:
        values = _values(filter, group_id=("Group", "filter.groupId"))
        return await _page(info, _list(enforcement_reading.list_enforcement_actions, info, values, order), first, after,
                           EnforcementActionNode)

    @strawberry.field(description="Who is on the focus list on a day (default today); lapsed entries are not. "
                                  "Police intelligence: requires enforcement:read.", extensions=[Requires(Category.enforcement)])
    async def focus_list(self, info: Info, group_id: strawberry.ID | None = None, on: date | None = None) -> list[DesignationNode]:
        async with info.context.db() as session:
            rows = await enforcement.focus_list(session, group_id=_gid(group_id, "Group", "groupId"), on=on)
        info.context.saw_people([r.person_id for r in rows])
        return DesignationNode.from_rows(rows)

    @strawberry.field(description="Support cases (person-level data, audited as one search). Own-organisation roles get "
                                  "only their organisation's cases. " + PAGE, extensions=[Requires(Category.support)])
    async def support_cases(self, info: Info, first: int = DEFAULT_PAGE_SIZE, after: str | None = None,
                            filter: SupportCaseFilter | None = None,
                            order: SupportCaseOrder = SupportCaseOrder.CREATED_AT_DESC) -> Connection[SupportCaseNode]:
        values = _values(filter, person_id=("Person", "filter.personId"))
        return await _page(info, _list(support_reading.list_support_cases, info, values, order), first, after,
                           SupportCaseNode, lambda n: [n.person_id])

    @strawberry.field(description="Outreach activity. Own-organisation roles get only their organisation's. " + PAGE,
                      extensions=[Requires(Category.outreach)])
    async def outreach_activities(self, info: Info, first: int = DEFAULT_PAGE_SIZE, after: str | None = None,
                                  filter: OutreachActivityFilter | None = None,
                                  order: OutreachActivityOrder = OutreachActivityOrder.OCCURRED_ON_DESC,
                                  ) -> Connection[OutreachActivityNode]:
        return await _page(info, _list(outreach_reading.list_outreach_activities, info, _values(filter), order), first,
                           after, OutreachActivityNode, lambda n: [n.person_id, n.other_person_id])

    @strawberry.field(description="Follow-up tasks. Own-organisation roles get only tasks assigned to their organisation. "
                                  "Ordered by due date (tasks without one last in that order's key: they sort as null). "
                                  + PAGE, extensions=[Requires(Category.tasks)])
    async def tasks(self, info: Info, first: int = DEFAULT_PAGE_SIZE, after: str | None = None,
                    filter: TaskFilter | None = None, order: TaskOrder = TaskOrder.CREATED_AT_DESC) -> Connection[TaskNode]:
        return await _page(info, _list(task_reading.list_tasks, info, _values(filter), order), first, after, TaskNode,
                           lambda n: [n.person_id])

    @strawberry.field(description="Context events (dated annotations beside the figures). " + PAGE,
                      extensions=[Requires(Category.programme)])
    async def context_events(self, info: Info, first: int = DEFAULT_PAGE_SIZE, after: str | None = None,
                             filter: ContextEventFilter | None = None,
                             order: ContextEventOrder = ContextEventOrder.STARTED_ON) -> Connection[ContextEventNode]:
        return await _page(info, _list(programme_reading.list_context_events, info, _values(filter), order), first, after,
                           ContextEventNode)

    @strawberry.field(description="The city's programme: settings, phases and the fidelity checklist; null before it is set up.",
                      extensions=[Requires(Category.programme)])
    async def programme(self, info: Info) -> ProgrammeSettings | None:
        return await programme_settings(info)

    @strawberry.field(description="The city's figures, one row per period from `from` to `to` (inclusive days; `from` "
                                  "defaults to the first recorded event, `to` to today).",
                      extensions=[Requires(Category.figures)])
    async def city_figures(
        self, info: Info, period: FiguresPeriod,
        from_: Annotated[date | None, strawberry.argument(name="from")] = None,
        to: date | None = None,
    ) -> list[CityFiguresRow]:  # type: ignore[valid-type]
        async with info.context.db() as session:
            rows = await figures.city_figures(session, period=period.value, start=from_, end=to)
        return to_rows(rows)
