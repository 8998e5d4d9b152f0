"""Field encryption and blind indexes: bound to tenant, table, column and row; keys per city."""

from __future__ import annotations

import stat
import uuid

import pytest
from cryptography.exceptions import InvalidTag

from tenants.context import tenant_context
from tenants.crypto import blind_index, decrypt, encrypt
from tenants.crypto.fields import DecryptionFailed
from tenants.crypto.master import LocalMasterKey, _read_or_create

PNR = "198112189876"


async def test_round_trip_and_ciphertext_hides_the_value(db, tenant_a):
    row = uuid.uuid4()
    with tenant_context(tenant_a.id):
        async with db.begin_nested():
            ct = await encrypt(db, table="people", column="identity_number", row_id=row, plaintext=PNR)
            assert PNR.encode() not in ct
            assert await decrypt(db, table="people", column="identity_number", row_id=row, ciphertext=ct) == PNR


async def test_ciphertext_moved_to_another_row_column_or_tenant_fails(db, tenant_a, tenant_b):
    row, other = uuid.uuid4(), uuid.uuid4()
    with tenant_context(tenant_a.id):
        async with db.begin_nested():
            ct = await encrypt(db, table="people", column="identity_number", row_id=row, plaintext=PNR)
            with pytest.raises(DecryptionFailed):
                await decrypt(db, table="people", column="identity_number", row_id=other, ciphertext=ct)
            with pytest.raises(DecryptionFailed):
                await decrypt(db, table="people", column="phone", row_id=row, ciphertext=ct)
    with tenant_context(tenant_b.id):
        async with db.begin_nested():
            with pytest.raises(DecryptionFailed):
                await decrypt(db, table="people", column="identity_number", row_id=row, ciphertext=ct)


async def test_same_value_gives_unrelated_blind_indexes_per_tenant(db, tenant_a, tenant_b):
    with tenant_context(tenant_a.id):
        async with db.begin_nested():
            a1 = await blind_index(db, purpose="identity_number", value=PNR)
            a2 = await blind_index(db, purpose="identity_number", value=PNR)
            a_other_purpose = await blind_index(db, purpose="phone", value=PNR)
    with tenant_context(tenant_b.id):
        async with db.begin_nested():
            b1 = await blind_index(db, purpose="identity_number", value=PNR)
    assert a1 == a2 and len(a1) == 32
    assert a1 != b1 and a1 != a_other_purpose
    import hashlib

    assert a1 != hashlib.sha256(PNR.encode()).digest()


def test_master_key_file_is_created_private(tmp_path):
    path = tmp_path / "keys" / "master.key"
    secret = _read_or_create(path)
    assert len(secret) == 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert _read_or_create(path) == secret  # stable across restarts
    wrapped = LocalMasterKey(secret).wrap(b"k" * 32, b"ctx")
    assert LocalMasterKey(secret).unwrap(wrapped, b"ctx") == b"k" * 32
    with pytest.raises(InvalidTag):  # another master key cannot unwrap
        LocalMasterKey(b"x" * 32).unwrap(wrapped, b"ctx")
