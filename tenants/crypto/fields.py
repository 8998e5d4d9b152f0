"""Encrypting one field of one row, and the blind index for exact lookups."""

from __future__ import annotations

import hashlib
import hmac
import os
import struct
import uuid

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy.ext.asyncio import AsyncSession

from tenants.context import require_tenant_id
from tenants.crypto.keys import active_key, key_version
from tenants.crypto.models import KeyPurpose

FORMAT = 1  # first byte of every ciphertext; then the key version (uint32), the nonce, the sealed text
_HEADER = struct.Struct(">BI")


class DecryptionFailed(Exception):
    """The ciphertext does not belong here (other row, column or tenant) or was altered."""


def associated_data(tenant_id: uuid.UUID, table: str, column: str, row_id: uuid.UUID) -> bytes:
    return f"gvi|{tenant_id}|{table}|{column}|{row_id}".encode()


async def encrypt(session: AsyncSession, *, table: str, column: str, row_id: uuid.UUID, plaintext: str) -> bytes:
    version, key = await active_key(session, KeyPurpose.data)
    nonce = os.urandom(12)
    aad = associated_data(require_tenant_id(), table, column, row_id)
    return _HEADER.pack(FORMAT, version) + nonce + AESGCM(key).encrypt(nonce, plaintext.encode(), aad)


async def decrypt(session: AsyncSession, *, table: str, column: str, row_id: uuid.UUID, ciphertext: bytes) -> str:
    fmt, version = _HEADER.unpack_from(ciphertext)
    if fmt != FORMAT:
        raise DecryptionFailed(f"unknown ciphertext format {fmt}")
    try:
        key = await key_version(session, KeyPurpose.data, version)
    except LookupError as exc:
        raise DecryptionFailed(str(exc)) from exc
    offset = _HEADER.size
    nonce, sealed = ciphertext[offset:offset + 12], ciphertext[offset + 12:]
    aad = associated_data(require_tenant_id(), table, column, row_id)
    try:
        return AESGCM(key).decrypt(nonce, sealed, aad).decode()
    except InvalidTag as exc:
        raise DecryptionFailed(f"{table}.{column} of {row_id} does not decrypt here") from exc


def ciphertext_key_version(ciphertext: bytes) -> int:
    return _HEADER.unpack_from(ciphertext)[1]


async def blind_index(session: AsyncSession, *, purpose: str, value: str) -> bytes:
    """HMAC-SHA256 of ``value`` under the tenant's index key, separated by ``purpose``."""
    _, key = await active_key(session, KeyPurpose.index)
    return hmac.new(key, f"{purpose}\x00{value}".encode(), hashlib.sha256).digest()
