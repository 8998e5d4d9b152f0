"""The master key that wraps every tenant key.

The embedded default keeps it in ``<data_dir>/keys/master.key`` (created with mode 0600) or takes it
from ``GVI_MASTER_KEY`` (base64, 32 bytes). Production can plug a KMS in behind the same two calls.
"""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass
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
        return parse_secrets(path.read_text())[0]
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    secret = AESGCM.generate_key(bit_length=256)
    # O_EXCL: two processes starting at once must not each write a different key.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return parse_secrets(path.read_text())[0]
    with os.fdopen(fd, "w") as f:
        f.write(base64.b64encode(secret).decode() + "\n")
    return secret


def master_key() -> MasterKey:
    """The current master key: new and rewrapped tenant keys are wrapped by it."""
    return keyring().current


# --- several master keys (rotation) -------------------------------------------------------------
# The key file holds one base64 key per line (``GVI_MASTER_KEY``: comma-separated), the current
# one first; the others only unwrap tenant keys not yet rewrapped by ``gvi keys rotate-master``.


@dataclass(frozen=True)
class Keyring:
    current: MasterKey
    previous: tuple[MasterKey, ...] = ()

    def for_id(self, key_id: str) -> MasterKey:
        for key in (self.current, *self.previous):
            if key.key_id == key_id:
                return key
        raise LookupError(f"master key {key_id} is not configured (rotated away before every tenant key was rewrapped?)")


def parse_secrets(text: str) -> list[bytes]:
    parts = [p.strip() for line in text.splitlines() for p in line.split(",")]
    secrets = [base64.b64decode(p) for p in parts if p and not p.startswith("#")]
    if not secrets or any(len(s) != 32 for s in secrets):
        raise ValueError("the master key must be 32 bytes (base64-encoded)")
    return secrets


def write_key_file(path: Path, secrets: list[bytes]) -> None:
    """Replace the key file atomically (mode 0600): a crash leaves the old or the new file, never half."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write("".join(base64.b64encode(s).decode() + "\n" for s in secrets))
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


_ring: tuple[object, Keyring] | None = None


def keyring() -> Keyring:
    """The configured master keys; re-read when the key file changes (another process rotated)."""
    global _ring
    settings = get_settings()
    if settings.master_key:
        source: object = settings.master_key
    else:
        path = key_file()
        if not path.exists():
            _read_or_create(path)
        source = (str(path), path.stat().st_mtime_ns)
    if _ring is None or _ring[0] != source:
        text = settings.master_key if settings.master_key else Path(source[0]).read_text()
        keys = [LocalMasterKey(s) for s in parse_secrets(text)]
        _ring = (source, Keyring(keys[0], tuple(keys[1:])))
    return _ring[1]


def reset_keyring() -> None:
    global _ring
    _ring = None
