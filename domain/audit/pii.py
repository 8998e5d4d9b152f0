"""Finding Swedish identity numbers (personnummer, samordningsnummer) in text that must not hold them.

Used as a guard on what goes into audit details and free-text registers, and by the dump scan that
checks a database dump holds no identity number in clear. A match needs a plausible date (day + 60
for co-ordination numbers) and a valid Luhn check digit, so UUIDs and hex ciphertexts do not trip it.
"""

from __future__ import annotations

import re

IDENTITY_NUMBER_RE = re.compile(
    r"(?<![0-9A-Za-z])"
    r"(?P<century>19|20)?(?P<yy>\d{2})(?P<mm>0[1-9]|1[0-2])(?P<dd>0[1-9]|[12]\d|3[01]|6[1-9]|[78]\d|9[01])"
    r"[-+]?(?P<serial>\d{3})(?P<check>\d)"
    r"(?![0-9A-Za-z])"
)


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def find_identity_numbers(text: str) -> list[str]:
    """Every plausible identity number in ``text`` (as found, for the report of a scan)."""
    found = []
    for m in IDENTITY_NUMBER_RE.finditer(text):
        ten = m["yy"] + m["mm"] + m["dd"] + m["serial"] + m["check"]
        if luhn_valid(ten):
            found.append(m.group(0))
    return found


def contains_identity_number(value: object) -> bool:
    """True if ``value`` (a string, or nested lists/dicts of them) holds an identity number."""
    if isinstance(value, str):
        return bool(find_identity_numbers(value))
    if isinstance(value, dict):
        return any(contains_identity_number(k) or contains_identity_number(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return any(contains_identity_number(v) for v in value)
    return False
