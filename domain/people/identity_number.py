"""Swedish personal identity numbers (personnummer) and co-ordination numbers (samordningsnummer).

Accepted forms: ``YYMMDD-NNNC``, ``YYMMDD+NNNC`` ('+' = the person is 100 or older), ``YYMMDDNNNC``,
``YYYYMMDD-NNNC`` and ``YYYYMMDDNNNC``. The birth date must exist; a co-ordination number adds 60
to the day; ``C`` is the Luhn check digit over the ten digits ``YYMMDDNNN``. The normalised form,
used for the blind index, is the 12 digits ``YYYYMMDDNNNC``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from domain.people.models import IdentityKind

_FORM = re.compile(r"^(?P<century>\d{2})?(?P<yy>\d{2})(?P<mm>\d{2})(?P<dd>\d{2})(?P<sep>[-+]?)(?P<serial>\d{3})(?P<check>\d)$")
COORDINATION_OFFSET = 60


class InvalidIdentityNumber(ValueError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class IdentityNumber:
    normalised: str  # YYYYMMDDNNNC
    kind: IdentityKind
    birth_date: date

    @property
    def display(self) -> str:
        return f"{self.normalised[:8]}-{self.normalised[8:]}"


def luhn_check_digit(digits: str) -> int:
    """The Luhn digit for ``digits`` (weights 2, 1, 2, … from the left for the nine digits)."""
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return (10 - total % 10) % 10


def _century(yy: int, mm: int, day: int, plus: bool, today: date) -> int:
    # The latest year ending in yy whose date is not after today — or, with '+', at least 100 years ago.
    limit_year = today.year - 100 if plus else today.year
    year = limit_year - (limit_year - yy) % 100
    if (year, mm, day) > (limit_year, today.month, today.day):
        year -= 100
    return year // 100


def parse(value: str, *, today: date | None = None) -> IdentityNumber:
    """Validate and normalise; raises :class:`InvalidIdentityNumber` naming what is wrong."""
    today = today or date.today()
    m = _FORM.match((value or "").strip().replace(" ", ""))
    if not m:
        raise InvalidIdentityNumber("invalid_format", "must be 10 or 12 digits, as YYMMDD-NNNC or YYYYMMDD-NNNC")
    yy, mm, dd = int(m["yy"]), int(m["mm"]), int(m["dd"])
    plus = m["sep"] == "+"
    if m["century"] and plus:
        raise InvalidIdentityNumber("invalid_format", "'+' (100 years or older) is only used in the 10-digit form")
    kind = IdentityKind.personnummer
    day = dd
    if dd > COORDINATION_OFFSET:
        kind, day = IdentityKind.samordningsnummer, dd - COORDINATION_OFFSET
    century = int(m["century"]) if m["century"] else _century(yy, mm, day, plus, today)
    try:
        born = date(century * 100 + yy, mm, day)
    except ValueError:
        raise InvalidIdentityNumber("invalid_date", f"{m['yy']}{m['mm']}{m['dd']} is not a real date"
                                    + (" (co-ordination numbers add 60 to the day)" if kind is IdentityKind.samordningsnummer
                                       else "")) from None
    if born > today:
        raise InvalidIdentityNumber("future_date", "the birth date lies in the future")
    ten = f"{m['yy']}{m['mm']}{m['dd']}{m['serial']}"
    if luhn_check_digit(ten) != int(m["check"]):
        raise InvalidIdentityNumber("invalid_check_digit", "the check digit does not match (Luhn)")
    return IdentityNumber(normalised=f"{century:02d}{ten}{m['check']}", kind=kind, birth_date=born)
