"""Password hashing (Argon2id) and the password rules of NIST SP 800-63B §3.1.1.2.

Rules: at least ``MIN_LENGTH`` characters (NIST: 8; the platform holds person data, so 12), up to
``MAX_LENGTH`` (NIST: at least 64), any Unicode (NFKC-normalised), no composition rules, no periodic
expiry; refused when it is a known common or breached password (shipped list), a context word
(username, city), or too repetitive.
"""

from __future__ import annotations

import asyncio
import re
import unicodedata
from functools import cache
from importlib.resources import files

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

from tenants.errors import ValidationFailed

MIN_LENGTH = 12
MAX_LENGTH = 128

# OWASP's minimum for Argon2id: 19 MiB, 2 iterations, 1 lane.
HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1, hash_len=32, salt_len=16, type=Type.ID)
# Verified when an account does not exist, so that a missing account costs the same time.
_DUMMY_HASH = HASHER.hash("not-a-real-password-just-for-timing")


def normalise(password: str) -> str:
    return unicodedata.normalize("NFKC", password)


@cache
def common_passwords() -> frozenset[str]:
    text = files("domain.identity").joinpath("data/common_passwords.txt").read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#"))


_TRAILING = re.compile(r"[\d\W_]+$")


def problems(password: str, *, context: tuple[str, ...] = ()) -> list[str]:
    """Why ``password`` is refused (empty list: acceptable)."""
    pw = normalise(password)
    out: list[str] = []
    if len(pw) < MIN_LENGTH:
        out.append(f"must be at least {MIN_LENGTH} characters")
    if len(pw) > MAX_LENGTH:
        out.append(f"must be at most {MAX_LENGTH} characters")
    lowered = pw.lower()
    stem = _TRAILING.sub("", lowered)
    common = common_passwords()
    if lowered in common or stem in common or lowered.strip() in common:
        out.append("is a commonly used or breached password")
    for word in context:
        w = (word or "").lower().strip()
        if len(w) >= 3 and (w in lowered) and len(lowered) - len(w) < 8:
            out.append("is too close to the username or the city's name")
            break
    if len(set(lowered)) < 4:
        out.append("is too repetitive")
    return out


def check(password: str, *, context: tuple[str, ...] = (), field: str = "password") -> None:
    found = problems(password, context=context)
    if found:
        raise ValidationFailed.single(field, "weak_password", "; ".join(found))


async def hash_password(password: str) -> str:
    return await asyncio.to_thread(HASHER.hash, normalise(password))


def _verify(stored: str | None, password: str) -> bool:
    try:
        return HASHER.verify(stored or _DUMMY_HASH, normalise(password)) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


async def verify_password(stored: str | None, password: str) -> bool:
    """Constant-ish time: a missing hash is checked against a dummy so it costs the same."""
    return await asyncio.to_thread(_verify, stored, password)


def needs_rehash(stored: str) -> bool:
    return HASHER.check_needs_rehash(stored)
