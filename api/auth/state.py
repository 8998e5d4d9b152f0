"""What the auth mechanisms of one app instance share (built once in ``create_app``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from fastapi import Request
from itsdangerous import BadSignature, TimestampSigner

from api.auth.keys import KeyRing, KeyRingSource, secret_key
from domain.identity.sessions import SessionPolicy
from domain.identity.throttle import ThrottlePolicy
from tenants.settings import Settings


@dataclass
class AuthState:
    settings: Settings
    secret: bytes
    keys: KeyRingSource
    throttle: ThrottlePolicy
    sessions: SessionPolicy
    signer: TimestampSigner
    oidc_clients: dict = field(default_factory=dict)  # tenant id → (fingerprint, Authlib app)

    @classmethod
    def build(cls, settings: Settings) -> AuthState:
        secret = secret_key(settings)
        return cls(
            settings=settings,
            secret=secret,
            keys=KeyRingSource(settings),
            throttle=ThrottlePolicy(
                secret=secret,
                max_failures=settings.login_max_failures,
                ip_max_failures=settings.login_ip_max_failures,
                window_seconds=settings.login_window_seconds,
                lockout_seconds=settings.login_lockout_seconds,
            ),
            sessions=SessionPolicy(settings.session_idle_seconds, settings.session_absolute_seconds),
            signer=TimestampSigner(secret, salt="gvi.session"),
        )

    @property
    def keyring(self) -> KeyRing:
        """The signing and verification keys now (they follow a rotation by any instance)."""
        return self.keys.current()

    def sign(self, token: str) -> str:
        return self.signer.sign(token).decode()

    def unsign(self, value: str) -> str | None:
        try:
            return self.signer.unsign(value, max_age=self.settings.session_absolute_seconds).decode()
        except BadSignature:
            return None


def get_auth(request: Request) -> AuthState:
    return request.app.state.auth


def client_address(request: Request) -> str | None:
    return request.client.host if request.client else None
