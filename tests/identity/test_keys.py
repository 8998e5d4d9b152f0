"""Key material on disk: private, generated once, rotatable with every key still published."""

from __future__ import annotations

import stat
import uuid

from joserfc import jwt

from api.auth import tokens
from api.auth.keys import generate_key_file, load_keyring, secret_key
from tenants.settings import Settings


class _Client:
    client_id, tenant_id, secret_version = "c.x", uuid.uuid4(), 1


def test_embedded_keys_are_private_and_stable(tmp_path):
    settings = Settings(env="test", data_dir=tmp_path)
    ring = load_keyring(settings)
    assert secret_key(settings) == secret_key(settings)
    assert stat.S_IMODE((tmp_path / "keys").stat().st_mode) == 0o700
    for path in [tmp_path / "keys" / "secret_key", *(tmp_path / "keys" / "jwt").glob("*.pem")]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert load_keyring(settings).kid == ring.kid, "the same key on every start"


def test_rotation_keeps_old_tokens_verifiable(tmp_path):
    settings = Settings(env="test", data_dir=tmp_path)
    old = load_keyring(settings)
    token = tokens.issue(old, issuer="i", audience="a", client=_Client, scopes=[], ttl=60)
    generate_key_file(tmp_path / "keys" / "jwt")
    new = load_keyring(settings)
    assert new.kid != old.kid
    assert {k["kid"] for k in new.jwks()["keys"]} == {old.kid, new.kid}
    assert tokens.verify(new.key_set(), token, issuer="i", audience="a")
    fresh = tokens.issue(new, issuer="i", audience="a", client=_Client, scopes=[], ttl=60)
    assert jwt.decode(fresh, new.key_set(), algorithms=["ES256"]).header["kid"] == new.kid


def test_configured_key_files(tmp_path):
    active = generate_key_file(tmp_path / "prod")
    previous = generate_key_file(tmp_path / "prod")
    settings = Settings(env="test", data_dir=tmp_path / "unused", jwt_private_key_file=active,
                        jwt_previous_key_files=str(previous))
    ring = load_keyring(settings)
    assert len(ring.jwks()["keys"]) == 2
    assert not (tmp_path / "unused" / "keys" / "jwt").exists()
