import uuid

from domain.audit.pii import contains_identity_number, find_identity_numbers

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
