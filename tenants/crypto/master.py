"""The master key that wraps every tenant key.

The embedded default keeps it in ``<data_dir>/keys/master.key`` (created with mode 0600) or takes it
from ``GVI_MASTER_KEY`` (base64, 32 bytes). Production can plug a KMS in behind the same two calls.
"""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Protocol

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from tenants.settings import get_settings


class MasterKey(Protocol):
    key_id: str

    def wrap(self, key: bytes, context: bytes) -> bytes: ...

    def unwrap(self, blob: bytes, context: bytes) -> bytes: ...


@dataclass(frozen=True)
class LocalMasterKey:
    """AES-256-GCM key wrapping with a locally held key (``context`` is the associated data)."""

    secret: bytes

    @property
    def key_id(self) -> str:
        return "local:" + hashlib.sha256(b"gvi-master-key-id" + self.secret).hexdigest()[:16]

    def wrap(self, key: bytes, context: bytes) -> bytes:
        nonce = os.urandom(12)
        return nonce + AESGCM(self.secret).encrypt(nonce, key, context)

    def unwrap(self, blob: bytes, context: bytes) -> bytes:
        return AESGCM(self.secret).decrypt(blob[:12], blob[12:], context)


def key_file(data_dir: Path | None = None) -> Path:
    settings = get_settings()
    if settings.master_key_file:
        return Path(settings.master_key_file)
    return (data_dir or settings.data_dir) / "keys" / "master.key"


def _read_or_create(path: Path) -> bytes:
    if path.exists():
        return base64.b64decode(path.read_text().strip())
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    secret = AESGCM.generate_key(bit_length=256)
    # O_EXCL: two processes starting at once must not each write a different key.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return base64.b64decode(path.read_text().strip())
    with os.fdopen(fd, "w") as f:
        f.write(base64.b64encode(secret).decode() + "\n")
    return secret


@cache
def master_key() -> MasterKey:
    settings = get_settings()
    if settings.master_key:
        secret = base64.b64decode(settings.master_key)
    else:
        secret = _read_or_create(key_file())
    if len(secret) != 32:
        raise ValueError("the master key must be 32 bytes (base64-encoded)")
    return LocalMasterKey(secret)
