"""Accounts, API clients, identity providers, login throttling and web sessions.

Tenant tables (RLS): ``users``, ``api_clients``, ``identity_providers``.
Global tables (listed in ``tenants.rls.GLOBAL_TABLES`` with their reason): ``national_users`` (no
tenant by definition), ``login_throttle`` (keyed by hashes only) and ``web_sessions`` (looked up
from the cookie before any tenant is known; ids only, no person data).
"""

from __future__ import annotations

import enum
import uuid
from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    Enum,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    UniqueConstraint,
    Uuid,
    func,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from domain.identity.principal import CITY_ROLES, NATIONAL_ROLES, Role, SubjectKind
from tenants.crypto import registry as crypto_registry
from tenants.rls import Base, TenantScoped, tenant_fk


class AccountStatus(str, enum.Enum):
    active = "active"
    disabled = "disabled"


def _role_check(roles) -> str:
    return "role in (" + ", ".join(f"'{r.value}'" for r in sorted(roles, key=lambda r: r.value)) + ")"


def _enum(cls, name: str, length: int = 30) -> Enum:
    return Enum(cls, name=name, native_enum=False, length=length, validate_strings=True)


class _Account:
    """Columns every local account has (city and national)."""

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    username: Mapped[str] = mapped_column(String(100))  # lower-case
    display_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str | None] = mapped_column(String(200))  # Argon2id; None = single sign-on only
    # The TOTP secret (set at enrolment, confirmed by the first valid code) is a column of each class.
    totp_confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    totp_last_step: Mapped[int | None] = mapped_column(Integer)  # replay protection: last accepted time step
    status: Mapped[AccountStatus] = mapped_column(_enum(AccountStatus, "account_status", 20), default=AccountStatus.active)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class User(_Account, TenantScoped, Base):
    """A city user: one tenant, one partner organisation, one city role."""

    __tablename__ = "users"
    __table_args__ = (
        UniqueConstraint("tenant_id", "username"),
        UniqueConstraint("tenant_id", "oidc_subject"),
        tenant_fk("organisation_id", "organisations"),
        CheckConstraint(_role_check(CITY_ROLES), name="city_role"),
        CheckConstraint("username = lower(username)", name="username_lower"),
    )

    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    role: Mapped[Role] = mapped_column(_enum(Role, "user_role"))
    # "<issuer> <sub>" of a user provisioned by single sign-on
    oidc_subject: Mapped[str | None] = mapped_column(String(600))
    # The TOTP secret, encrypted with the city's data key (tenants.crypto; bound to this row and column).
    totp_secret_ciphertext: Mapped[bytes | None] = mapped_column(LargeBinary)

    kind = SubjectKind.user


crypto_registry.register("users", "totp_secret_ciphertext")  # re-encrypted by key rotation


class NationalUser(_Account, Base):
    """A national user (coordinator, evaluator, platform admin): no tenant."""

    __tablename__ = "national_users"
    __table_args__ = (
        UniqueConstraint("username"),
        CheckConstraint(_role_check(NATIONAL_ROLES), name="national_role"),
        CheckConstraint("username = lower(username)", name="username_lower"),
    )

    role: Mapped[Role] = mapped_column(_enum(Role, "national_role"))
    # National accounts have no city, hence no city key: their TOTP secret is stored as is (base32).
    totp_secret: Mapped[str | None] = mapped_column(String(64))

    kind = SubjectKind.national_user
    tenant_id = None
    organisation_id = None


class ApiClient(TenantScoped, Base):
    """An agency system of one city, authenticating with client credentials."""

    __tablename__ = "api_clients"
    __table_args__ = (
        # "<tenant-slug>.<random>": the token endpoint finds the tenant before it looks the client up
        UniqueConstraint("client_id"),
        CheckConstraint(r"client_id ~ '^[a-z][a-z0-9-]{1,39}\.[A-Za-z0-9_-]{16,}$'", name="client_id_format"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    client_id: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(200))
    secret_hash: Mapped[str] = mapped_column(String(200))  # Argon2id of the secret
    secret_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")  # tokens carry it
    scopes: Mapped[list[str]] = mapped_column(ARRAY(String(60)))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    secret_rotated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


class IdentityProvider(TenantScoped, Base):
    """A city's OpenID Connect provider (one per city)."""

    __tablename__ = "identity_providers"
    __table_args__ = (
        UniqueConstraint("tenant_id", name="uq_identity_providers_one_per_tenant"),
        tenant_fk("organisation_id", "organisations"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    issuer: Mapped[str] = mapped_column(String(500))
    client_id: Mapped[str] = mapped_column(String(200))
    # the secret the provider issued to the platform, encrypted with the city's data key
    client_secret_ciphertext: Mapped[bytes] = mapped_column(LargeBinary)
    scopes: Mapped[str] = mapped_column(String(300), default="openid profile email", server_default="openid profile email")
    role_claim: Mapped[str] = mapped_column(String(100), default="groups", server_default="groups")
    # claim value → role, e.g. {"gvi-analysts": "analyst"}; a user none of whose values is mapped is refused
    role_mapping: Mapped[dict[str, str]] = mapped_column(JSON)
    # the partner organisation users signing in through this provider belong to
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True, server_default="true")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(), onupdate=func.now())


crypto_registry.register("identity_providers", "client_secret_ciphertext")


class LoginThrottle(Base):
    """Failed sign-ins per account and per client address, shared by every app instance.

    ``key`` is an HMAC of ``account:<tenant>:<username>`` or ``ip:<address>``: no username or address
    is stored in clear.
    """

    __tablename__ = "login_throttle"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    window_started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class SessionStage(str, enum.Enum):
    mfa_required = "mfa_required"  # password accepted, TOTP code expected
    mfa_enrolment = "mfa_enrolment"  # password accepted, TOTP must be set up first
    authenticated = "authenticated"


class WebSession(Base):
    """A web UI session (server side). The cookie holds a signed random token; ``id`` is its SHA-256."""

    __tablename__ = "web_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    subject_kind: Mapped[SubjectKind] = mapped_column(_enum(SubjectKind, "subject_kind", 20))
    subject_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    # The subject's city (None for national users). Not named tenant_id: this is a global table.
    subject_tenant_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("tenants.id", ondelete="CASCADE"))
    stage: Mapped[SessionStage] = mapped_column(_enum(SessionStage, "session_stage", 20))
    auth_method: Mapped[str] = mapped_column(String(20))  # password | oidc
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
