"""The hash chain: a canonical encoding of an entry and its SHA-256.

``hash = sha256(canonical(entry))`` where the canonical form is JSON with sorted keys, no spaces,
UTF-8, UUIDs as lower-case strings, the time as ``YYYY-MM-DDTHH:MM:SS.ffffffZ`` (UTC) and the
previous entry's hash included, so that changing, removing or reordering any entry breaks every
hash after it. The first entry of a tenant has ``prev_hash = GENESIS``.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

GENESIS = "0" * 64
FIELDS = ("tenant_id", "seq", "occurred_at", "actor_kind", "actor_id", "actor_name", "organisation_id", "action",
          "object_type", "object_id", "purpose", "request_id", "outcome", "agreement_id", "details", "prev_hash")


def format_time(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _plain(value: object) -> object:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return format_time(value)
    return getattr(value, "value", value)  # enums


def canonical(entry: object) -> bytes:
    """The bytes hashed for ``entry`` (an AuditEntry or any object with the chain's fields)."""
    body = {name: _plain(getattr(entry, name)) for name in FIELDS}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode()


def entry_hash(entry: object) -> str:
    return hashlib.sha256(canonical(entry)).hexdigest()


@dataclass(frozen=True)
class Break:
    seq: int
    reason: str


def check(entries, previous: tuple[int, str] = (0, GENESIS)) -> tuple[Break | None, tuple[int, str]]:
    """Walk ``entries`` (in sequence order) after ``previous`` = (seq, hash); the first break, if any."""
    last_seq, last_hash = previous
    for e in entries:
        if e.seq != last_seq + 1:
            missing = f"{last_seq + 1}" if e.seq == last_seq + 2 else f"{last_seq + 1}–{e.seq - 1}"
            return Break(last_seq + 1, f"entry {missing} missing (sequence jumps from {last_seq} to {e.seq})"), previous
        if e.prev_hash != last_hash:
            return Break(e.seq, f"prev_hash {e.prev_hash[:12]}… differs from the hash of entry {last_seq} "
                                f"({last_hash[:12]}…)"), previous
        computed = entry_hash(e)
        if computed != e.hash:
            return Break(e.seq, f"content altered: stored hash {e.hash[:12]}…, recomputed {computed[:12]}…"), previous
        last_seq, last_hash = e.seq, e.hash
    return None, (last_seq, last_hash)
