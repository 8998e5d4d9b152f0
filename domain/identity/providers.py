"""A city's OpenID Connect identity provider and how its claims map to roles."""

from __future__ import annotations

import uuid
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.identity.models import IdentityProvider
from domain.identity.principal import CITY_ROLES, Role
from domain.organisations.models import Organisation
from tenants import crypto
from tenants.context import require_tenant_id
from tenants.errors import ErrorCollector

_SECRET = {"table": "identity_providers", "column": "client_secret_ciphertext"}


async def get(session: AsyncSession) -> IdentityProvider | None:
    """The current city's provider (RLS)."""
    return await session.scalar(select(IdentityProvider))


async def client_secret(session: AsyncSession, idp: IdentityProvider) -> str:
    """The provider's client secret in clear (decrypted with the city's key)."""
    return await crypto.decrypt(session, **_SECRET, row_id=idp.id, ciphertext=idp.client_secret_ciphertext)


def _valid_issuer(issuer: str, allow_http: bool) -> bool:
    parts = urlsplit(issuer or "")
    if not parts.hostname or parts.query or parts.fragment:
        return False
    if parts.scheme == "https":
        return True
    return parts.scheme == "http" and (allow_http or parts.hostname in ("localhost", "127.0.0.1", "::1"))


async def configure(
    session: AsyncSession,
    *,
    issuer: str,
    client_id: str,
    client_secret: str | None,
    role_mapping: dict[str, str],
    organisation_id: uuid.UUID,
    role_claim: str = "groups",
    scopes: str = "openid profile email",
    allow_http: bool = False,
) -> IdentityProvider:
    """Create or replace the current city's provider (validated before anything is written)."""
    tenant_id = require_tenant_id()
    existing = await get(session)
    errors = ErrorCollector()
    if not _valid_issuer(issuer, allow_http):
        errors.add("issuer", "invalid_issuer", "must be an https URL (http only for a provider on this machine)")
    if not (client_id or "").strip():
        errors.add("client_id", "required", "must not be empty")
    if not client_secret and existing is None:
        errors.add("client_secret", "required", "must not be empty")
    if "openid" not in (scopes or "").split():
        errors.add("scopes", "openid_required", "must include openid")
    if not role_mapping:
        errors.add("role_mapping", "required", "map at least one claim value to a role, e.g. gvi-analysts=analyst")
    for value, role in (role_mapping or {}).items():
        if role not in {r.value for r in CITY_ROLES}:
            errors.add("role_mapping", "invalid_role", f"{value!r} maps to {role!r}, not a city role")
    if await session.get(Organisation, (tenant_id, organisation_id)) is None:
        errors.add("organisation", "unknown_organisation", "no such partner organisation in this city")
    errors.raise_if_any("Cannot configure identity provider")
    idp = existing or IdentityProvider(id=uuid.uuid4(), tenant_id=tenant_id)
    idp.issuer = issuer.rstrip("/")
    idp.client_id = client_id.strip()
    if client_secret:
        idp.client_secret_ciphertext = await crypto.encrypt(session, **_SECRET, row_id=idp.id, plaintext=client_secret)
    idp.role_mapping = dict(role_mapping)
    idp.role_claim = role_claim
    idp.scopes = scopes
    idp.organisation_id = organisation_id
    idp.enabled = True
    if existing is None:
        session.add(idp)
    await session.flush()
    return idp


def map_role(idp: IdentityProvider, claims: dict) -> Role | None:
    """The most privileged mapped role among the claim's values (None: no mapping applies)."""
    raw = claims.get(idp.role_claim)
    values = raw if isinstance(raw, list) else [raw] if raw is not None else []
    order = ["coordinator", "analyst", "caseworker", "outreach", "auditor", "viewer"]
    roles = {idp.role_mapping[str(v)] for v in values if str(v) in idp.role_mapping}
    for name in order:
        if name in roles:
            return Role(name)
    return None
