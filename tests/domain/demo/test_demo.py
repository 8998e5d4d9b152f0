"""The demo: Malmö reproduces the source's table; loading is repeatable and idempotent."""

import uuid
from datetime import date

from sqlalchemy import func, select, text

from domain.callins.models import CallIn, CallInStatus
from domain.demo import load
from domain.demo.cities import PLANS, CityBuilder
from domain.figures.service import city_figures
from domain.incidents.models import Incident
from domain.notifications.models import CustomNotification, NotificationOutcome
from domain.people.models import Designation, DesignationKind
from tenants.context import tenant_context
from tenants.database import session_factory
from tenants.models import Tenant
from tests.conftest import spare_kommunkod

# Bekräftade skjutningar i polisområde Malmö (2019 up to and including 11 November)
SOURCE = {
    "2017": {"shootings_without_injury": 23, "killed": 7, "injured": 35, "explosions": 58},
    "2018": {"shootings_without_injury": 23, "killed": 12, "injured": 14, "explosions": 45},
    "2019": {"shootings_without_injury": 12, "killed": 5, "injured": 13, "explosions": 29},
}


async def test_malmo_reproduces_the_source_table_exactly(demo, app_engine):
    sessions = session_factory(app_engine)
    with tenant_context(demo["malmo"].id):
        async with sessions() as s, s.begin():
            rows = await city_figures(s, period="year", start=date(2017, 1, 1), end=date(2019, 11, 11))
            got = {r.label: {k: r.values[k] for k in SOURCE["2017"]} for r in rows}
            assert got == SOURCE
            call_ins = (await s.scalars(select(CallIn).order_by(CallIn.held_on))).all()
            assert [(c.held_on, c.venue.startswith("Stadion"), c.status) for c in call_ins] == [
                (date(2018, 10, 25), True, CallInStatus.held), (date(2019, 4, 11), True, CallInStatus.held),
                (date(2019, 11, 12), True, CallInStatus.held)]
            assert all(c.rehearsal_on and c.rehearsal_on < c.held_on and c.pre_meeting_at for c in call_ins)
            delivered = await s.scalar(select(func.count()).select_from(CustomNotification).where(
                CustomNotification.outcome == NotificationOutcome.delivered,
                CustomNotification.delivered_on <= date(2019, 11, 11)))
            assert delivered > 30
            focus = (await s.scalars(select(Designation).where(Designation.kind == DesignationKind.focus_list))).all()
            assert len(focus) == 11 and len({f.group_id for f in focus}) == 1


async def test_other_cities_have_different_volumes(demo, app_engine):
    sessions = session_factory(app_engine)
    counts = {}
    for slug in ("goteborg", "stockholm", "orebro"):
        with tenant_context(demo[slug].id):
            async with sessions() as s, s.begin():
                counts[slug] = await s.scalar(select(func.count()).select_from(Incident))
    assert counts["orebro"] < counts["goteborg"] and len(set(counts.values())) == 3 and all(counts.values())


async def test_load_is_idempotent(demo, app_engine):
    sessions = session_factory(app_engine)

    async def total() -> int:
        n = 0
        for t in demo.values():
            with tenant_context(t.id):
                async with sessions() as s, s.begin():
                    n += await s.scalar(select(func.count()).select_from(Incident))
        return n

    before = await total()
    lines = await load(sessions)
    assert await total() == before
    # (the identity package adds lines about demo accounts; the cities and programmes are what is checked here)
    assert all("already present" in line for line in lines if line.startswith(("demo city", "demo programme", "loaded")))


async def test_same_seed_same_data(demo, app_engine, owner_engine):
    sessions = session_factory(app_engine)
    copy_id = uuid.uuid4()
    async with sessions() as s, s.begin():
        s.add(Tenant(id=copy_id, slug=f"malmo-copy-{copy_id.hex[:6]}", name="Malmö copy", kommunkod=spare_kommunkod()))
    try:
        with tenant_context(copy_id):
            async with sessions() as s, s.begin():
                await CityBuilder(s, PLANS["malmo"]).build()

        async def signature(tenant_id):
            with tenant_context(tenant_id):
                async with sessions() as s, s.begin():
                    return (await s.execute(select(Incident.id, Incident.type, Incident.occurred_at, Incident.killed,
                                                   Incident.injured, Incident.external_reference)
                                            .order_by(Incident.external_reference))).all()

        original, copy = await signature(demo["malmo"].id), await signature(copy_id)
        assert original == copy and len(original) > 300
    finally:
        async with owner_engine.begin() as conn:
            await conn.execute(text("delete from tenants where id = :t"), {"t": copy_id})
