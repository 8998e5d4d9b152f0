from datetime import date

import pytest

from domain.people.identity_number import InvalidIdentityNumber, luhn_check_digit, parse
from domain.people.models import IdentityKind

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("value", "normalised", "kind", "born"),
    [
        ("19121212-1212", "191212121212", IdentityKind.personnummer, date(1912, 12, 12)),
        ("191212121212", "191212121212", IdentityKind.personnummer, date(1912, 12, 12)),
        ("121212+1212", "191212121212", IdentityKind.personnummer, date(1912, 12, 12)),  # '+': 100 or older
        ("121212-1212", "201212121212", IdentityKind.personnummer, date(2012, 12, 12)),
        ("811228-9874", "198112289874", IdentityKind.personnummer, date(1981, 12, 28)),
        ("8112289874", "198112289874", IdentityKind.personnummer, date(1981, 12, 28)),
        ("670919-9530", "196709199530", IdentityKind.personnummer, date(1967, 9, 19)),
        ("701063-2391", "197010632391", IdentityKind.samordningsnummer, date(1970, 10, 3)),  # day 63 = 3 + 60
        ("19701063-2391", "197010632391", IdentityKind.samordningsnummer, date(1970, 10, 3)),
    ],
)
def test_published_vectors(value, normalised, kind, born):
    parsed = parse(value, today=TODAY)
    assert (parsed.normalised, parsed.kind, parsed.birth_date) == (normalised, kind, born)


def test_check_digit_computed():
    assert luhn_check_digit("121212121") == 2
    assert luhn_check_digit("811228987") == 4
    assert luhn_check_digit("670919953") == 0
    assert luhn_check_digit("701063239") == 1


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("19121212-1213", "invalid_check_digit"),
        ("811228-9875", "invalid_check_digit"),
        ("701063-2392", "invalid_check_digit"),
        ("811328-9873", "invalid_date"),  # month 13
        ("810230-1234", "invalid_date"),  # 30 February
        ("701093-2390", "invalid_date"),  # co-ordination day 93 → 33
        ("19121212+1212", "invalid_format"),  # '+' only in the 10-digit form
        ("8112289", "invalid_format"),
        ("81-12-28-9874", "invalid_format"),
        ("abcdefghij", "invalid_format"),
        ("20301212-1212", "future_date"),
    ],
)
def test_invalid(value, code):
    with pytest.raises(InvalidIdentityNumber) as exc:
        parse(value, today=TODAY)
    assert exc.value.code == code


def test_century_rules_for_ten_digits():
    assert parse("000229-0005" if luhn_check_digit("000229000") == 5 else f"000229-000{luhn_check_digit('000229000')}",
                 today=TODAY).birth_date == date(2000, 2, 29)
    # a ten-digit number is never in the future: 27-11-25 is read as 1927 on 2026-11-25
    nine = "271125123"
    assert parse(f"{nine[:6]}-{nine[6:]}{luhn_check_digit(nine)}", today=TODAY).birth_date.year == 1927
    nine = "261125123"
    assert parse(f"{nine[:6]}-{nine[6:]}{luhn_check_digit(nine)}", today=TODAY).birth_date.year == 2026
