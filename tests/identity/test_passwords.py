"""Password rules (NIST SP 800-63B) and hashing (Argon2id, OWASP parameters); TOTP."""

from __future__ import annotations

import pytest
from argon2 import extract_parameters

from domain.identity import passwords, totp


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("short pass", "at least 12"),
        ("x" * 129, "at most 128"),
        ("password1234", "commonly used"),
        ("Password123!", "commonly used"),
        ("qwertyuiop!!", "commonly used"),
        ("Sommar2024!!", "commonly used"),
        ("aaaaaaaaaaaaaaa", "repetitive"),
        ("ababababababab", "repetitive"),
    ],
)
def test_refused(password, reason):
    found = passwords.problems(password)
    assert any(reason in p for p in found), found


def test_context_words_are_refused():
    assert any("username" in p for p in passwords.problems("anna.analyst2024", context=("anna.analyst", "Malmö")))


@pytest.mark.parametrize(
    "password",
    [
        "correct horse battery staple",  # a pass phrase: no composition rules
        "alllowercaseisfine",
        "Ünïcödé lösenord är ok",  # any Unicode
        ("the quick brown fox jumps over the lazy dog " * 3)[:128],  # up to 128 characters
        "   spaces   count   ",
    ],
)
def test_accepted(password):
    assert passwords.problems(password) == []


def test_the_list_ships_with_the_package():
    common = passwords.common_passwords()
    assert len(common) > 150 and "password" in common and "lösenord" in common


async def test_argon2id_parameters():
    stored = await passwords.hash_password("correct horse battery staple")
    params = extract_parameters(stored)
    assert params.type.name == "ID"
    assert params.memory_cost >= 19 * 1024 and params.time_cost >= 2 and params.parallelism == 1
    assert await passwords.verify_password(stored, "correct horse battery staple")
    assert not await passwords.verify_password(stored, "correct horse battery stapl")
    assert not await passwords.verify_password(None, "anything")
    # NFKC: the same password typed with a different Unicode composition verifies
    composed = await passwords.hash_password("lösenordet är långt")
    assert await passwords.verify_password(composed, "lo\u0308senordet a\u0308r la\u030angt")


def test_totp_window_and_replay():
    secret = totp.new_secret()
    now = 1_800_000_000.0
    step = int(now // 30)
    assert totp.verify(secret, totp.current_code(secret, now), None, at=now) == step
    assert totp.verify(secret, totp.current_code(secret, now - 30), None, at=now) == step - 1  # clock drift
    assert totp.verify(secret, totp.current_code(secret, now - 90), None, at=now) is None
    assert totp.verify(secret, totp.current_code(secret, now), step, at=now) is None  # replay
    assert totp.verify(secret, "12345", None, at=now) is None
    assert totp.provisioning_uri(secret, "anna@malmo").startswith("otpauth://totp/GVI%20Sluta%20skjut:anna%40malmo?secret=")
