"""Loading the demo cities."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.audit import service as audit
from domain.demo.cities import load_city
from domain.national import agreements as national_sharing
from tenants import service as tenant_service
from tenants.context import tenant_context
from tenants.database import transaction


@dataclass(frozen=True)
class DemoCity:
    slug: str
    name: str
    kommunkod: str
    police_area: str


DEMO_CITIES = (
    DemoCity("malmo", "Malmö", "1280", "Polisområde Malmö"),
    DemoCity("goteborg", "Göteborg", "1480", "Polisområde Storgöteborg"),
    DemoCity("stockholm", "Stockholm", "0180", "Polisområde Stockholm City"),
    DemoCity("orebro", "Örebro", "1880", "Polisområde Örebro län"),
)


DEMO_ACTOR = audit.Actor.system("demo load")


async def load(sessions: async_sessionmaker[AsyncSession], *, actor: audit.Actor = DEMO_ACTOR,
               details: dict | None = None) -> list[str]:
    """Create the demo cities that are missing; return one line per city for the operator.

    Loading a city writes person data, so it leaves one audit entry in that city's log.
    """
    lines = []
    for city in DEMO_CITIES:
        async with transaction(sessions) as session:
            tenant = await tenant_service.get_by_slug(session, city.slug)
            if tenant is None:
                tenant = await tenant_service.create(
                    session, slug=city.slug, name=city.name, kommunkod=city.kommunkod, police_area=city.police_area
                )
                lines.append(f"created demo city {city.slug} ({city.name})")
            else:
                lines.append(f"demo city {city.slug} already present")
        with tenant_context(tenant.id):  # the programme's data is the city's: written as its tenant
            async with transaction(sessions) as session:
                line, counts = await load_city(session, city.slug)
                if counts is not None:
                    await audit.written(session, principal=actor, object_type="demo_programme", object_id=None,
                                        request_id=None, purpose="demo data", details={**(details or {}), "rows": counts})
                lines.append(line)
                # Every demo city shares with the nation (so national users see data after a fresh start).
                if await national_sharing.current(session) is None:
                    row = await national_sharing.record(
                        session, reference=f"KS {2021}/{100 + DEMO_CITIES.index(city)}", signatory="Kommunstyrelsens ordförande",
                        signed_on=date(2021, 3, 1), recorded_by="demo load")
                    await audit.written(session, principal=actor, object_type="national_sharing_agreement",
                                        object_id=row.id, request_id=None, purpose="demo data",
                                        details={**(details or {}), "reference": row.reference})
                    lines.append(f"demo city {city.slug} shares national statistics ({row.reference})")
    from domain.identity.demo import load_demo_users_if_allowed  # demo accounts for every role (issue 4)

    lines += await load_demo_users_if_allowed(sessions, [c.slug for c in DEMO_CITIES])
    return lines
