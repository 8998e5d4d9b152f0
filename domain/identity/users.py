"""City and national accounts: creating, finding, disabling, resetting the second factor.

City accounts are read and written under the city's tenant context (RLS); national accounts live
in a global table. Passwords follow ``passwords.check``; roles that reach person data must use TOTP
(``permissions.role_needs_mfa``).
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from domain.identity import passwords, totp
from domain.identity.models import AccountStatus, NationalUser, User
from domain.identity.permissions import role_needs_mfa
from domain.identity.principal import CITY_ROLES, NATIONAL_ROLES, Principal, Role, SubjectKind
from domain.organisations.models import Organisation
from tenants import crypto
from tenants.context import require_tenant_id
from tenants.errors import Conflict, ErrorCollector, NotFound, PermissionDenied

USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._@-]{1,99}$")

Account = User | NationalUser


def normalise_username(username: str) -> str:
    return (username or "").strip().lower()


def _validate_common(errors: ErrorCollector, username: str, display_name: str) -> None:
    if not USERNAME_RE.match(username):
        errors.add("username", "invalid_format", "must be 2–100 characters: a–z, digits, '.', '_', '@', '-'")
    if not (display_name or "").strip():
        errors.add("display_name", "required", "must not be empty")
    elif len(display_name) > 200:
        errors.add("display_name", "too_long", "must be at most 200 characters")


def _parse_role(errors: ErrorCollector, role: str | Role, allowed: frozenset[Role]) -> Role | None:
    try:
        parsed = Role(role)
    except ValueError:
        parsed = None
    if parsed is None or parsed not in allowed:
        names = ", ".join(sorted(r.value for r in allowed))
        errors.add("role", "invalid_role", f"{role!r} is not one of: {names}")
        return None
    return parsed


async def create_user(
    session: AsyncSession,
    *,
    username: str,
    display_name: str,
    organisation_id: uuid.UUID,
    role: str | Role,
    password: str | None,
    city_name: str = "",
    is_demo: bool = False,
    totp_secret: str | None = None,
    oidc_subject: str | None = None,
) -> User:
    """Create a city user in the current tenant. Every field is validated before anything is written."""
    tenant_id = require_tenant_id()
    username = normalise_username(username)
    errors = ErrorCollector()
    _validate_common(errors, username, display_name)
    parsed = _parse_role(errors, role, CITY_ROLES)
    if password is not None:
        for problem in passwords.problems(password, context=(username, city_name)):
            errors.add("password", "weak_password", problem)
    org = await session.get(Organisation, (tenant_id, organisation_id)) if organisation_id else None
    if org is None:
        errors.add("organisation", "unknown_organisation", "no such partner organisation in this city")
    if not errors.errors and await find_user(session, username) is not None:
        errors.add("username", "already_exists", f"a user named {username!r} already exists in this city")
    errors.raise_if_any("Cannot create user")
    user = User(
        id=uuid.uuid4(), tenant_id=tenant_id, username=username, display_name=display_name.strip(),
        organisation_id=organisation_id, role=parsed, status=AccountStatus.active, is_demo=is_demo,
        password_hash=await passwords.hash_password(password) if password is not None else None,
        totp_confirmed_at=datetime.now(UTC) if totp_secret else None, oidc_subject=oidc_subject,
    )
    await write_totp_secret(session, user, totp_secret)
    session.add(user)
    try:
        async with session.begin_nested():
            await session.flush()
    except IntegrityError as exc:
        raise Conflict.single("username", "already_exists", f"a user named {username!r} already exists in this city") from exc
    return user


async def create_national_user(
    session: AsyncSession,
    *,
    username: str,
    display_name: str,
    role: str | Role,
    password: str,
    is_demo: bool = False,
    totp_secret: str | None = None,
) -> NationalUser:
    username = normalise_username(username)
    errors = ErrorCollector()
    _validate_common(errors, username, display_name)
    parsed = _parse_role(errors, role, NATIONAL_ROLES)
    for problem in passwords.problems(password, context=(username,)):
        errors.add("password", "weak_password", problem)
    if not errors.errors and await find_national_user(session, username) is not None:
        errors.add("username", "already_exists", f"a national user named {username!r} already exists")
    errors.raise_if_any("Cannot create national user")
    user = NationalUser(
        id=uuid.uuid4(), username=username, display_name=display_name.strip(), role=parsed,
        status=AccountStatus.active, is_demo=is_demo, password_hash=await passwords.hash_password(password),
        totp_secret=totp_secret, totp_confirmed_at=datetime.now(UTC) if totp_secret else None,
    )
    session.add(user)
    try:
        async with session.begin_nested():
            await session.flush()
    except IntegrityError as exc:
        raise Conflict.single("username", "already_exists", f"a national user named {username!r} already exists") from exc
    return user


async def find_user(session: AsyncSession, username: str) -> User | None:
    """A city user of the current tenant (RLS: other cities' users are invisible)."""
    return await session.scalar(select(User).where(User.username == normalise_username(username)))


async def find_by_oidc_subject(session: AsyncSession, subject: str) -> User | None:
    """The city user a single sign-on subject (``issuer sub``) signed in as before."""
    return await session.scalar(select(User).where(User.oidc_subject == subject))


async def find_national_user(session: AsyncSession, username: str) -> NationalUser | None:
    return await session.scalar(select(NationalUser).where(NationalUser.username == normalise_username(username)))


async def get_user(session: AsyncSession, user_id: uuid.UUID) -> User | None:
    tenant_id = require_tenant_id()
    return await session.get(User, (tenant_id, user_id))


async def get_national_user(session: AsyncSession, user_id: uuid.UUID) -> NationalUser | None:
    return await session.get(NationalUser, user_id)


async def require_account(session: AsyncSession, username: str, *, national: bool) -> Account:
    account = await (find_national_user(session, username) if national else find_user(session, username))
    if account is None:
        raise NotFound.single("username", "unknown_user", f"no user named {normalise_username(username)!r}")
    return account


async def disable(session: AsyncSession, account: Account) -> None:
    account.status = AccountStatus.disabled
    await session.flush()


async def enable(session: AsyncSession, account: Account) -> None:
    account.status = AccountStatus.active
    await session.flush()


def refuse_self(actor_id: uuid.UUID | None, account: Account, field: str, what: str) -> None:
    """A coordinator never locks themselves out: the city would be left without anyone to undo it."""
    if actor_id is not None and account.id == actor_id:
        raise PermissionDenied.single(field, "own_account", f"you cannot {what} your own account")


async def set_role(session: AsyncSession, user: User, role: str | Role) -> User:
    """Give a city user another city role (a role that reaches person data enrols TOTP at the next sign-in)."""
    errors = ErrorCollector()
    parsed = _parse_role(errors, role, CITY_ROLES)
    errors.raise_if_any("Cannot change role")
    user.role = parsed
    await session.flush()
    return user


async def reset_mfa(session: AsyncSession, account: Account) -> None:
    """Forget the second factor: the next sign-in enrols a new one."""
    await write_totp_secret(session, account, None)
    account.totp_confirmed_at = None
    account.totp_last_step = None
    await session.flush()


def needs_second_factor(account: Account) -> bool:
    """TOTP is required for roles that reach person data, and for anyone who has enrolled."""
    return role_needs_mfa(account.role) or account.totp_confirmed_at is not None


_TOTP_COLUMN = {"table": "users", "column": "totp_secret_ciphertext"}


async def read_totp_secret(session: AsyncSession, account: Account) -> str | None:
    """The account's TOTP secret in clear (a city user's is decrypted with the city's key)."""
    if isinstance(account, User):
        if account.totp_secret_ciphertext is None:
            return None
        return await crypto.decrypt(session, **_TOTP_COLUMN, row_id=account.id, ciphertext=account.totp_secret_ciphertext)
    return account.totp_secret


async def write_totp_secret(session: AsyncSession, account: Account, secret: str | None) -> None:
    if isinstance(account, User):
        account.totp_secret_ciphertext = None if secret is None else await crypto.encrypt(
            session, **_TOTP_COLUMN, row_id=account.id, plaintext=secret)
    else:
        account.totp_secret = secret


async def start_enrolment(session: AsyncSession, account: Account) -> str:
    """Give an account that has no confirmed second factor a fresh secret (until confirmed)."""
    if account.totp_confirmed_at is None:
        await write_totp_secret(session, account, totp.new_secret())
    return await read_totp_secret(session, account)


async def check_code(session: AsyncSession, account: Account, code: str) -> bool:
    """Verify a TOTP code (no replay); confirms a pending enrolment."""
    secret = await read_totp_secret(session, account)
    if not secret:
        return False
    step = totp.verify(secret, code, account.totp_last_step)
    if step is None:
        return False
    account.totp_last_step = step
    if account.totp_confirmed_at is None:
        account.totp_confirmed_at = datetime.now(UTC)
    return True


def principal_for(account: Account, *, mfa: bool) -> Principal:
    if isinstance(account, User):
        return Principal(kind=SubjectKind.user, id=account.id, name=account.username, tenant_id=account.tenant_id,
                         organisation_id=account.organisation_id, role=account.role, mfa=mfa)
    return Principal(kind=SubjectKind.national_user, id=account.id, name=account.username, role=account.role, mfa=mfa)
