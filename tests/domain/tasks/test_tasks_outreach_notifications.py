from datetime import date

import pytest

from domain.columns import Confidence
from domain.enforcement import service as enforcement
from domain.enforcement.models import EnforcementType
from domain.groups import service as groups
from domain.incidents import service as incidents
from domain.incidents.models import IncidentType
from domain.notifications import service as notifications
from domain.notifications.models import NotificationOutcome, NotificationSetting
from domain.outreach import service as outreach
from domain.outreach.models import OutreachKind
from domain.people import service as people
from domain.rules import STOCKHOLM, today
from domain.tasks import service as tasks
from domain.tasks.models import TaskKind, TaskStatus
from tenants.errors import Conflict, ValidationFailed
from tests.domain.conftest import as_city


async def test_task_needs_owner_and_final_states_are_final(db, city):
    async with as_city(db, city.tenant):
        with pytest.raises(ValidationFailed, match="owner"):
            await tasks.create(db, title="Home visits")
        review = await incidents.hold_review(db, held_on=date(2019, 6, 6))
        with pytest.raises(Conflict, match="due after the review"):
            await tasks.create(db, title="x", review_id=review.id, assignee_organisation_id=city.police.id,
                               due_on=date(2019, 6, 1))
        t = await tasks.create(db, title="Home visits", kind=TaskKind.enforcement, review_id=review.id,
                               assignee_organisation_id=city.police.id, due_on=date(2019, 6, 13))
        assert [x.id for x in await tasks.open_tasks(db, assignee_organisation_id=city.police.id)] == [t.id]
        t = await tasks.set_status(db, task_id=t.id, status=TaskStatus.done)
        assert t.completed_at is not None
        with pytest.raises(Conflict, match="can no longer change"):
            await tasks.set_status(db, task_id=t.id, status=TaskStatus.open)


async def test_notification_rules(db, city):
    async with as_city(db, city.tenant):
        p = await people.create_person(db, given_name="A", family_name="B")
        with pytest.raises(ValidationFailed) as exc:
            await notifications.record(db, person_id=p.id, delivered_on=date(2019, 5, 1), setting=NotificationSetting.home,
                                       delivered_by="", organisation_ids=[], outcome=NotificationOutcome.refused,
                                       support_offered=True, follow_up_on=date(2019, 4, 1))
        assert {e.field for e in exc.value.errors} == {"delivered_by", "organisation_ids", "support_offered", "follow_up_on"}
        n = await notifications.record(db, person_id=p.id, delivered_on=date(2019, 5, 1), setting=NotificationSetting.custody,
                                       delivered_by="Staff", organisation_ids=[city.police.id, city.social.id],
                                       outcome=NotificationOutcome.delivered, support_offered=True)
        assert n.support_offered


async def test_outreach_rules(db, city):
    async with as_city(db, city.tenant):
        a, b = await groups.create_group(db, name="A"), await groups.create_group(db, name="B")
        with pytest.raises(ValidationFailed, match="two people or two groups"):
            await outreach.log(db, kind=OutreachKind.mediation, occurred_on=date(2019, 5, 1), worker="W", hours=2, group_id=a.id)
        with pytest.raises(ValidationFailed, match="between 0 and 24"):
            await outreach.log(db, kind=OutreachKind.hours, occurred_on=date(2019, 5, 1), worker="W", hours=30)
        row = await outreach.log(db, kind=OutreachKind.mediation, occurred_on=date(2019, 5, 1), worker="W", hours="2.5",
                                 group_id=a.id, other_group_id=b.id)
        assert str(row.hours) == "2.5"


async def test_enforcement_rules_and_focus_list(db, city):
    async with as_city(db, city.tenant):
        g = await groups.create_group(db, name="Most violent")
        p = await people.create_person(db, given_name="A", family_name="B")
        from datetime import datetime
        inc = await incidents.create_incident(db, type=IncidentType.shooting, occurred_at=datetime(2019, 6, 1, 21, tzinfo=STOCKHOLM),
                                              confirmed=True, killed=0, injured=0)
        with pytest.raises(ValidationFailed) as exc:
            await enforcement.record_action(db, type=EnforcementType.home_visit, taken_on=date(2019, 5, 30),
                                            organisation_id=city.police.id, incident_ids=[inc.id])
        assert {e.field for e in exc.value.errors} == {"person_ids"}
        with pytest.raises(ValidationFailed, match="precede"):
            await enforcement.record_action(db, type=EnforcementType.home_visit, taken_on=date(2019, 5, 30),
                                            organisation_id=city.police.id, group_id=g.id, incident_ids=[inc.id])
        action = await enforcement.record_action(db, type=EnforcementType.home_visit, taken_on=date(2019, 6, 2),
                                                 organisation_id=city.police.id, group_id=g.id, person_ids=[p.id],
                                                 incident_ids=[inc.id], result="Message delivered")
        assert action.type is EnforcementType.home_visit
        entry = await enforcement.add_to_focus_list(db, person_id=p.id, group_id=g.id, started_on=today(), source="steering group",
                                                    assessed_by="Police", confidence=Confidence.high,
                                                    review_date=today())
        assert [d.id for d in await enforcement.focus_list(db, group_id=g.id)] == [entry.id]
        await enforcement.remove_from_focus_list(db, designation_id=entry.id, ended_on=today())
        assert await enforcement.focus_list(db, group_id=g.id, on=today().replace(year=today().year + 1)) == []
