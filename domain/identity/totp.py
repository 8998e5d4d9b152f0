"""Time-based one-time passwords (RFC 6238, via pyotp): 6 digits, 30 s, ±1 step, no replay."""

from __future__ import annotations

import base64
import hashlib
import hmac
import time

import pyotp

ISSUER = "GVI Sluta skjut"
STEP = 30


def new_secret() -> str:
    return pyotp.random_base32()


def demo_secret(seed: str) -> str:
    """A deterministic secret for a demo account (never for a real one)."""
    digest = hmac.new(b"gvi-demo-totp", seed.encode(), hashlib.sha256).digest()[:20]
    return base64.b32encode(digest).decode()


def provisioning_uri(secret: str, account_name: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=account_name, issuer_name=ISSUER)


def current_code(secret: str, at: float | None = None) -> str:
    return pyotp.TOTP(secret).at(at if at is not None else time.time())


def verify(secret: str, code: str, last_step: int | None, at: float | None = None) -> int | None:
    """The accepted time step, or None. A step at or before ``last_step`` is refused (replay)."""
    code = (code or "").strip().replace(" ", "")
    if not code.isdigit() or len(code) != 6:
        return None
    totp = pyotp.TOTP(secret)
    now_step = int((at if at is not None else time.time()) // STEP)
    for step in (now_step - 1, now_step, now_step + 1):
        if last_step is not None and step <= last_step:
            continue
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None
