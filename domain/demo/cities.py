"""Synthetic programme data for the demo cities: fictitious people, groups and events.

Deterministic (one seeded ``random.Random`` per city, ids drawn from it) and idempotent (a city whose
programme settings exist is skipped). Rows are bulk-inserted for speed; the data respects the rules
the services enforce. Identity numbers use the birth-number series 980–999 reserved for test
persons and are marked synthetic in the person's note.

Malmö reproduces the source's table exactly for 2017, 2018 and 2019 up to 11 November:
confirmed shootings without injury 23/23/12, killed 7/12/5, injured 35/14/13, explosions 58/45/29.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from domain.callins.models import CallIn, CallInClient, CallInSpeaker
from domain.enforcement.models import EnforcementAction, EnforcementIncident, EnforcementPerson
from domain.governance.models import AgreementParty, AgreementTerm, DataSubjectRequest, SharingAgreement
from domain.governance.service import add_months
from domain.groups.models import Group, GroupRelationship, GroupRiskAssessment
from domain.identity.permissions import Category
from domain.incidents.models import (
    GroupInvolvementAssessment,
    Incident,
    IncidentGroup,
    IncidentPerson,
    IncidentReview,
    ReviewDecision,
)
from domain.lifecycle.models import RetentionPolicy
from domain.notifications.models import CustomNotification, NotificationOrganisation
from domain.organisations.models import Organisation
from domain.outreach.models import OutreachActivity
from domain.people.identity_number import luhn_check_digit
from domain.people.models import ClosePerson, Designation, GroupMembership, Person
from domain.people.service import identity_hmac
from domain.programme import service as programme
from domain.programme.models import ContextEvent, FidelityCheck, ProgrammePhase, ProgrammeSettings
from domain.rules import STOCKHOLM
from domain.support.models import Consent, SupportCase, SupportTransition
from domain.tasks.models import Task
from tenants import crypto
from tenants.context import require_tenant_id


@dataclass(frozen=True)
class Year:
    """One period's incident volumes: confirmed shootings without / with injury, killed, injured, explosions."""

    start: date
    end: date  # inclusive
    without_injury: int
    with_injury: int
    killed: int
    injured: int
    explosions: int
    unconfirmed: int = 3  # reports never confirmed: they must not count
    other_violence: int = 6


@dataclass(frozen=True)
class CallInPlan:
    held_on: date
    clients: int
    attended: int


@dataclass(frozen=True)
class CityPlan:
    seed: int
    programme_name: str
    started_on: date
    population: int
    population_year: int
    police_area: str
    police_region: str
    hospital: str
    areas: tuple[str, ...]
    groups: tuple[str, ...]
    years: tuple[Year, ...]
    call_ins: tuple[CallInPlan, ...]
    venue: str
    notifications: int  # delivered before ``notifications_until``
    notifications_until: date
    focus_list_after: int  # index of the call-in after which the focus list starts
    focus_list_size: int
    data_until: date
    extra_context: tuple[tuple[str, str, date, date | None], ...] = field(default=())
    # Incidents of recent years, drawn after everything else so the data above stays exactly as it was:
    # the weekly review and the dashboard have something to show today.
    recent: tuple[Year, ...] = field(default=())


def _y(year: int, *counts: int, end: date | None = None, start: date | None = None, **kw) -> Year:
    return Year(start or date(year, 1, 1), end or date(year, 12, 31), *counts, **kw)


