"""Signing in with a local account: tenant resolution, throttling, password, second factor.

The login form names the city (tenant slug) and the username. The city is resolved from the
registry, then the account is looked up *inside* that city's tenant context, so a sign-in never
reads another city's rows. National accounts sign in without a city.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.identity import passwords, throttle, totp, users
from domain.identity.errors import AuthenticationFailed, LockedOut
from domain.identity.models import AccountStatus, SessionStage
from domain.identity.principal import SubjectKind
from domain.identity.throttle import ThrottlePolicy
from tenants import service as tenant_service
from tenants.context import tenant_context
from tenants.database import transaction
from tenants.models import Tenant

WRONG_CREDENTIALS = "wrong username or password"


@dataclass(frozen=True)
class LoginOutcome:
    kind: SubjectKind
    subject_id: uuid.UUID
    tenant_id: uuid.UUID | None
    username: str
    stage: SessionStage
    totp_uri: str | None = None  # enrolment: the otpauth:// URI to scan into an authenticator app


def _locked(until: datetime) -> LockedOut:
    return LockedOut(f"too many failed sign-ins: try again after {until.astimezone(UTC):%H:%M:%S} UTC", until)


async def resolve_tenant(sessions: async_sessionmaker[AsyncSession], slug: str) -> Tenant:
    """The city a sign-in or token request names; suspended and offboarded cities are refused."""
    async with transaction(sessions) as s:
        tenant = await tenant_service.get_by_slug(s, (slug or "").strip().lower())
    if tenant is None:
        raise AuthenticationFailed(f"no city named {slug!r} on this platform")
    ensure_tenant_open(tenant)
    return tenant


def ensure_tenant_open(tenant: Tenant) -> None:
    tenant_service.ensure_open(tenant)


def _stage(account: users.Account) -> SessionStage:
    if not users.needs_second_factor(account):
        return SessionStage.authenticated
    if account.totp_confirmed_at is None:
        return SessionStage.mfa_enrolment
    return SessionStage.mfa_required


async def password_login(
    sessions: async_sessionmaker[AsyncSession],
    policy: ThrottlePolicy,
    *,
    tenant_slug: str | None,
    username: str,
    password: str,
    address: str | None,
) -> LoginOutcome:
    tenant = await resolve_tenant(sessions, tenant_slug) if tenant_slug else None
    tenant_id = tenant.id if tenant else None
    username = users.normalise_username(username)
    account_key, ip_key = policy.account_key(tenant_id, username), policy.ip_key(address)
    with tenant_context(tenant_id):
        async with transaction(sessions) as s:
            until = await throttle.locked_until(s, [account_key, ip_key])
        if until is not None:
            raise _locked(until)
        async with transaction(sessions) as s:
            account = await (users.find_user(s, username) if tenant else users.find_national_user(s, username))
            ok = await passwords.verify_password(account.password_hash if account else None, password or "")
            if ok and account is not None:
                if account.status is not AccountStatus.active:
                    raise AuthenticationFailed("this account is disabled")
                if passwords.needs_rehash(account.password_hash):
                    account.password_hash = await passwords.hash_password(password)
                stage = _stage(account)
                uri = None
                if stage is SessionStage.mfa_enrolment:
                    secret = await users.start_enrolment(s, account)
                    label = f"{account.username}@{tenant.slug}" if tenant else account.username
                    uri = totp.provisioning_uri(secret, label)
                elif stage is SessionStage.authenticated:
                    # failures are forgiven only once fully signed in (else the password step would
                    # reset the count of wrong TOTP codes)
                    await throttle.clear(s, account_key)
                    account.last_login_at = datetime.now(UTC)
                await s.flush()
                return LoginOutcome(account.kind, account.id, tenant_id, account.username, stage, uri)
        # The failure is recorded in its own committed transaction.
        async with transaction(sessions) as s:
            until = await throttle.record_failed_attempt(s, policy, account_key, ip_key)
    if until is not None:
        raise _locked(until)
    raise AuthenticationFailed(WRONG_CREDENTIALS)


async def load_account(session: AsyncSession, kind: SubjectKind, subject_id: uuid.UUID) -> users.Account | None:
    """The account behind a session, read in the caller's tenant context."""
    if kind is SubjectKind.user:
        return await users.get_user(session, subject_id)
    if kind is SubjectKind.national_user:
        return await users.get_national_user(session, subject_id)
    return None


async def second_factor(
    sessions: async_sessionmaker[AsyncSession],
    policy: ThrottlePolicy,
    *,
    kind: SubjectKind,
    subject_id: uuid.UUID,
    tenant_id: uuid.UUID | None,
    code: str,
    address: str | None,
) -> users.Account:
    """Check a TOTP code for a session whose password step passed (confirms a pending enrolment)."""
    ip_key = policy.ip_key(address)
    with tenant_context(tenant_id):
        async with transaction(sessions) as s:
            account = await load_account(s, kind, subject_id)
            if account is None or account.status is not AccountStatus.active:
                raise AuthenticationFailed("this account is no longer active")
            account_key = policy.account_key(tenant_id, account.username)
            until = await throttle.locked_until(s, [account_key, ip_key])
            if until is not None:
                raise _locked(until)
            if await users.check_code(s, account, code):
                await throttle.clear(s, account_key)
                account.last_login_at = datetime.now(UTC)
                await s.flush()
                return account
        async with transaction(sessions) as s:
            until = await throttle.record_failed_attempt(s, policy, account_key, ip_key)
    if until is not None:
        raise _locked(until)
    raise AuthenticationFailed("wrong or already used code")
