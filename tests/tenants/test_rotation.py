"""Key rotation keeps everything readable; ciphertexts moved between rows or tenants do not decrypt."""

from __future__ import annotations

import asyncio
import base64
import os
import stat

import pytest
from sqlalchemy import select, text

from tenants.context import tenant_context
from tenants.crypto import blind_index, decrypt, encrypt, keys, master
from tenants.crypto.fields import DecryptionFailed, ciphertext_key_version
from tenants.crypto.models import KeyPurpose, TenantKey
from tenants.crypto.rotation import rotate_tenant
from tenants.settings import get_settings
from tests.probes import TABLE, insert_secret, probe_secrets, read_secrets  # noqa: F401
from tests.tenants.test_cli import gvi

pytestmark = pytest.mark.usefixtures("probe_secrets")

NUMBERS = ["198112189876", "200501012386", "197003154410", "199912319999", None, "201206062382", "198507075515"]


async def seed(sessions, tenant) -> dict:
    with tenant_context(tenant.id):
        async with sessions() as s, s.begin():
            ids = [await insert_secret(s, tenant.id, n) for n in NUMBERS]
    return dict(zip(ids, NUMBERS, strict=True))


async def key_rows(sessions, tenant) -> list[TenantKey]:
    with tenant_context(tenant.id):
        async with sessions() as s, s.begin():
            return list(await s.scalars(select(TenantKey).order_by(TenantKey.purpose, TenantKey.version)))


async def test_rotate_tenant_reencrypts_reindexes_and_retires(committed_tenant, app_sessions):
    expected = await seed(app_sessions, committed_tenant)
    with tenant_context(committed_tenant.id):
        async with app_sessions() as s, s.begin():
            old_index = await blind_index(s, purpose="identity_number", value=NUMBERS[0])

    async def writer() -> None:  # the service keeps writing while the rotation runs
        for i in range(5):
            with tenant_context(committed_tenant.id):
                async with app_sessions() as s, s.begin():
                    expected[await insert_secret(s, committed_tenant.id, "198112189876", label=f"w{i}")] = "198112189876"
            await asyncio.sleep(0)

    result, _ = await asyncio.gather(rotate_tenant(app_sessions, tenant_id=committed_tenant.id, batch_size=3), writer())
    assert (result.data_version, result.index_version, result.retired) == (2, 2, 2)
    assert result.rows[TABLE] >= len(NUMBERS)

    with tenant_context(committed_tenant.id):
        async with app_sessions() as s, s.begin():
            assert await read_secrets(s) == expected
            rows = (await s.execute(text(f"select pnr_enc, pnr_hmac from {TABLE} where label = 'probe'"))).all()
            assert {ciphertext_key_version(bytes(r.pnr_enc)) for r in rows if r.pnr_enc} == {2}
            new_index = await blind_index(s, purpose="identity_number", value=NUMBERS[0])
            assert new_index != old_index
            found = await s.scalar(text(f"select count(*) from {TABLE} where label = 'probe' and pnr_hmac = :h"),
                                   {"h": new_index})
            assert found == 1  # exact lookup works with the recomputed index
    states = [(k.purpose, k.version, k.retired_at is not None) for k in await key_rows(app_sessions, committed_tenant)]
    assert states == [(KeyPurpose.data, 1, True), (KeyPurpose.data, 2, False),
                      (KeyPurpose.index, 1, True), (KeyPurpose.index, 2, False)]

    keys.forget()  # a fresh process: only the stored keys
    again = await rotate_tenant(app_sessions, tenant_id=committed_tenant.id, batch_size=100)
    assert again.data_version == 3
    with tenant_context(committed_tenant.id):
        async with app_sessions() as s, s.begin():
            assert await read_secrets(s) == expected


async def test_swapped_ciphertexts_do_not_decrypt(committed_tenant, app_sessions, db, tenant_b):
    ids = list((await seed(app_sessions, committed_tenant)).keys())
    with tenant_context(committed_tenant.id):
        async with app_sessions() as s, s.begin():
            a, b = [bytes(await s.scalar(text(f"select pnr_enc from {TABLE} where id = :i"), {"i": i})) for i in ids[:2]]
            with pytest.raises(DecryptionFailed):  # row 0's ciphertext in row 1
                await decrypt(s, table=TABLE, column="pnr_enc", row_id=ids[1], ciphertext=a)
            assert await decrypt(s, table=TABLE, column="pnr_enc", row_id=ids[1], ciphertext=b) == NUMBERS[1]
    with tenant_context(tenant_b.id):  # the same row id in another city, which has its own key
        async with db.begin_nested():
            await encrypt(db, table=TABLE, column="pnr_enc", row_id=ids[0], plaintext="x")
            with pytest.raises(DecryptionFailed):
                await decrypt(db, table=TABLE, column="pnr_enc", row_id=ids[0], ciphertext=a)


async def test_rotate_master_rewraps_every_tenant_key(committed_tenant, app_sessions, owner_engine, test_database,
                                                      tmp_path, monkeypatch):
    expected = await seed(app_sessions, committed_tenant)
    old = os.environ["GVI_MASTER_KEY"]
    old_id = master.LocalMasterKey(base64.b64decode(old)).key_id
    key_file = tmp_path / "master.key"
    master.write_key_file(key_file, [base64.b64decode(old)])

    # file mode: a new key is generated, the old one kept until every tenant key is rewrapped, then dropped
    out = gvi(test_database, "keys", "rotate-master", env={"GVI_MASTER_KEY": "", "GVI_MASTER_KEY_FILE": str(key_file)})
    try:
        assert out.returncode == 0, out.stderr
        assert f"{committed_tenant.slug}: 2 keys rewrapped" in out.stdout
        secrets = master.parse_secrets(key_file.read_text())
        assert len(secrets) == 1 and secrets[0] != base64.b64decode(old)
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
        new_id = master.LocalMasterKey(secrets[0]).key_id
        assert {k.master_key_id for k in await key_rows(app_sessions, committed_tenant)} == {new_id}

        # readable by a process that has only the new key
        monkeypatch.setattr(get_settings(), "master_key", base64.b64encode(secrets[0]).decode())
        master.reset_keyring()
        keys.forget()
        with tenant_context(committed_tenant.id):
            async with app_sessions() as s, s.begin():
                assert await read_secrets(s) == expected
    finally:
        # environment mode, back to the suite's key: "NEW,OLD" order = current first
        back = gvi(test_database, "keys", "rotate-master",
                   env={"GVI_MASTER_KEY": f"{old},{key_file.read_text().strip()}"})
        monkeypatch.undo()
        master.reset_keyring()
        keys.forget()
    assert back.returncode == 0, back.stderr
    assert "remove the previous key from GVI_MASTER_KEY" in back.stdout
    assert {k.master_key_id for k in await key_rows(app_sessions, committed_tenant)} == {old_id}
    with tenant_context(committed_tenant.id):
        async with app_sessions() as s, s.begin():
            assert await read_secrets(s) == expected


async def test_cli_rotate_tenant(committed_tenant, app_sessions, test_database):
    await seed(app_sessions, committed_tenant)  # creates key version 1 of both purposes
    out = gvi(test_database, "keys", "rotate-tenant", "--tenant", committed_tenant.slug, "--batch-size", "2")
    assert out.returncode == 0, out.stderr
    assert f"tenant {committed_tenant.slug}: data key v2, index key v2; 2 old keys retired" in out.stdout
    bad = gvi(test_database, "keys", "rotate-tenant", "--tenant", "no-such-city")
    assert bad.returncode == 2 and "not found" in bad.stderr
