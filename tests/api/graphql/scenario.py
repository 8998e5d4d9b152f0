"""One committed city where every category has a row about the same person, for the role tests.

``subject`` is assigned to organisation ``own`` (it provides the subject's support case and logged
outreach with them); ``close`` is a close person of the subject that nobody assigned to ``own``.
The subject has a membership, an at-risk and a focus-list designation, an incident, an enforcement
action, a notification, support, consent, outreach by ``own`` and by ``other``, and tasks of both.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from strawberry.relay import to_base64

from domain.columns import Confidence
from domain.enforcement import service as enforcement
from domain.enforcement.models import EnforcementType
from domain.groups import service as groups
from domain.identity.principal import Principal, Role
from domain.incidents import service as incidents
from domain.incidents.models import IncidentRole, IncidentType
from domain.notifications import service as notifications
from domain.notifications.models import NotificationOutcome, NotificationSetting
from domain.outreach import service as outreach
from domain.outreach.models import OutreachKind
from domain.people import service as people
from domain.people.models import CloseRelation, DesignationKind, MembershipPosition
from domain.rules import STOCKHOLM
from domain.support import service as support
from domain.support.models import ConsentAction, ProviderType, SupportStatus
from domain.tasks import service as tasks
from tenants.context import tenant_context
from tenants.database import transaction
from tests.api.graphql.conftest import City, user

DAY = date.today() - timedelta(days=30)
BASIS = {"source": "police report", "assessed_by": "analyst", "confidence": Confidence.high,
         "assessed_on": DAY, "review_date": DAY + timedelta(days=300)}


@dataclass(frozen=True)
class Scenario:
    city: City
    own: uuid.UUID  # the outreach worker's organisation
    other: uuid.UUID
    subject: uuid.UUID
    close: uuid.UUID
    stranger: uuid.UUID  # a person nobody assigned to ``own``
    group: uuid.UUID
    incident: uuid.UUID
    action: uuid.UUID
    own_case: uuid.UUID
    other_case: uuid.UUID
    own_task: uuid.UUID
    other_task: uuid.UUID
    own_outreach: uuid.UUID
    other_outreach: uuid.UUID

    def gid(self, type_name: str, raw: uuid.UUID) -> str:
        return to_base64(type_name, raw)

    def outreach_worker(self) -> Principal:
        return replace(user(self.city, Role.outreach), organisation_id=self.own)

    def person_by_role(self, role: Role) -> Principal:
        principal = user(self.city, role)
        return replace(principal, organisation_id=self.own) if role is Role.outreach else principal


async def build(sessions, city: City) -> Scenario:
    own, other = city.organisations[0].id, city.organisations[1].id
    with tenant_context(city.id):
        async with transaction(sessions) as s:
            subject = (await people.create_person(s, given_name="Sam", family_name="Subject",
                                                  identity_number="198112189876")).id
            close = (await people.create_person(s, given_name="Cleo", family_name="Close",
                                                identity_number="811228-9874")).id
            stranger = (await people.create_person(s, given_name="Stig", family_name="Stranger")).id
            await people.add_close_person(s, person_id=subject, close_person_id=close, relation=CloseRelation.parent)
            group = (await groups.create_group(s, name="Scenario group")).id
            await people.add_membership(s, person_id=subject, group_id=group, position=MembershipPosition.core,
                                        started_on=DAY, **BASIS)
            await people.designate(s, person_id=subject, kind=DesignationKind.at_risk, started_on=DAY, **BASIS)
            await people.designate(s, person_id=subject, kind=DesignationKind.focus_list, group_id=group,
                                   started_on=DAY, **BASIS)
            incident = (await incidents.create_incident(
                s, type=IncidentType.shooting, confirmed=True, killed=0, injured=1,
                occurred_at=datetime.combine(DAY + timedelta(days=1), time(21), tzinfo=STOCKHOLM))).id
            await incidents.link_person(s, incident_id=incident, person_id=subject, role=IncidentRole.suspected_perpetrator)
            await incidents.link_group(s, incident_id=incident, group_id=group, role=IncidentRole.suspected_perpetrator)
            action = (await enforcement.record_action(s, type=EnforcementType.home_visit, taken_on=DAY + timedelta(days=3),
                                                      organisation_id=other, group_id=group, person_ids=[subject])).id
            await notifications.record(s, person_id=subject, delivered_on=DAY + timedelta(days=4),
                                       setting=NotificationSetting.home, delivered_by="Staff", organisation_ids=[other],
                                       outcome=NotificationOutcome.delivered, support_offered=True)
            own_case = (await support.offer(s, person_id=subject, provider_type=ProviderType.employment,
                                            offered_on=DAY + timedelta(days=5), provider_organisation_id=own)).id
            other_case = (await support.offer(s, person_id=subject, provider_type=ProviderType.housing,
                                              offered_on=DAY + timedelta(days=5), provider_organisation_id=other)).id
            await support.transition(s, case_id=other_case, to=SupportStatus.accepted, on=DAY + timedelta(days=6))
            await support.record_consent(s, person_id=subject, action=ConsentAction.given, recorded_on=DAY + timedelta(days=6),
                                         scope="housing referral", case_id=other_case)
            own_outreach = (await outreach.log(s, kind=OutreachKind.contact, occurred_on=DAY + timedelta(days=7),
                                               worker="W", hours="1.0", organisation_id=own, person_id=subject)).id
            other_outreach = (await outreach.log(s, kind=OutreachKind.contact, occurred_on=DAY + timedelta(days=7),
                                                 worker="V", hours="1.0", organisation_id=other, person_id=subject)).id
            own_task = (await tasks.create(s, title="Call Sam", assignee_organisation_id=own, person_id=subject)).id
            other_task = (await tasks.create(s, title="Visit Sam", assignee_organisation_id=other, person_id=subject)).id
    return Scenario(city, own, other, subject, close, stranger, group, incident, action, own_case, other_case,
                    own_task, other_task, own_outreach, other_outreach)
