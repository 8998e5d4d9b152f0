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


class Loaders:
    """The loaders of one request (created with its context, never shared between requests)."""

    def __init__(self, context: GraphQLContext) -> None:
        self.call_in_by_id = CallInByIdLoader(context)
        self.clients_by_call_in = ClientsByCallInLoader(context)
        self.close_persons_by_person = ClosePersonsByPersonLoader(context)
        self.consents_by_case = ConsentsByCaseLoader(context)
        self.context_event_by_id = ContextEventByIdLoader(context)
        self.custom_notification_by_id = CustomNotificationByIdLoader(context)
        self.decisions_by_review = DecisionsByReviewLoader(context)
        self.designation_by_id = DesignationByIdLoader(context)
        self.designations_by_person = DesignationsByPersonLoader(context)
        self.enforcement_action_by_id = EnforcementActionByIdLoader(context)
        self.group_by_id = GroupByIdLoader(context)
        self.groups_by_incident = GroupsByIncidentLoader(context)
        self.incident_by_id = IncidentByIdLoader(context)
        self.incident_review_by_id = IncidentReviewByIdLoader(context)
        self.incidents_by_enforcement_action = IncidentsByEnforcementActionLoader(context)
        self.involvement_by_incident = InvolvementByIncidentLoader(context)
        self.membership_by_id = MembershipByIdLoader(context)
        self.memberships_by_group = MembershipsByGroupLoader(context)
        self.memberships_by_person = MembershipsByPersonLoader(context)
        self.organisation_by_id = OrganisationByIdLoader(context)
        self.organisations_by_notification = OrganisationsByNotificationLoader(context)
        self.outreach_activity_by_id = OutreachActivityByIdLoader(context)
        self.people_by_enforcement_action = PeopleByEnforcementActionLoader(context)
        self.people_by_incident = PeopleByIncidentLoader(context)
        self.person_by_id = PersonByIdLoader(context)
        self.relationship_by_id = RelationshipByIdLoader(context)
        self.relationships_by_group = RelationshipsByGroupLoader(context)
        self.risk_assessments_by_group = RiskAssessmentsByGroupLoader(context)
        self.speakers_by_call_in = SpeakersByCallInLoader(context)
        self.support_case_by_id = SupportCaseByIdLoader(context)
        self.support_cases_by_person = SupportCasesByPersonLoader(context)
        self.task_by_id = TaskByIdLoader(context)
        self.tasks_by_review = TasksByReviewLoader(context)
        self.tenant_by_id = TenantByIdLoader(context)
        self.transitions_by_case = TransitionsByCaseLoader(context)
