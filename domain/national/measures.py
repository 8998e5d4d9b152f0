"""The national measures: the city figures (``domain.figures``), split by how a release treats them.

- **Event counts** (shootings, killed, injured, explosions, call-ins held) are what the police already
  publish: released exactly.
- **Person counts** (everything else: clients, notifications, enforcement actions against people,
  support, people reached, people on the focus list) are protected: a small count can point at a person.
- **Non-additive** person counts (distinct people) have no yearly totals: a year's distinct people is
  not the sum of its months. Their national per-month totals are sums over cities.
"""

from __future__ import annotations

from domain.figures.service import ALL_MEASURES as MEASURES

NATIONAL_MEASURES: tuple[str, ...] = MEASURES
EVENT_MEASURES: frozenset[str] = frozenset(
    {"shootings_with_injury", "shootings_without_injury", "killed", "injured", "explosions", "call_ins_held"})
PERSON_MEASURES: tuple[str, ...] = tuple(m for m in MEASURES if m not in EVENT_MEASURES)
NON_ADDITIVE: frozenset[str] = frozenset({"people_reached", "people_on_focus_list"})

DESCRIPTIONS: dict[str, str] = {
    "shootings_with_injury": "confirmed shootings in which someone was killed or injured (event count, exact)",
    "shootings_without_injury": "confirmed shootings in which nobody was killed or injured (event count, exact)",
    "killed": "people killed in confirmed shootings (event count, exact)",
    "injured": "people injured in confirmed shootings, from grazes to serious injuries (event count, exact)",
    "explosions": "reported explosions: completed, attempted and prepared (event count, exact)",
    "call_ins_held": "call-ins held (event count, exact)",
    "clients_attending": "clients who attended a call-in (person count, protected)",
    "custom_notifications": "custom notifications delivered, one per person (person count, protected)",
    "support_offered": "support cases offered (person count, protected)",
    "support_accepted": "support cases accepted (person count, protected)",
    "support_started": "support cases started (person count, protected)",
    "support_completed": "support cases completed (person count, protected)",
    "people_reached": "distinct people reached in the month (person count, protected, no yearly total)",
    "people_on_focus_list": "distinct people on the focus list at some time in the month (person count, protected, "
                            "no yearly total)",
}
for _m in MEASURES:
    if _m.startswith("enforcement_"):
        DESCRIPTIONS[_m] = f"enforcement actions of type {_m.removeprefix('enforcement_')} (actions against people, protected)"


def is_protected(measure: str) -> bool:
    return measure not in EVENT_MEASURES
