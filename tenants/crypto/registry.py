"""Which columns hold encrypted fields and blind indexes — so rotation and export find them all.

Domain packages register their columns at import time, next to their models::

    registry.register("people", "identity_number_enc")
    registry.register_blind_index("people", "identity_number_hmac", purpose="identity_number",
                                  source_column="identity_number_enc")

An encrypted column holds ``tenants.crypto.encrypt(table=…, column=…, row_id=<id_column>)``; a
blind-index column holds ``blind_index(purpose=…, value=<plaintext of source_column>)``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EncryptedColumn:
    table: str
    column: str
    id_column: str = "id"


@dataclass(frozen=True)
class BlindIndexColumn:
    table: str
    column: str
    purpose: str
    source_column: str  # the encrypted column whose plaintext is indexed


_encrypted: dict[tuple[str, str], EncryptedColumn] = {}
_indexes: dict[tuple[str, str], BlindIndexColumn] = {}


def register(table: str, column: str, id_column: str = "id") -> EncryptedColumn:
    field = EncryptedColumn(table, column, id_column)
    existing = _encrypted.get((table, column))
    if existing is not None and existing != field:
        raise ValueError(f"{table}.{column} is already registered differently")
    _encrypted[(table, column)] = field
    return field


def register_blind_index(table: str, column: str, *, purpose: str, source_column: str) -> BlindIndexColumn:
    if (table, source_column) not in _encrypted:
        raise ValueError(f"register {table}.{source_column} as an encrypted column first")
    index = BlindIndexColumn(table, column, purpose, source_column)
    _indexes[(table, column)] = index
    return index


def unregister_table(table: str) -> None:
    """Forget a table's columns (tests with probe tables)."""
    for registry in (_encrypted, _indexes):
        for key in [k for k in registry if k[0] == table]:
            del registry[key]


def encrypted_columns(table: str | None = None) -> list[EncryptedColumn]:
    return [f for f in _encrypted.values() if table is None or f.table == table]


def blind_indexes(table: str | None = None) -> list[BlindIndexColumn]:
    return [i for i in _indexes.values() if table is None or i.table == table]


def tables() -> list[str]:
    return sorted({f.table for f in _encrypted.values()})


def encrypted_column(table: str, column: str) -> EncryptedColumn | None:
    return _encrypted.get((table, column))
