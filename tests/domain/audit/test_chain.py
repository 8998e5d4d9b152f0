"""The canonical encoding and the chain walk, without a database."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from domain.audit.chain import GENESIS, canonical, check, entry_hash


@dataclass(frozen=True)
class E:
    tenant_id: uuid.UUID
    seq: int
    occurred_at: datetime
    prev_hash: str
    hash: str = ""
    actor_kind: str = "user"
    actor_id: uuid.UUID | None = None
    actor_name: str = "A"
    organisation_id: uuid.UUID | None = None
    action: str = "read"
    object_type: str = "person"
    object_id: uuid.UUID | None = None
    purpose: str | None = "p"
    request_id: str | None = None
    outcome: str = "allowed"
    agreement_id: uuid.UUID | None = None
    details: dict | None = None


def chain(n: int) -> list[E]:
    tid, out, prev = uuid.uuid4(), [], GENESIS
    for i in range(1, n + 1):
        e = E(tid, i, datetime(2026, 1, 1, 12, 0, i, 123, tzinfo=UTC), prev, details={"b": 1, "a": [i]})
        e = replace(e, hash=entry_hash(e))
        out.append(e)
        prev = e.hash
    return out


def test_canonical_form_is_stable_and_sorted():
    e = chain(1)[0]
    body = canonical(e).decode()
    assert '"details":{"a":[1],"b":1}' in body
    assert '"occurred_at":"2026-01-01T12:00:01.000123Z"' in body
    assert canonical(e) == canonical(replace(e, details={"a": [1], "b": 1}))


def test_intact_chain_and_each_kind_of_break():
    entries = chain(5)
    assert check(entries) == (None, (5, entries[-1].hash))
    altered = entries[:2] + [replace(entries[2], purpose="q")] + entries[3:]
    assert check(altered)[0].seq == 3 and "content altered" in check(altered)[0].reason
    gap = entries[:1] + entries[2:]
    assert check(gap)[0].seq == 2 and "missing" in check(gap)[0].reason
    relinked = entries[:3] + [replace(entries[3], prev_hash="f" * 64)] + entries[4:]
    assert check(relinked)[0].seq == 4 and "prev_hash" in check(relinked)[0].reason