PLANS: dict[str, CityPlan] = {
    "malmo": CityPlan(
        seed=1280, programme_name="Sluta skjut Malmö", started_on=date(2018, 4, 16), population=344_166,
        population_year=2019, police_area="Polisområde Malmö", police_region="Region Syd",
        hospital="Traumateamet, Skånes universitetssjukhus",
        areas=("Rosengård", "Seved", "Lindängen", "Holma", "Kroksbäck", "Hermodsdal", "Nydala", "Södra Innerstaden",
               "Kirseberg", "Augustenborg"),
        groups=("Östra nätverket", "Södergruppen", "Hamnfalangen", "Parkgänget", "Lindkretsen", "Västra bröderna"),
        years=(
            _y(2017, 23, 28, 7, 35, 58),
            _y(2018, 23, 20, 12, 14, 45),
            _y(2019, 12, 14, 5, 13, 29, end=date(2019, 11, 11)),  # the source counts to 11 November
            _y(2019, 1, 2, 0, 2, 4, start=date(2019, 11, 12), unconfirmed=1, other_violence=1),
            _y(2020, 10, 9, 2, 9, 18),
            _y(2021, 8, 7, 2, 7, 12),
        ),
        call_ins=(CallInPlan(date(2018, 10, 25), 12, 10), CallInPlan(date(2019, 4, 11), 11, 9),
                  CallInPlan(date(2019, 11, 12), 10, 8)),
        venue="Stadion, Malmö", notifications=32, notifications_until=date(2019, 11, 11), focus_list_after=1,
        focus_list_size=11, data_until=date(2021, 12, 31),
        extra_context=(
            ("police_operation", "Regional särskild händelse: intensified work against gang crime",
             date(2019, 11, 13), date(2020, 6, 30)),
            ("conflict", "Conflict between Östra nätverket and Södergruppen erupts", date(2017, 3, 1), None),
        ),
        recent=(_y(2022, 7, 6, 2, 6, 10), _y(2023, 6, 6, 1, 5, 9), _y(2024, 6, 5, 2, 5, 8), _y(2025, 5, 5, 1, 4, 7),
                _y(2026, 5, 4, 1, 4, 6, end=date(2026, 11, 30))),
    ),
    "goteborg": CityPlan(
        seed=1480, programme_name="Sluta skjut Göteborg", started_on=date(2021, 9, 1), population=587_549,
        population_year=2022, police_area="Polisområde Storgöteborg", police_region="Region Väst",
        hospital="Traumateamet, Sahlgrenska universitetssjukhuset",
        areas=("Angered", "Hjällbo", "Hammarkullen", "Biskopsgården", "Tynnered", "Bergsjön", "Frölunda", "Lövgärdet"),
        groups=("Nordöstra kretsen", "Biskopsnätverket", "Bergsjöfalangen", "Västkustbröderna", "Tynneredgruppen",
                "Hjällbokretsen", "Älvsidan"),
        years=(_y(2020, 30, 26, 9, 24, 40), _y(2021, 26, 22, 8, 21, 35), _y(2022, 22, 19, 7, 18, 30),
               _y(2023, 19, 15, 6, 14, 26), _y(2024, 15, 12, 4, 11, 20), _y(2025, 13, 10, 3, 9, 16)),
        call_ins=(CallInPlan(date(2022, 3, 24), 14, 11), CallInPlan(date(2022, 11, 17), 12, 10),
                  CallInPlan(date(2023, 9, 28), 13, 10), CallInPlan(date(2024, 10, 3), 12, 9)),
        venue="Nya Ullevi, konferens", notifications=45, notifications_until=date(2025, 12, 31), focus_list_after=1,
        focus_list_size=9, data_until=date(2025, 12, 31),
    ),
    "stockholm": CityPlan(
        seed=180, programme_name="Sluta skjut Stockholm", started_on=date(2023, 1, 16), population=984_748,
        population_year=2023, police_area="Polisområde Stockholm City", police_region="Region Stockholm",
        hospital="Traumateamet, Karolinska universitetssjukhuset",
        areas=("Rinkeby", "Tensta", "Husby", "Skärholmen", "Rågsved", "Hagsätra", "Bredäng", "Farsta"),
        groups=("Järvanätverket", "Söderortsgruppen", "Tenstakretsen", "Skärholmsfalangen", "Farstabröderna",
                "Husbygruppen", "Rågsvedskretsen", "Innerstadsnätverket"),
        years=(_y(2022, 38, 34, 14, 30, 52), _y(2023, 44, 36, 16, 31, 61), _y(2024, 31, 27, 11, 24, 44),
               _y(2025, 25, 21, 8, 19, 35)),
        call_ins=(CallInPlan(date(2023, 10, 19), 15, 12), CallInPlan(date(2024, 5, 23), 14, 11),
                  CallInPlan(date(2025, 4, 10), 13, 11)),
        venue="Stockholms stadshus, Rådssalen", notifications=38, notifications_until=date(2025, 12, 31),
        focus_list_after=0, focus_list_size=10, data_until=date(2025, 12, 31),
    ),
    "orebro": CityPlan(
        seed=1880, programme_name="Sluta skjut Örebro", started_on=date(2021, 3, 1), population=157_765,
        population_year=2022, police_area="Polisområde Örebro län", police_region="Region Bergslagen",
        hospital="Traumateamet, Universitetssjukhuset Örebro",
        areas=("Vivalla", "Baronbackarna", "Varberga", "Oxhagen", "Brickebacken"),
        groups=("Vivallagruppen", "Varbergakretsen", "Oxhagsnätverket"),
        years=(_y(2020, 7, 5, 2, 5, 9, other_violence=3), _y(2021, 6, 4, 1, 4, 8, other_violence=3),
               _y(2022, 5, 3, 1, 3, 6, other_violence=2), _y(2023, 4, 3, 1, 2, 5, other_violence=2),
               _y(2024, 3, 2, 0, 2, 4, other_violence=2), _y(2025, 3, 2, 1, 1, 3, other_violence=2)),
        # Örebro's first call-in invited about ten people
        call_ins=(CallInPlan(date(2021, 11, 18), 10, 8), CallInPlan(date(2022, 10, 20), 9, 7)),
        venue="Conventum, Örebro", notifications=18, notifications_until=date(2025, 12, 31), focus_list_after=0,
        focus_list_size=6, data_until=date(2025, 12, 31),
    ),
}

GIVEN = ("Adam", "Ali", "Amir", "Anton", "Ahmed", "Daniel", "David", "Elias", "Emil", "Filip", "Hassan", "Hugo",
         "Ibrahim", "Isak", "Jonas", "Kevin", "Leo", "Liam", "Lucas", "Marcus", "Mohammed", "Nils", "Noah", "Omar",
         "Oscar", "Rami", "Robin", "Samir", "Simon", "Theo", "Viktor", "Yusuf", "Zakaria", "Alexander", "Mehmet",
         "Erik", "Johan", "Dragan", "Nikola", "Abdi")
GIVEN_F = ("Amira", "Anna", "Elin", "Fatima", "Hanna", "Leila", "Maja", "Sara", "Yasmin", "Zeynep", "Ebba", "Nour")
FAMILY = ("Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson",
          "Gustafsson", "Ali", "Hassan", "Mohamed", "Ahmed", "Yilmaz", "Jovanović", "Novak", "Lindqvist", "Berg",
          "Holm", "Sandberg", "Abdullahi", "Haddad", "Khalil", "Demir", "Kaya", "Nyström", "Ek", "Strand", "Lund")
STREETS = ("Ringvägen", "Skolgatan", "Storgatan", "Parkvägen", "Björkvägen", "Ängsgatan", "Kyrkogatan", "Torggatan")
STAFF = ("P. Lindahl", "S. Omar", "K. Berglund", "M. Haddad", "J. Sjöberg", "A. Nordin", "L. Falk", "R. Ekström")
SPEAKERS = (
    ("Polisområdeschef", "law_enforcement", "police"),
    ("Frivårdsinspektör", "prison_probation", "prison_probation"),
    ("Socialchef", "municipality", "social_services"),
    ("Förälder som förlorat ett barn", "community_moral_voice", None),
    ("Representant för civilsamhället", "civil_society", "civil_society"),
    ("Kirurg i traumateamet", "health_care", "health_care"),
)
NATIONAL_CONTEXT = (
    ("pandemic", "Covid-19 restrictions", date(2020, 3, 18), date(2022, 2, 9)),
    ("police_operation", "National special operation against gang violence (Operation Hägring, fictitious name)",
     date(2023, 9, 28), date(2024, 3, 31)),
)


