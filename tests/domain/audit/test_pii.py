import uuid

from domain.audit.pii import contains_identity_number, find_identity_numbers
from tests.probes import probe_secrets  # noqa: F401

PNR = "198112189876"  # a valid check digit


def test_finds_identity_numbers_in_their_usual_forms():
    for form in (PNR, "19811218-9876", "811218-9876", "8112189876", "811278-9873"):  # last: co-ordination number
        assert find_identity_numbers(f"x {form} y"), form
    assert contains_identity_number({"note": [f"about {PNR}"]})


def test_ignores_wrong_check_digits_dates_uuids_and_hex():
    assert find_identity_numbers("19811218-9875") == []  # check digit wrong
    assert find_identity_numbers("19811318-9876") == []  # month 13
    assert find_identity_numbers("\\x" + "0123456789" * 8) == []
    assert not any(find_identity_numbers(str(uuid.uuid4())) for _ in range(2000))


async def test_dump_of_encrypted_identity_numbers_holds_none_in_clear(committed_tenant, app_sessions, owner_engine,
                                                                      probe_secrets):  # noqa: F811
    from sqlalchemy import text

    from tenants.context import tenant_context
    from tests.probes import copy_out, insert_secret

    numbers = ["198112189876", "200501012386", "811278-9873"]
    with tenant_context(committed_tenant.id):
        async with app_sessions() as s, s.begin():
            ids = [await insert_secret(s, committed_tenant.id, n) for n in numbers]
    dump = await copy_out(owner_engine, committed_tenant.id, probe_secrets)
    assert dump.count("\n") == 3 and str(ids[0]) in dump
    assert find_identity_numbers(dump) == []

    # the scan does see a number stored in clear (the control)
    with tenant_context(committed_tenant.id):
        async with app_sessions() as s, s.begin():
            await s.execute(text("update probe_secrets set label = :l where id = :i"), {"l": "note 19811218-9876", "i": ids[0]})
    assert find_identity_numbers(await copy_out(owner_engine, committed_tenant.id, probe_secrets)) == ["19811218-9876"]
