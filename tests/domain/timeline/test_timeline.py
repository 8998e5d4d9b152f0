import uuid
from datetime import date, datetime, timedelta

import pytest

from domain.access.viewer import Viewer
from domain.columns import Confidence
from domain.enforcement import service as enforcement
from domain.enforcement.models import EnforcementType
from domain.groups import service as groups
from domain.identity.principal import Principal, Role, SubjectKind
from domain.incidents import service as incidents
from domain.incidents.models import IncidentRole, IncidentType
from domain.notifications import service as notifications
from domain.notifications.models import NotificationOutcome, NotificationSetting
from domain.people import service as people
from domain.people.models import MembershipPosition
from domain.rules import STOCKHOLM
from domain.timeline.service import group_timeline, person_timeline
from tenants.errors import ValidationFailed
from tests.domain.conftest import as_city

COORDINATOR = Viewer(Principal(kind=SubjectKind.user, id=uuid.uuid4(), name="coordinator", role=Role.coordinator))


async def test_person_and_group_timelines_in_order_with_keyset_pages(db, city):
    async with as_city(db, city.tenant):
        p = await people.create_person(db, given_name="A", family_name="B")
        g = await groups.create_group(db, name="G")
        start = date(2019, 1, 1)
        await people.add_membership(db, person_id=p.id, group_id=g.id, position=MembershipPosition.core, started_on=start,
                                    source="audit", assessed_by="X", confidence=Confidence.high, assessed_on=start,
                                    review_date=start + timedelta(days=180))
        for i in range(5):
            inc = await incidents.create_incident(db, type=IncidentType.shooting, confirmed=True, killed=0, injured=0,
                                                  occurred_at=datetime(2019, 2, 1 + i, 21, tzinfo=STOCKHOLM))
            await incidents.link_person(db, incident_id=inc.id, person_id=p.id, role=IncidentRole.suspected_perpetrator)
            await incidents.link_group(db, incident_id=inc.id, group_id=g.id, role=IncidentRole.suspected_perpetrator)
        await notifications.record(db, person_id=p.id, delivered_on=date(2019, 1, 15), setting=NotificationSetting.home,
                                   delivered_by="Staff", organisation_ids=[city.police.id],
                                   outcome=NotificationOutcome.delivered, support_offered=True)
        await enforcement.record_action(db, type=EnforcementType.home_visit, taken_on=date(2019, 2, 7),
                                        organisation_id=city.police.id, group_id=g.id, person_ids=[p.id])

        seen, cursor = [], None
        while True:
            page = await person_timeline(db, viewer=COORDINATOR, person_id=p.id, limit=3, after=cursor)
            seen += page.events
            if page.next_cursor is None:
                break
            cursor = page.next_cursor
        kinds = [e.kind for e in seen]
        assert kinds == ["membership_started", "custom_notification", *["incident"] * 5, "enforcement"]
        assert [e.at for e in seen] == sorted(e.at for e in seen)
        assert len({e.id for e in seen}) == len(seen)  # no repeats across pages

        group_events = (await group_timeline(db, viewer=COORDINATOR, group_id=g.id, limit=50)).events
        assert [e.kind for e in group_events] == ["membership_started", *["incident"] * 5, "enforcement"]
        with pytest.raises(ValidationFailed):
            await person_timeline(db, viewer=COORDINATOR, person_id=p.id, after="not-a-cursor")