class Ids:
    """Deterministic uuids from the city's random stream."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def __call__(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)


def _at(rng: random.Random, day: date) -> datetime:
    hour = rng.choice((0, 1, 2, 14, 16, 18, 19, 20, 21, 21, 22, 22, 23, 23))
    return datetime.combine(day, time(hour, rng.randrange(60)), STOCKHOLM)


def _day_between(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def _identity_number(rng: random.Random, coordination: bool) -> str:
    born = date(rng.randrange(1988, 2005), rng.randrange(1, 13), rng.randrange(1, 29))
    day = born.day + (60 if coordination else 0)
    nine = f"{born.year % 100:02d}{born.month:02d}{day:02d}{rng.randrange(980, 1000):03d}"
    return f"{born.year // 100:02d}{nine}{luhn_check_digit(nine)}"


def _casualties(rng: random.Random, n: int, killed: int, injured: int) -> list[tuple[int, int]]:
    """Spread ``killed`` and ``injured`` over ``n`` incidents, at least one casualty each."""
    assert killed + injured >= n or n == 0, "each shooting with injury needs a casualty"
    pool = ["k"] * killed + ["i"] * injured
    rng.shuffle(pool)
    slots = [[0, 0] for _ in range(n)]
    for idx, c in enumerate(pool):
        slot = slots[idx] if idx < n else rng.choice(slots)
        slot[0 if c == "k" else 1] += 1
    return [tuple(s) for s in slots]


class CityBuilder:
    def __init__(self, session: AsyncSession, plan: CityPlan) -> None:
        self.session = session
        self.plan = plan
        self.rng = random.Random(plan.seed)
        self.id = Ids(self.rng)
        self.tenant_id = require_tenant_id()
        self.rows: dict[type, list[dict]] = {}

    def add(self, model: type, **values) -> uuid.UUID:
        values.setdefault("id", self.id())
        self.add_row(model, **values)
        return values["id"]

    def add_row(self, model: type, **values) -> None:
        """A row of a table keyed by its references (no id of its own)."""
        self.rows.setdefault(model, []).append({"tenant_id": self.tenant_id, **values})

    async def flush(self) -> None:
        for model in INSERT_ORDER:  # parents before children
            rows = self.rows.pop(model, [])
            for i in range(0, len(rows), 1000):
                await self.session.execute(insert(model), rows[i:i + 1000])
        assert not self.rows, f"no insert order for {list(self.rows)}"

    async def build(self) -> dict[str, int]:
        p = self.plan
        self.add(ProgrammeSettings, name=p.programme_name, started_on=p.started_on, population=p.population,
                 population_year=p.population_year)
        self.organisations()
        self.groups()
        await self.people()
        self.incidents()
        self.call_ins()
        self.notifications()
        self.focus_list_and_enforcement()
        self.support()
        self.outreach()
        self.reviews()
        self.programme()
        self.governance()  # its draws from the city's stream leave everything above unchanged
        self.incidents(self.plan.recent)  # last, for the same reason
        counts = {m.__tablename__: len(r) for m, r in self.rows.items()}
        await self.flush()
        return counts

    # -- partners, groups, people -------------------------------------------------------------------------------
    def organisations(self) -> None:
        city = self.plan.programme_name.removeprefix("Sluta skjut ")
        self.orgs = {
            "police": self.add(Organisation, name=self.plan.police_area, kind="police"),
            "prison_probation": self.add(Organisation, name=f"Kriminalvården, frivården {city}", kind="prison_probation"),
            "social_services": self.add(Organisation, name=f"{city} stad, socialtjänsten", kind="social_services"),
            "employment": self.add(Organisation, name=f"{city} stad, arbetsmarknadsförvaltningen", kind="employment"),
            "school": self.add(Organisation, name=f"{city} stad, grundskole- och gymnasieförvaltningen", kind="school"),
            "civil_society": self.add(Organisation, name=f"Föreningen Trygga gator {city} (fiktiv)", kind="civil_society"),
            "health_care": self.add(Organisation, name=self.plan.hospital, kind="health_care"),
        }

    def groups(self) -> None:
        p, rng = self.plan, self.rng
        self.group_ids: list[uuid.UUID] = []
        first = p.years[0].start
        for i, name in enumerate(p.groups):
            areas = rng.sample(p.areas, k=min(len(p.areas), rng.randrange(1, 3)))
            status = "dormant" if i == len(p.groups) - 1 else "active"
            gid = self.add(Group, name=name, aliases=[f"{name.split()[0][:4].upper()}-{i + 1}"], areas=areas,
                           status=status, description=f"Fictitious demo group active in {', '.join(areas)}.")
            self.group_ids.append(gid)
            day = first
            for level in (["high", "very_high", "high"] if i == 0 else rng.sample(["low", "moderate", "high"], 2)):
                self.add(GroupRiskAssessment, group_id=gid, level=level, assessed_on=day, confidence="medium",
                         basis="Group audit: intelligence from police, probation and social services.",
                         organisation_id=self.orgs["police"])
                day = min(day + timedelta(days=rng.randrange(200, 400)), p.data_until)
        g = self.group_ids
        self.most_violent = g[0]
        self.add(GroupRelationship, group_a_id=g[0], group_b_id=g[1], kind="conflict", started_on=first + timedelta(days=60),
                 ended_on=None, note="Recurring shootings between the groups' members.")
        self.add(GroupRelationship, group_a_id=g[0], group_b_id=g[2], kind="alliance", started_on=first, ended_on=None,
                 note="Shared supply of weapons.")
        parent, other = (g[3], g[1]) if len(g) > 4 else (g[1], g[2])
        self.add(GroupRelationship, group_a_id=parent, group_b_id=g[-1], kind="split", started_on=first + timedelta(days=300),
                 ended_on=None, note="Younger members broke away.")
        if len(g) > 4:
            self.add(GroupRelationship, group_a_id=other, group_b_id=parent, kind="conflict",
                     started_on=first + timedelta(days=100), ended_on=first + timedelta(days=500), note="Ended after mediation.")

    async def people(self) -> None:
        p, rng = self.plan, self.rng
        self.members: dict[uuid.UUID, list[uuid.UUID]] = {g: [] for g in self.group_ids}
        self.people_ids: list[uuid.UUID] = []
        self.at_risk: list[uuid.UUID] = []
        used: set[str] = set()
        first = p.years[0].start
        # contact details come from a stream of their own, so the programme's data stays as it was
        contact = random.Random(p.seed * 31 + 7)

        async def person(given: str, family: str, coordination: bool = False, note: str = "Synthetic demo person.") -> uuid.UUID:
            pid = self.id()
            number = _identity_number(rng, coordination)
            while number in used:
                number = _identity_number(rng, coordination)
            used.add(number)
            ciphertext = await crypto.encrypt(self.session, table="people", column="identity_number_ciphertext",
                                              row_id=pid, plaintext=number)
            supervised = rng.random() < 0.25
            address = phone = None
            if contact.random() < 0.6:
                address = await crypto.encrypt(
                    self.session, table="people", column="address_ciphertext", row_id=pid,
                    plaintext=f"{contact.choice(STREETS)} {contact.randrange(1, 60)}, {contact.choice(p.areas)}")
            if contact.random() < 0.5:
                phone = await crypto.encrypt(
                    self.session, table="people", column="phone_ciphertext", row_id=pid,
                    plaintext=f"070-{contact.randrange(1000000, 10000000)}")  # fictitious mobile numbers
            self.add(Person, id=pid, given_name=given, family_name=family, birth_year=int(number[:4]),
                     identity_kind="samordningsnummer" if coordination else "personnummer",
                     identity_number_ciphertext=ciphertext, identity_number_hmac=await identity_hmac(self.session, number),
                     address_ciphertext=address, phone_ciphertext=phone,
                     supervision_status=rng.choice(("probation", "parole")) if supervised else "none",
                     supervising_organisation_id=self.orgs["prison_probation"] if supervised else None,
                     note=note + " Identity number from the test series.")
            self.people_ids.append(pid)
            return pid

        for gi, gid in enumerate(self.group_ids):
            size = rng.randrange(9, 15) if gi else max(14, p.focus_list_size + 3)
            for k in range(size):
                pid = await person(rng.choice(GIVEN), rng.choice(FAMILY), coordination=rng.random() < 0.1)
                self.members[gid].append(pid)
                position = "leader" if k == 0 else "core" if k < 5 else rng.choice(("peripheral", "associate"))
                started = _day_between(rng, first - timedelta(days=700), first + timedelta(days=200))
                ended = None
                if rng.random() < 0.15:
                    ended = min(started + timedelta(days=rng.randrange(200, 900)), p.data_until)
                assessed = max(started, p.started_on - timedelta(days=60))
                review = assessed + timedelta(days=180)
                self.add(GroupMembership, person_id=pid, group_id=gid, position=position, started_on=started,
                         ended_on=ended, source=rng.choice(("police intelligence", "probation", "group audit")),
                         assessed_by="Group audit working group", confidence=rng.choice(("medium", "high")),
                         assessed_on=assessed, review_date=review, note=None)
        # at risk of being shot: some members, some outsiders (siblings, former members)
        for pid in rng.sample(self.people_ids, k=8):
            self.at_risk.append(pid)
        for _ in range(6):
            self.at_risk.append(await person(rng.choice(GIVEN), rng.choice(FAMILY)))
        for pid in self.at_risk:
            start = _day_between(rng, p.started_on, min(p.started_on + timedelta(days=400), p.data_until))
            self.add(Designation, person_id=pid, kind="at_risk", group_id=None, started_on=start, ended_on=None,
                     source="police threat assessment", assessed_by="Police intelligence unit", confidence="medium",
                     assessed_on=start, review_date=start + timedelta(days=120), note="Threat after a shooting in the area.")
        # close persons: family members are people too
        for pid in rng.sample(self.people_ids, k=8):
            relation = rng.choice(("parent", "sibling", "partner"))
            given = rng.choice(GIVEN_F) if relation != "sibling" else rng.choice(GIVEN)
            other = await person(given, rng.choice(FAMILY), note="Synthetic demo person (close person).")
            self.add(ClosePerson, person_id=pid, close_person_id=other, relation=relation)
        self.victims: list[uuid.UUID] = []
        for _ in range(12):
            self.victims.append(await person(rng.choice(GIVEN), rng.choice(FAMILY), note="Synthetic demo person (victim)."))

    # -- incidents ----------------------------------------------------------------------------------------------
    def incidents(self, years: tuple[Year, ...] | None = None) -> None:
        p, rng = self.plan, self.rng
        if years is None:
            self.incident_log: list[tuple[uuid.UUID, datetime, str, uuid.UUID | None]] = []
        seq = len(self.incident_log)
        for y in p.years if years is None else years:
            plan: list[tuple[str, bool, int, int]] = [("shooting", True, 0, 0)] * y.without_injury
            plan += [("shooting", True, k, i) for k, i in _casualties(rng, y.with_injury, y.killed, y.injured)]
            plan += [(rng.choice(("explosion_completed", "explosion_completed", "explosion_attempted", "explosion_prepared")),
                      True, 0, 0) for _ in range(y.explosions)]
            plan += [("shooting", False, 0, 0)] * y.unconfirmed
            plan += [("other_serious_violence", True, 0, rng.randrange(0, 2)) for _ in range(y.other_violence)]
            days = sorted(_day_between(rng, y.start, y.end) for _ in plan)
            rng.shuffle(plan)
            for (kind, confirmed, killed, injured), day in zip(plan, days, strict=True):
                seq += 1
                at = _at(rng, day)
                # an incident late on the last day must stay inside its period
                if at.date() != day:
                    at = datetime.combine(day, time(22), STOCKHOLM)
                iid = self.add(Incident, type=kind, occurred_at=at, area=rng.choice(p.areas), police_area=p.police_area,
                               police_region=p.police_region, confirmed=confirmed, killed=killed, injured=injured,
                               external_reference=f"DEMO-{p.seed}-{day.year}-{seq:05d}",
                               description=_describe(kind, confirmed, killed, injured))
                group = None
                if kind != "other_serious_violence" and rng.random() < 0.6:
                    group = rng.choice(self.group_ids[:4]) if rng.random() < 0.5 else self.most_violent
                    target = rng.choice([g for g in self.group_ids if g != group])
                    self.add(IncidentGroup, incident_id=iid, group_id=group, role="suspected_perpetrator")
                    self.add(IncidentGroup, incident_id=iid, group_id=target, role="target")
                    self.add(GroupInvolvementAssessment, incident_id=iid, group_id=group, involvement="possible",
                             confidence="low", assessed_at=at + timedelta(hours=12), review_id=None,
                             note="First assessment from the police's situation report.")
                    if self.members[group] and rng.random() < 0.4:
                        self.add(IncidentPerson, incident_id=iid, person_id=rng.choice(self.members[group]),
                                 role="suspected_perpetrator")
                if killed + injured and rng.random() < 0.35:
                    self.add(IncidentPerson, incident_id=iid, person_id=rng.choice(self.victims), role="victim")
                self.incident_log.append((iid, at, kind, group))

    # -- call-ins and notifications ------------------------------------------------------------------------------
    def call_ins(self) -> None:
        p, rng = self.plan, self.rng
        self.call_in_ids: list[tuple[uuid.UUID, date]] = []
        self.attended: list[tuple[uuid.UUID, uuid.UUID, date]] = []  # (call-in, person, day)
        for ci in p.call_ins:
            cid = self.add(CallIn, held_on=ci.held_on, venue=p.venue, status="held",
                           rehearsal_on=ci.held_on - timedelta(days=rng.choice((1, 2, 7))),
                           pre_meeting_at=datetime.combine(ci.held_on, time(9, 30), STOCKHOLM),
                           pre_meeting_note=f"Pre-meeting with the clients; staff from {p.hospital} describe a gunshot victim "
                                            "arriving at the emergency room.",
                           message="The serious violence must stop. The next group to use it will get everyone's attention.",
                           support_offer="Help to leave: social services, employment, housing, exit programme.",
                           follow_up="Clients contacted within a week; support offers followed up.")
            self.call_in_ids.append((cid, ci.held_on))
            for title, category, org in SPEAKERS:
                self.add(CallInSpeaker, call_in_id=cid, person_id=None, name=title, category=category,
                         organisation_id=self.orgs[org] if org else None)
            clients = rng.sample([m for g in self.group_ids for m in self.members[g]], k=ci.clients)
            for n, pid in enumerate(clients):
                group = next(g for g in self.group_ids if pid in self.members[g])
                attendance = "attended" if n < ci.attended else rng.choice(("absent", "excused"))
                self.add(CallInClient, call_in_id=cid, person_id=pid, group_id=group,
                         referring_organisation_id=self.orgs["prison_probation"], attendance=attendance,
                         follow_up="Follow-up conversation held." if attendance == "attended" else None)
                if attendance == "attended":
                    self.attended.append((cid, pid, ci.held_on))

    def notifications(self) -> None:
        p, rng = self.plan, self.rng
        self.delivered: list[tuple[uuid.UUID, uuid.UUID, date]] = []
        candidates = self.at_risk + [m for g in self.group_ids for m in self.members[g]]
        until = p.notifications_until
        total = p.notifications + 3  # exactly `notifications` delivered up to the cut-off, three attempts failed
        failed = set(rng.sample(range(total), 3))
        extra_after = 8 if until < p.data_until else 0
        days = sorted(_day_between(rng, p.started_on + timedelta(days=30), until) for _ in range(total))
        days += sorted(_day_between(rng, until + timedelta(days=1), p.data_until) for _ in range(extra_after))
        for n, day in enumerate(days):
            outcome = rng.choice(("refused", "not_reached")) if n in failed else "delivered"
            pid = rng.choice(candidates)
            nid = self.add(CustomNotification, person_id=pid, delivered_on=day,
                           setting=rng.choice(("home", "home", "custody", "street", "school")),
                           delivered_by=", ".join(rng.sample(STAFF, 2)), outcome=outcome,
                           message="The violence must stop; you are at risk, and help is available.",
                           support_offered=outcome == "delivered", risk_assessment="Elevated: recent conflict in the area.",
                           follow_up_on=day + timedelta(days=14))
            for org in ("police", "social_services") if rng.random() < 0.7 else ("police", "civil_society"):
                self.add(NotificationOrganisation, notification_id=nid, organisation_id=self.orgs[org])
            if outcome == "delivered":
                self.delivered.append((nid, pid, day))

    # -- focused deterrence ------------------------------------------------------------------------------------
    def focus_list_and_enforcement(self) -> None:
        p, rng = self.plan, self.rng
        after = p.call_ins[p.focus_list_after].held_on
        start = after + timedelta(days=14)
        self.focus = self.members[self.most_violent][: p.focus_list_size]
        for pid in self.focus:
            # designated after the call-in, re-confirmed once, then lapsed unless re-confirmed again
            self.add(Designation, person_id=pid, kind="focus_list", group_id=self.most_violent, started_on=start,
                     ended_on=None, source="steering group decision after continued violence",
                     assessed_by="Police and probation, joint assessment", confidence="high",
                     assessed_on=start + timedelta(days=170), review_date=start + timedelta(days=350),
                     note="Most violent group: all agencies focus on it.")
        # several focus-list members detained or suspected of new crimes
        for pid in self.focus[: max(3, p.focus_list_size // 2)]:
            day = _day_between(rng, start, start + timedelta(days=180))
            self.add_action("arrest", day, self.orgs["police"], self.most_violent, [pid], [],
                            "Detained; suspected of new crimes.")
        # home visits after flare-ups: every attributed shooting or explosion after the start
        for iid, at, kind, group in self.incident_log:
            day = at.astimezone(STOCKHOLM).date()
            if group is None or day < p.started_on or kind == "other_serious_violence" or rng.random() < 0.3:
                continue
            visit = min(day + timedelta(days=rng.randrange(1, 4)), p.data_until)
            members = rng.sample(self.members[group], k=min(3, len(self.members[group])))
            self.add_action("home_visit", visit, self.orgs["police"], group, members, [iid],
                            "Message delivered at the door with social services.")
            if rng.random() < 0.25:
                kind2 = rng.choice(("search", "prosecution", "probation_sanction", "administrative"))
                org = self.orgs["prison_probation"] if kind2 == "probation_sanction" else self.orgs["police"]
                self.add_action(kind2, min(visit + timedelta(days=rng.randrange(3, 40)), p.data_until), org, group,
                                members[:1], [iid], "Carried out as announced at the call-in.")

    def add_action(self, kind: str, day: date, org: uuid.UUID, group: uuid.UUID | None, people: list[uuid.UUID],
                   incidents: list[uuid.UUID], result: str) -> None:
        aid = self.add(EnforcementAction, type=kind, taken_on=day, organisation_id=org, group_id=group, result=result,
                       note=None)
        for pid in people:
            self.add(EnforcementPerson, action_id=aid, person_id=pid)
        for iid in incidents:
            self.add(EnforcementIncident, action_id=aid, incident_id=iid)

    # -- support, outreach --------------------------------------------------------------------------------------
    def support(self) -> None:
        p, rng = self.plan, self.rng
        offers = [("call_in", cid, None, pid, day) for cid, pid, day in self.attended]
        offers += [("notification", None, nid, pid, day) for nid, pid, day in self.delivered]
        providers = ("social_services", "employment", "education", "housing", "addiction", "mental_health",
                     "protection", "exit_programme")
        consented: set[uuid.UUID] = set()
        for context, cid, nid, pid, day in offers:
            provider = rng.choice(providers)
            org = self.orgs["employment" if provider == "employment" else "school" if provider == "education"
                            else "civil_society" if provider == "exit_programme" else "social_services"]
            case_id = self.id()
            path = rng.choices((["declined"], ["withdrawn"], ["accepted"], ["accepted", "dropped"], ["accepted", "started"],
                                ["accepted", "started", "dropped"], ["accepted", "started", "completed"]),
                               weights=(20, 4, 8, 8, 18, 10, 32))[0]
            status, on = "offered", day
            transitions = [(None, "offered", day, None)]
            for to in path:
                on = min(on + timedelta(days=rng.randrange(3, 60)), p.data_until)
                if to == "started" and pid not in consented:
                    self.add(Consent, person_id=pid, case_id=case_id, action="given", recorded_on=on,
                             scope=f"Sharing contact details and case information with the {provider.replace('_', ' ')} provider.")
                    consented.add(pid)
                transitions.append((status, to, on, "Person no longer wanted the help." if to in ("declined", "dropped")
                                    else "Offer withdrawn: person moved away." if to == "withdrawn" else None))
                status = to
            self.add(SupportCase, id=case_id, person_id=pid, provider_type=provider, provider_organisation_id=org,
                     context=context, call_in_id=cid, notification_id=nid, status=status, status_on=on, note=None)
            for from_status, to, tday, reason in transitions:
                self.add(SupportTransition, case_id=case_id, from_status=from_status, to_status=to, occurred_on=tday,
                         reason=reason)
        # one person later withdrew consent
        if consented:
            pid = sorted(consented)[0]
            self.add(Consent, person_id=pid, case_id=None, action="withdrawn", recorded_on=p.data_until,
                     scope="All sharing with providers.")

    def outreach(self) -> None:
        p, rng = self.plan, self.rng
        day = p.started_on
        everyone = [m for g in self.group_ids for m in self.members[g]] + self.at_risk
        while day <= p.data_until:
            for _ in range(rng.randrange(1, 4)):
                self.add(OutreachActivity, kind="contact", occurred_on=day + timedelta(days=rng.randrange(5)),
                         worker=rng.choice(STAFF), organisation_id=self.orgs["civil_society"],
                         hours=Decimal(rng.choice(("0.5", "1.0", "1.5", "2.0"))), person_id=rng.choice(everyone),
                         other_person_id=None, group_id=None, other_group_id=None, note=None)
            if rng.random() < 0.2:
                a, b = rng.sample(self.group_ids[:4], 2)
                self.add(OutreachActivity, kind="mediation", occurred_on=day + timedelta(days=2), worker=rng.choice(STAFF),
                         organisation_id=self.orgs["civil_society"], hours=Decimal("3.0"), person_id=None,
                         other_person_id=None, group_id=a, other_group_id=b, note="Mediation after threats.")
            self.add(OutreachActivity, kind="hours", occurred_on=day + timedelta(days=4), worker=rng.choice(STAFF),
                     organisation_id=self.orgs["civil_society"], hours=Decimal(rng.choice(("6.0", "8.0"))), person_id=None,
                     other_person_id=None, group_id=None, other_group_id=None, note="Evening presence in the area.")
            day += timedelta(days=7)

    # -- reviews, tasks, programme ------------------------------------------------------------------------------
    def reviews(self) -> None:
        p, rng = self.plan, self.rng
        day = p.started_on + timedelta(days=(3 - p.started_on.weekday()) % 7)  # Thursdays, every other week
        log = sorted(self.incident_log, key=lambda e: e[1])
        since = day - timedelta(days=14)
        while day <= p.data_until:
            recent = [e for e in log if since < e[1].astimezone(STOCKHOLM).date() <= day and e[2] != "other_serious_violence"]
            if recent:
                rid = self.add(IncidentReview, held_on=day, note=f"Shooting review: {len(recent)} incidents since last review.")
                for iid, at, _kind, group in recent:
                    decision = "Attribution confirmed." if group else "No group attribution; keep under review."
                    self.add(ReviewDecision, review_id=rid, incident_id=iid, decision=decision)
                    if group:
                        self.add(GroupInvolvementAssessment, incident_id=iid, group_id=group,
                                 involvement=rng.choice(("likely", "confirmed")), confidence=rng.choice(("medium", "high")),
                                 assessed_at=max(datetime.combine(day, time(11), STOCKHOLM), at + timedelta(hours=1)),
                                 review_id=rid, note=decision)
                        kind = rng.choice(("enforcement", "custom_notification", "outreach"))
                        owner = {"enforcement": "police", "custom_notification": "social_services",
                                 "outreach": "civil_society"}[kind]
                        done = day + timedelta(days=21) < p.data_until
                        self.add(Task, title={"enforcement": "Home visits to the group's members",
                                              "custom_notification": "Custom notification to the person at risk",
                                              "outreach": "Outreach contact in the area"}[kind],
                                 kind=kind, status="done" if done and rng.random() < 0.85 else "open",
                                 due_on=day + timedelta(days=7), assignee_user_id=None,
                                 assignee_organisation_id=self.orgs[owner], review_id=rid, person_id=None, group_id=group,
                                 linked_type="incident", linked_id=iid, note=None,
                                 completed_at=datetime.combine(day + timedelta(days=5), time(15), STOCKHOLM) if done else None)
            since = day
            day += timedelta(days=14)

    def programme(self) -> None:
        p = self.plan
        first_call_in = p.call_ins[0].held_on
        for phase, start, end in (("partnership", p.started_on - timedelta(days=120), p.started_on - timedelta(days=1)),
                                  ("problem_analysis", p.started_on, first_call_in - timedelta(days=30)),
                                  ("first_call_in", first_call_in - timedelta(days=29), first_call_in),
                                  ("ongoing_operation", first_call_in + timedelta(days=1), None)):
            self.add(ProgrammePhase, phase=phase, started_on=start, ended_on=end, note=None)
        checks = (
            ("partnership", "met", p.started_on, "Steering group of police, probation, municipality and civil society meets monthly."),
            ("group_audit", "met", p.started_on + timedelta(days=60), "Group audit done with all partners."),
            ("group_audit", "partly_met", p.started_on + timedelta(days=500), "Audit older than a year; update planned."),
            ("call_ins", "met", first_call_in, "First call-in held with rehearsal and pre-meeting."),
            ("sanctions", "partly_met", first_call_in + timedelta(days=120),
             "Home visits after most flare-ups; some sanctions not delivered as promised."),
            ("support", "met", first_call_in + timedelta(days=150), "Support offered at every call-in and notification."),
        )
        for element, status, on, evidence in checks:
            self.add(FidelityCheck, element=element, status=status, assessed_on=on, evidence=evidence,
                     next_review_on=on + timedelta(days=365))
        for kind, title, start, end in NATIONAL_CONTEXT + p.extra_context:
            self.add(ContextEvent, kind=kind, title=title, started_on=start, ended_on=end, description=None,
                     national=kind in ("pandemic", "police_operation"))

    # -- legal basis, retention, data-subject requests ----------------------------------------------------------
    def governance(self) -> None:
        p, rng = self.plan, self.rng
        city = p.programme_name.removeprefix("Sluta skjut ")
        signed = p.started_on - timedelta(days=45)
        prefix = f"{city.upper()[:3]}-SAMV-{signed.year}"
        agreements = (
            (f"{prefix}-01", "Sluta skjut: polisen och socialtjänsten", ("police", "social_services"), (
                (Category.people,
                 "GDPR art. 6.1 e, 9.2 g och 10; brottsdatalagen (2018:1177) 2 kap. 1 §; polisdatalagen (2018:1693)",
                 "Socialtjänsten till polisen: OSL 10 kap. 18 a § (uppgift om den som inte fyllt 21 år, för att "
                 "förhindra brott). Polisen till socialtjänsten: OSL 10 kap. 2 § och SoL 14 kap. 1 § (anmälan om barn)."),
                (Category.notifications, "GDPR art. 6.1 e; socialtjänstlagen (2001:453) 3 kap. 5 §",
                 "OSL 10 kap. 18 a §; OSL 10 kap. 2 §"),
                (Category.incidents, "Brottsdatalagen (2018:1177) 2 kap. 1 §; GDPR art. 6.1 e",
                 "OSL 10 kap. 2 § (nödvändigt utlämnande); OSL 35 kap. 1 §, uppgifterna lämnas utan förundersökningsdetaljer"),
            )),
            (f"{prefix}-02", "Sluta skjut: polisen och Kriminalvården, frivården", ("police", "prison_probation"), (
                (Category.people, "Brottsdatalagen (2018:1177) 2 kap. 1 §; GDPR art. 10",
                 "OSL 10 kap. 2 § (nödvändigt utlämnande); OSL 10 kap. 27 § (generalklausulen)"),
                (Category.enforcement, "Brottsdatalagen (2018:1177) 2 kap. 1 §",
                 "OSL 10 kap. 2 §; OSL 35 kap. 15 § (Kriminalvården) med undantag i 10 kap. 27 §"),
                (Category.callins, "GDPR art. 6.1 e och 10", "OSL 10 kap. 2 §"),
            )),
            (f"{prefix}-03", "Sluta skjut: kommunen och civilsamhället (samtycke)",
             ("social_services", "employment", "civil_society"), (
                (Category.support, "GDPR art. 6.1 a och 9.2 a: den enskildes uttryckliga samtycke, som kan återkallas",
                 "OSL 12 kap. 2 § (den enskilde häver sekretessen genom samtycke)"),
                (Category.outreach, "GDPR art. 6.1 a: samtycke", "OSL 12 kap. 2 §"),
            )),
        )
        titles = {"police": "Polisområdeschef", "social_services": "Socialdirektör", "prison_probation": "Frivårdschef",
                  "employment": "Förvaltningschef", "civil_society": "Ordförande"}
        self.agreements: list[uuid.UUID] = []
        for reference, title, parties, terms in agreements:
            aid = self.add(SharingAgreement, reference=reference, title=title, valid_from=signed, valid_until=None)
            self.agreements.append(aid)
            for org in parties:
                self.add_row(AgreementParty, agreement_id=aid, organisation_id=self.orgs[org],
                             signatory_name=f"{rng.choice(GIVEN)[0]}. {rng.choice(FAMILY)} (fictitious)",
                             signatory_title=titles[org], signed_on=signed - timedelta(days=rng.randrange(0, 10)))
            for category, basis, secrecy in terms:
                self.add_row(AgreementTerm, agreement_id=aid, category=category, legal_basis=basis,
                             secrecy_provision=secrecy)
        decision = f"Steering group decision {signed.isoformat()}; GDPR art. 5.1 e (storage limitation)"
        for category, months, why in (
            (Category.people, 36, "Person data: 36 months after the person's last recorded event"),
            (Category.groups, 24, "Membership periods: 24 months after they ended or lapsed"),
            (Category.tasks, 24, "Finished tasks: 24 months after completion"),
        ):
            self.add_row(RetentionPolicy, category=category, erase_after_months=months, basis=f"{why}. {decision}")
        # three requests in different states, handled by social services (the programme's contact point)
        handler = self.orgs["social_services"]
        asker, objector, eraser = self.focus[0], self.at_risk[-1], self.victims[0]
        received = p.data_until - timedelta(days=200)
        self.add(DataSubjectRequest, kind="access", person_id=asker, handled_by_organisation_id=handler,
                 received_on=received, deadline=add_months(received, 1), extended=False, extension_reason=None,
                 status="completed", outcome="Register extract (JSON and CSV) handed over in person.",
                 closed_on=received + timedelta(days=19))
        received = p.data_until - timedelta(days=120)
        self.add(DataSubjectRequest, kind="objection", person_id=objector, handled_by_organisation_id=handler,
                 received_on=received, deadline=add_months(received, 1), extended=False, extension_reason=None,
                 status="refused", outcome="Processing is needed for a task in the public interest (art. 6.1 e) and "
                 "the threat assessment still holds; the person was told how to complain to IMY.",
                 closed_on=received + timedelta(days=27))
        received = p.data_until - timedelta(days=20)
        self.add(DataSubjectRequest, kind="erasure", person_id=eraser, handled_by_organisation_id=handler,
                 received_on=received, deadline=add_months(received, 3), extended=True,
                 extension_reason="Records from several partner organisations must be reviewed.",
                 status="in_progress", outcome=None, closed_on=None)


INSERT_ORDER: tuple[type, ...] = (
    ProgrammeSettings, ProgrammePhase, FidelityCheck, ContextEvent, Organisation, Group, GroupRiskAssessment,
    GroupRelationship, Person, GroupMembership, Designation, ClosePerson, Incident, IncidentGroup, IncidentPerson,
    IncidentReview, ReviewDecision, GroupInvolvementAssessment, Task, CallIn, CallInSpeaker, CallInClient,
    CustomNotification, NotificationOrganisation, EnforcementAction, EnforcementPerson, EnforcementIncident,
    SupportCase, SupportTransition, Consent, OutreachActivity, SharingAgreement, AgreementParty, AgreementTerm,
    RetentionPolicy, DataSubjectRequest,
)


def _describe(kind: str, confirmed: bool, killed: int, injured: int) -> str:
    what = {"shooting": "Shots fired", "explosion_completed": "Explosion at an entrance",
            "explosion_attempted": "Explosive device failed to detonate", "explosion_prepared": "Explosive device found",
            "other_serious_violence": "Serious assault"}[kind]
    parts = [what if confirmed else f"{what} reported (not confirmed)"]
    if killed:
        parts.append(f"{killed} killed")
    if injured:
        parts.append(f"{injured} injured")
    return "; ".join(parts) + ". Fictitious demo incident."


async def load_city(session: AsyncSession, slug: str) -> tuple[str, dict[str, int] | None]:
    """Fill one demo city (the tenant in context). Skips a city whose programme already exists.

    Returns the operator's line and the rows written per table (None when nothing was written).
    """
    plan = PLANS.get(slug)
    if plan is None:
        return f"no demo programme for {slug}", None
    if await programme.get_settings(session) is not None:
        return f"demo programme {slug} already present", None
    counts = await CityBuilder(session, plan).build()
    return (f"loaded demo programme {slug}: {counts.get('incidents', 0)} incidents, {counts.get('people', 0)} people, "
            f"{counts.get('call_ins', 0)} call-ins, {counts.get('custom_notifications', 0)} custom notifications"), counts
