"""Per-request DataLoaders: one class per relation, each in its own module, registered here.

A loader batches every ``load(key)`` of one tick into ONE query through the request's session (so
the tenant's row-level security applies) and caches rows for the rest of the request. Adding a
relation: write ``<relation>.py`` with a ``DataLoader`` subclass (usually a ``base.ById``,
``base.ByKey`` or ``base.JoinedByKey``) and add it to :class:`Loaders`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from api.graphql.dataloaders.call_in_by_id import CallInByIdLoader
from api.graphql.dataloaders.clients_by_call_in import ClientsByCallInLoader
from api.graphql.dataloaders.close_persons_by_person import ClosePersonsByPersonLoader
from api.graphql.dataloaders.consents_by_case import ConsentsByCaseLoader
from api.graphql.dataloaders.context_event_by_id import ContextEventByIdLoader
from api.graphql.dataloaders.custom_notification_by_id import CustomNotificationByIdLoader
from api.graphql.dataloaders.decisions_by_review import DecisionsByReviewLoader
from api.graphql.dataloaders.designation_by_id import DesignationByIdLoader
from api.graphql.dataloaders.designations_by_person import DesignationsByPersonLoader
from api.graphql.dataloaders.enforcement_action_by_id import EnforcementActionByIdLoader
from api.graphql.dataloaders.group_by_id import GroupByIdLoader
from api.graphql.dataloaders.groups_by_incident import GroupsByIncidentLoader
from api.graphql.dataloaders.incident_by_id import IncidentByIdLoader
from api.graphql.dataloaders.incident_review_by_id import IncidentReviewByIdLoader
from api.graphql.dataloaders.incidents_by_enforcement_action import IncidentsByEnforcementActionLoader
from api.graphql.dataloaders.involvement_by_incident import InvolvementByIncidentLoader
from api.graphql.dataloaders.membership_by_id import MembershipByIdLoader
from api.graphql.dataloaders.memberships_by_group import MembershipsByGroupLoader
from api.graphql.dataloaders.memberships_by_person import MembershipsByPersonLoader
from api.graphql.dataloaders.organisation_by_id import OrganisationByIdLoader
from api.graphql.dataloaders.organisations_by_notification import OrganisationsByNotificationLoader
from api.graphql.dataloaders.outreach_activity_by_id import OutreachActivityByIdLoader
from api.graphql.dataloaders.people_by_enforcement_action import PeopleByEnforcementActionLoader
from api.graphql.dataloaders.people_by_incident import PeopleByIncidentLoader
from api.graphql.dataloaders.person_by_id import PersonByIdLoader
from api.graphql.dataloaders.relationship_by_id import RelationshipByIdLoader
from api.graphql.dataloaders.relationships_by_group import RelationshipsByGroupLoader
from api.graphql.dataloaders.risk_assessments_by_group import RiskAssessmentsByGroupLoader
from api.graphql.dataloaders.speakers_by_call_in import SpeakersByCallInLoader
from api.graphql.dataloaders.support_case_by_id import SupportCaseByIdLoader
from api.graphql.dataloaders.support_cases_by_person import SupportCasesByPersonLoader
from api.graphql.dataloaders.task_by_id import TaskByIdLoader
from api.graphql.dataloaders.tasks_by_review import TasksByReviewLoader
from api.graphql.dataloaders.tenant_by_id import TenantByIdLoader
from api.graphql.dataloaders.transitions_by_case import TransitionsByCaseLoader

if TYPE_CHECKING:
    from api.graphql.context import GraphQLContext


_LOADERS: dict[str, type] = {
    "call_in_by_id": CallInByIdLoader,
    "clients_by_call_in": ClientsByCallInLoader,
    "close_persons_by_person": ClosePersonsByPersonLoader,
    "consents_by_case": ConsentsByCaseLoader,
    "context_event_by_id": ContextEventByIdLoader,
    "custom_notification_by_id": CustomNotificationByIdLoader,
    "decisions_by_review": DecisionsByReviewLoader,
    "designation_by_id": DesignationByIdLoader,
    "designations_by_person": DesignationsByPersonLoader,
    "enforcement_action_by_id": EnforcementActionByIdLoader,
    "group_by_id": GroupByIdLoader,
    "groups_by_incident": GroupsByIncidentLoader,
    "incident_by_id": IncidentByIdLoader,
    "incident_review_by_id": IncidentReviewByIdLoader,
    "incidents_by_enforcement_action": IncidentsByEnforcementActionLoader,
    "involvement_by_incident": InvolvementByIncidentLoader,
    "membership_by_id": MembershipByIdLoader,
    "memberships_by_group": MembershipsByGroupLoader,
    "memberships_by_person": MembershipsByPersonLoader,
    "organisation_by_id": OrganisationByIdLoader,
    "organisations_by_notification": OrganisationsByNotificationLoader,
    "outreach_activity_by_id": OutreachActivityByIdLoader,
    "people_by_enforcement_action": PeopleByEnforcementActionLoader,
    "people_by_incident": PeopleByIncidentLoader,
    "person_by_id": PersonByIdLoader,
    "relationship_by_id": RelationshipByIdLoader,
    "relationships_by_group": RelationshipsByGroupLoader,
    "risk_assessments_by_group": RiskAssessmentsByGroupLoader,
    "speakers_by_call_in": SpeakersByCallInLoader,
    "support_case_by_id": SupportCaseByIdLoader,
    "support_cases_by_person": SupportCasesByPersonLoader,
    "task_by_id": TaskByIdLoader,
    "tasks_by_review": TasksByReviewLoader,
    "tenant_by_id": TenantByIdLoader,
    "transitions_by_case": TransitionsByCaseLoader,
}


class Loaders:
    """The loaders of one request (created with its context, never shared between requests).

    Each loader is built on first use: a request touches a few of the relations, not all of them.
    """

    def __init__(self, context: GraphQLContext) -> None:
        self._context = context

    def __getattr__(self, name: str):
        try:
            loader = _LOADERS[name](self._context)
        except KeyError:
            raise AttributeError(name) from None
        setattr(self, name, loader)  # later look-ups find the instance attribute
        return loader
