"""Per-request DataLoaders, typed: one attribute per relation, built on first use.

A loader batches every ``load(key)`` of one tick into ONE query through the request's database handle
(``base.Reader``: the serialised session, so the tenant's row-level security applies, and the viewer,
so only rows the caller may see are loaded) and caches rows for the rest of the request. Rows by id
share one generic loader per model (``by_id(Model)``); relations have a module each. Adding one: write
``<relation>.py`` with a ``base.ByKey``/``base.JoinedByKey`` subclass and add a property here.
"""

from __future__ import annotations

from functools import cached_property

from api.graphql.dataloaders.base import ById, Reader
from api.graphql.dataloaders.clients_by_call_in import ClientsByCallInLoader
from api.graphql.dataloaders.close_persons_by_person import ClosePersonsByPersonLoader
from api.graphql.dataloaders.consents_by_case import ConsentsByCaseLoader
from api.graphql.dataloaders.decisions_by_review import DecisionsByReviewLoader
from api.graphql.dataloaders.designations_by_person import DesignationsByPersonLoader
from api.graphql.dataloaders.groups_by_incident import GroupsByIncidentLoader
from api.graphql.dataloaders.incidents_by_enforcement_action import IncidentsByEnforcementActionLoader
from api.graphql.dataloaders.involvement_by_incident import InvolvementByIncidentLoader
from api.graphql.dataloaders.memberships_by_group import MembershipsByGroupLoader
from api.graphql.dataloaders.memberships_by_person import MembershipsByPersonLoader
from api.graphql.dataloaders.organisations_by_notification import OrganisationsByNotificationLoader
from api.graphql.dataloaders.people_by_enforcement_action import PeopleByEnforcementActionLoader
from api.graphql.dataloaders.people_by_incident import PeopleByIncidentLoader
from api.graphql.dataloaders.relationships_by_group import RelationshipsByGroupLoader
from api.graphql.dataloaders.risk_assessments_by_group import RiskAssessmentsByGroupLoader
from api.graphql.dataloaders.speakers_by_call_in import SpeakersByCallInLoader
from api.graphql.dataloaders.support_cases_by_person import SupportCasesByPersonLoader
from api.graphql.dataloaders.tasks_by_review import TasksByReviewLoader
from api.graphql.dataloaders.tenant_by_id import TenantByIdLoader
from api.graphql.dataloaders.transitions_by_case import TransitionsByCaseLoader
from domain.callins.models import CallIn
from domain.groups.models import Group
from domain.incidents.models import Incident, IncidentReview
from domain.organisations.models import Organisation
from domain.people.models import Person


class Loaders:
    """The loaders of one request (never shared between requests)."""

    def __init__(self, db: Reader) -> None:
        self._db = db
        self._by_id: dict[type, ById] = {}

    def by_id(self, model: type) -> ById:
        """Rows of ``model`` by id (one loader per model and request)."""
        loader = self._by_id.get(model)
        if loader is None:
            loader = self._by_id[model] = ById(self._db, model)
        return loader

    @cached_property
    def tenant_by_id(self) -> TenantByIdLoader:
        return TenantByIdLoader(self._db)

    @cached_property
    def call_in_by_id(self) -> ById:
        return self.by_id(CallIn)

    @cached_property
    def group_by_id(self) -> ById:
        return self.by_id(Group)

    @cached_property
    def incident_by_id(self) -> ById:
        return self.by_id(Incident)

    @cached_property
    def incident_review_by_id(self) -> ById:
        return self.by_id(IncidentReview)

    @cached_property
    def organisation_by_id(self) -> ById:
        return self.by_id(Organisation)

    @cached_property
    def person_by_id(self) -> ById:
        return self.by_id(Person)

    @cached_property
    def clients_by_call_in(self) -> ClientsByCallInLoader:
        return ClientsByCallInLoader(self._db)

    @cached_property
    def close_persons_by_person(self) -> ClosePersonsByPersonLoader:
        return ClosePersonsByPersonLoader(self._db)

    @cached_property
    def consents_by_case(self) -> ConsentsByCaseLoader:
        return ConsentsByCaseLoader(self._db)

    @cached_property
    def decisions_by_review(self) -> DecisionsByReviewLoader:
        return DecisionsByReviewLoader(self._db)

    @cached_property
    def designations_by_person(self) -> DesignationsByPersonLoader:
        return DesignationsByPersonLoader(self._db)

    @cached_property
    def groups_by_incident(self) -> GroupsByIncidentLoader:
        return GroupsByIncidentLoader(self._db)

    @cached_property
    def incidents_by_enforcement_action(self) -> IncidentsByEnforcementActionLoader:
        return IncidentsByEnforcementActionLoader(self._db)

    @cached_property
    def involvement_by_incident(self) -> InvolvementByIncidentLoader:
        return InvolvementByIncidentLoader(self._db)

    @cached_property
    def memberships_by_group(self) -> MembershipsByGroupLoader:
        return MembershipsByGroupLoader(self._db)

    @cached_property
    def memberships_by_person(self) -> MembershipsByPersonLoader:
        return MembershipsByPersonLoader(self._db)

    @cached_property
    def organisations_by_notification(self) -> OrganisationsByNotificationLoader:
        return OrganisationsByNotificationLoader(self._db)

    @cached_property
    def people_by_enforcement_action(self) -> PeopleByEnforcementActionLoader:
        return PeopleByEnforcementActionLoader(self._db)

    @cached_property
    def people_by_incident(self) -> PeopleByIncidentLoader:
        return PeopleByIncidentLoader(self._db)

    @cached_property
    def relationships_by_group(self) -> RelationshipsByGroupLoader:
        return RelationshipsByGroupLoader(self._db)

    @cached_property
    def risk_assessments_by_group(self) -> RiskAssessmentsByGroupLoader:
        return RiskAssessmentsByGroupLoader(self._db)

    @cached_property
    def speakers_by_call_in(self) -> SpeakersByCallInLoader:
        return SpeakersByCallInLoader(self._db)

    @cached_property
    def support_cases_by_person(self) -> SupportCasesByPersonLoader:
        return SupportCasesByPersonLoader(self._db)

    @cached_property
    def tasks_by_review(self) -> TasksByReviewLoader:
        return TasksByReviewLoader(self._db)

    @cached_property
    def transitions_by_case(self) -> TransitionsByCaseLoader:
        return TransitionsByCaseLoader(self._db)
