"""API clients of agency systems: client credentials with scopes, revocable, secrets rotatable.

``client_id`` is ``<tenant-slug>.<random>``: the token endpoint reads the city from it, resolves
the city in the registry and then looks the client up *inside* that city's tenant context (no
global directory table, no cross-tenant read). Secrets are shown once and stored as Argon2id hashes.
Rotating a secret bumps ``secret_version``; access tokens carry the version they were issued
under, so tokens issued before a rotation (or a revocation) stop working at once.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.identity import passwords
from domain.identity.models import ApiClient
from domain.identity.permissions import ALL_SCOPES
from domain.identity.principal import Principal, SubjectKind
from tenants.context import require_tenant_id
from tenants.errors import ErrorCollector, NotFound


@dataclass(frozen=True)
class IssuedSecret:
    client: ApiClient
    secret: str  # shown once, never stored


def parse_scopes(scopes: str | list[str] | None) -> list[str]:
    if scopes is None:
        return []
    items = scopes.replace(",", " ").split() if isinstance(scopes, str) else list(scopes)
    return sorted({s.strip() for s in items if s.strip()})


def tenant_slug_of(client_id: str) -> str | None:
    slug, sep, rest = (client_id or "").partition(".")
    return slug if sep and slug and rest else None


async def create(session: AsyncSession, *, tenant_slug: str, name: str, scopes: str | list[str]) -> IssuedSecret:
    tenant_id = require_tenant_id()
    wanted = parse_scopes(scopes)
    errors = ErrorCollector()
    if not (name or "").strip():
        errors.add("name", "required", "must not be empty")
    if not wanted:
        errors.add("scopes", "required", "name at least one scope, e.g. programme:read")
    unknown = [s for s in wanted if s not in ALL_SCOPES]
    if unknown:
        errors.add("scopes", "unknown_scope", f"unknown scope(s) {', '.join(unknown)}; allowed: {', '.join(sorted(ALL_SCOPES))}")
    errors.raise_if_any("Cannot create API client")
    secret = secrets.token_urlsafe(32)
    client = ApiClient(
        id=uuid.uuid4(), tenant_id=tenant_id, client_id=f"{tenant_slug}.{secrets.token_urlsafe(18)}", name=name.strip(),
        secret_hash=await passwords.hash_password(secret), secret_version=1, scopes=wanted,
    )
    session.add(client)
    await session.flush()
    return IssuedSecret(client, secret)


async def find(session: AsyncSession, client_id: str) -> ApiClient | None:
    """A client of the current tenant (RLS)."""
    return await session.scalar(select(ApiClient).where(ApiClient.client_id == client_id))


async def require(session: AsyncSession, client_id: str) -> ApiClient:
    client = await find(session, client_id)
    if client is None:
        raise NotFound.single("client_id", "unknown_client", f"no API client {client_id!r} in this city")
    return client


async def list_all(session: AsyncSession) -> list[ApiClient]:
    return list(await session.scalars(select(ApiClient).order_by(ApiClient.created_at)))


async def rotate(session: AsyncSession, client: ApiClient) -> IssuedSecret:
    secret = secrets.token_urlsafe(32)
    client.secret_hash = await passwords.hash_password(secret)
    client.secret_version += 1
    client.secret_rotated_at = datetime.now(UTC)
    await session.flush()
    return IssuedSecret(client, secret)


async def revoke(session: AsyncSession, client: ApiClient) -> None:
    if client.revoked_at is None:
        client.revoked_at = datetime.now(UTC)
        await session.flush()


def principal_for(*, id: uuid.UUID, client_id: str, tenant_id: uuid.UUID, held: list[str],
                  scopes: frozenset[str]) -> Principal:
    """The client as a principal with the token's scopes, narrowed to what the client still holds."""
    return Principal(kind=SubjectKind.api_client, id=id, name=client_id, tenant_id=tenant_id,
                     scopes=frozenset(scopes) & frozenset(held))
