"""Key material: the session/throttle secret and the JWT signing keys (EC P-256, ES256).

Embedded default: generated once into ``<data_dir>/keys`` (directory 0700, files 0600). Production:
``GVI_SECRET_KEY`` and ``GVI_JWT_PRIVATE_KEY_FILE`` (shared by every instance). Rotation: put the new
key in place (or run ``gvi signing-keys rotate`` on the embedded default) and keep the old one listed in
``GVI_JWT_PREVIOUS_KEY_FILES`` until the tokens it signed have expired; every key is in the JWKS.
"""

from __future__ import annotations

import os
import secrets
import stat
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from joserfc.jwk import ECKey, KeySet

from tenants.settings import Settings

ALG = "ES256"


def _private_dir(directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    if stat.S_IMODE(directory.stat().st_mode) != 0o700:
        os.chmod(directory, 0o700)


def _write_private(path: Path, data: bytes) -> None:
    _private_dir(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)


def _read_created(path: Path) -> bytes:
    """Read a file another process may be writing right now (created with O_EXCL, then written)."""
    for _ in range(50):
        data = path.read_bytes().strip()
        if data:
            return data
        time.sleep(0.02)
    raise RuntimeError(f"{path} is empty")


def secret_key(settings: Settings) -> bytes:
    if settings.secret_key:
        return settings.secret_key.encode()
    _private_dir(settings.keys_dir)
    path = settings.keys_dir / "secret_key"
    if not path.exists():
        try:
            _write_private(path, secrets.token_urlsafe(48).encode())
        except FileExistsError:  # another worker won the race
            pass
    return _read_created(path)


def _import(pem: bytes) -> ECKey:
    key = ECKey.import_key(pem)
    return ECKey.import_key(pem, {"kid": key.thumbprint(), "use": "sig", "alg": ALG})


def generate_key_file(directory: Path, name: str | None = None) -> Path:
    key = ECKey.generate_key("P-256", private=True)
    path = directory / (name or f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{secrets.token_hex(3)}.pem")
    _write_private(path, key.as_pem(private=True))
    return path


INITIAL_KEY = "00000000T000000-initial.pem"  # a fixed name: workers starting together agree on one key


@dataclass(frozen=True, eq=False)  # hashed by identity: verified tokens are remembered per key ring
class KeyRing:
    active: ECKey
    keys: tuple[ECKey, ...]  # every published key, the active one included

    @property
    def kid(self) -> str:
        return self.active.kid

    def key_set(self) -> KeySet:
        return KeySet(list(self.keys))

    def jwks(self) -> dict:
        return {"keys": [k.as_dict(private=False) for k in self.keys]}


def load_keyring(settings: Settings) -> KeyRing:
    if settings.jwt_private_key_file:
        active = _import(Path(settings.jwt_private_key_file).read_bytes())
        previous = [_import(Path(p.strip()).read_bytes()) for p in settings.jwt_previous_key_files.split(",") if p.strip()]
        return KeyRing(active, (active, *[k for k in previous if k.kid != active.kid]))
    _private_dir(settings.keys_dir)
    directory = settings.keys_dir / "jwt"
    if not any(directory.glob("*.pem")):
        try:
            generate_key_file(directory, INITIAL_KEY)
        except FileExistsError:  # another worker won the race
            pass
    files = sorted(directory.glob("*.pem"))  # names start with a timestamp: the newest signs
    keys = [_import(_read_created(p)) for p in files]
    return KeyRing(keys[-1], tuple(reversed(keys)))


class KeyRingSource:
    """The current key ring, re-read when its key files change.

    Instances share the key files (a Secret volume, a shared data directory). When one operator
    rotates (``gvi signing-keys rotate``, a new Secret version), every instance signs with the new
    key and accepts tokens it signed within about a second, without a restart: the files' names,
    sizes and modification times are compared at most once a second, and at once when a token
    names a key this instance does not know yet.
    """

    RECHECK_SECONDS = 1.0

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._ring: KeyRing | None = None
        self._fingerprint: tuple | None = None
        self._checked = 0.0

    def _files(self) -> list[Path]:
        if self.settings.jwt_private_key_file:
            previous = [Path(p.strip()) for p in self.settings.jwt_previous_key_files.split(",") if p.strip()]
            return [Path(self.settings.jwt_private_key_file), *previous]
        return sorted((self.settings.keys_dir / "jwt").glob("*.pem"))

    def _stat(self) -> tuple:
        found = []
        for path in self._files():
            try:
                st = path.stat()
                found.append((str(path), st.st_mtime_ns, st.st_size))
            except FileNotFoundError:
                found.append((str(path), None, None))
        return tuple(found)

    def current(self, *, recheck: bool = False) -> KeyRing:
        now = time.monotonic()
        if self._ring is None or recheck or now - self._checked >= self.RECHECK_SECONDS:
            self._checked = now
            fingerprint = self._stat()
            if self._ring is None or fingerprint != self._fingerprint:
                self._ring = load_keyring(self.settings)
                self._fingerprint = self._stat()  # loading may have created the first key
        return self._ring
