"""OpenID Connect single sign-on, one identity provider per city (Authlib's Starlette client).

Authorization code flow with PKCE (S256); Authlib stores ``state``, ``nonce`` and the code verifier
in a short-lived signed cookie scoped to ``/auth/oidc`` and checks them on the callback, along with
the ID token's issuer, audience, expiry and signature. The provider's JWKS is cached per city and
looked up by ``kid`` (one refetch when a ``kid`` is unknown, for the provider's key rotation).
Users are provisioned on first sign-in (``<issuer> <sub>`` identifies them) and their role follows
the provider's claim on every sign-in.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
import warnings
from datetime import UTC, datetime

with warnings.catch_warnings():  # Authlib 1.9 announces a move to httpx2; httpx is what this platform ships
    warnings.filterwarnings("ignore", message="The httpx module is deprecated")
    from authlib.integrations.base_client.errors import MismatchingStateError, OAuthError
    from authlib.integrations.starlette_client import OAuth
import httpx
from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from joserfc.errors import BadSignatureError, ExpiredTokenError, InvalidClaimError, InvalidKeyIdError, JoseError, MissingClaimError
from starlette.exceptions import HTTPException

from api.auth.dependencies import Unauthorized
from api.auth.routes import set_session_cookie
from api.auth.state import AuthState, get_auth
from api.validation import SlugPath
from domain.identity import authn, providers, users
from domain.identity import sessions as web_sessions
from domain.identity.models import AccountStatus, IdentityProvider, SessionStage
from domain.identity.principal import SubjectKind
from tenants.context import tenant_context
from tenants.database import transaction
from tenants.errors import NotFound, PermissionDenied

log = logging.getLogger(__name__)
router = APIRouter(tags=["auth"])

STATE_COOKIE = "gvi_oidc"
STATE_PATH = "/auth/oidc"


def _client(auth: AuthState, idp: IdentityProvider, secret: str):
    """The city's Authlib client, kept while its configuration is unchanged (it caches metadata and JWKS)."""
    fingerprint = (idp.issuer, idp.client_id, hashlib.sha256(secret.encode()).hexdigest(), idp.scopes)
    cached = auth.oidc_clients.get(idp.tenant_id)
    if cached and cached[0] == fingerprint:
        return cached[1]
    oauth = OAuth()
    client = oauth.register(
        name=f"t{idp.tenant_id.hex}",
        client_id=idp.client_id,
        client_secret=secret,
        server_metadata_url=f"{idp.issuer}/.well-known/openid-configuration",
        client_kwargs={"scope": idp.scopes, "code_challenge_method": "S256",
                       "token_endpoint_auth_method": "client_secret_basic"},
    )
    auth.oidc_clients[idp.tenant_id] = (fingerprint, client)
    return client


async def _provider(request: Request, slug: str):
    sessions = request.app.state.database.sessions
    tenant = await authn.resolve_tenant(sessions, slug)
    with tenant_context(tenant.id):
        async with transaction(sessions) as s:
            idp = await providers.get(s)
            secret = await providers.client_secret(s, idp) if idp is not None else ""
    if idp is None or not idp.enabled:
        raise NotFound(f"the city {tenant.slug!r} has no single sign-on configured")
    return tenant, idp, secret


def callback_url(auth: AuthState, slug: str) -> str:
    return f"{auth.settings.public_url.rstrip('/')}{STATE_PATH}/{slug}/callback"


@router.get("/auth/oidc/{tenant}/login")
async def oidc_login(request: Request, tenant: SlugPath):
    """Redirect to the city's identity provider (authorization code + PKCE, state and nonce)."""
    auth = get_auth(request)
    city, idp, secret = await _provider(request, tenant)
    try:
        return await _client(auth, idp, secret).authorize_redirect(request, callback_url(auth, city.slug))
    except httpx.HTTPError as exc:
        log.warning("OIDC provider of %s unreachable: %s", city.slug, type(exc).__name__)
        raise HTTPException(502, "the identity provider could not be reached; try again later") from None


def _refusal(exc: Exception) -> str:
    if isinstance(exc, MismatchingStateError):
        return "sign-in state does not match this browser's sign-in (state)"
    if isinstance(exc, InvalidKeyIdError):
        return "ID token is signed with a key the identity provider does not publish (unknown kid)"
    if isinstance(exc, BadSignatureError):
        return "ID token signature is invalid"
    if isinstance(exc, ExpiredTokenError):
        return "ID token has expired"
    if isinstance(exc, InvalidClaimError | MissingClaimError):
        reason = {"nonce": "nonce does not match this sign-in", "iss": "was issued by another issuer",
                  "aud": "was issued for another client", "azp": "was issued for another client"}
        return f"ID token {reason.get(exc.claim, f'has an invalid {exc.claim} claim')}"
    if isinstance(exc, OAuthError):
        return f"identity provider refused: {exc.error}{': ' + exc.description if exc.description else ''}"
    if isinstance(exc, JoseError):
        return f"ID token refused: {exc.description or exc.error}"
    return "sign-in with the identity provider failed"


def _username(claims: dict) -> str:
    raw = claims.get("preferred_username") or claims.get("email") or claims["sub"]
    name = re.sub(r"[^a-z0-9._@-]", "-", str(raw).lower())[:90].strip("-.") or "user"
    return name if name[0].isalnum() else "u" + name


@router.get("/auth/oidc/{tenant}/callback")
async def oidc_callback(request: Request, tenant: SlugPath):
    """The provider's answer: exchange the code, verify the ID token, provision the user, open a session."""
    auth = get_auth(request)
    city, idp, secret = await _provider(request, tenant)
    client = _client(auth, idp, secret)
    try:
        token = await client.authorize_access_token(request)
    except httpx.HTTPError as exc:
        log.warning("OIDC provider of %s unreachable: %s", city.slug, type(exc).__name__)
        raise HTTPException(502, "the identity provider could not be reached; try again later") from None
    except (OAuthError, JoseError, ValueError, KeyError) as exc:
        log.info("OIDC sign-in refused for %s: %s", city.slug, type(exc).__name__)
        raise Unauthorized(_refusal(exc)) from None
    claims = dict(token.get("userinfo") or {})
    if not claims.get("sub"):
        raise Unauthorized("identity provider returned no ID token")
    if "userinfo_endpoint" in (client.server_metadata or {}) and idp.role_claim not in claims:
        claims.update({k: v for k, v in dict(await client.userinfo(token=token)).items() if k not in ("sub", "iss")})
    role = providers.map_role(idp, claims)
    if role is None:
        raise PermissionDenied(f"your identity provider grants you no role in {city.name}: ask the coordinator "
                               f"to map a value of the '{idp.role_claim}' claim")
    subject = f"{idp.issuer} {claims['sub']}"
    sessions = request.app.state.database.sessions
    with tenant_context(city.id):
        async with transaction(sessions) as s:
            user = await users.find_by_oidc_subject(s, subject)
            if user is None:
                username = _username(claims)
                if await users.find_user(s, username) is not None:
                    username = f"{username[:80]}-{secrets.token_hex(3)}"
                user = await users.create_user(
                    s, username=username, display_name=str(claims.get("name") or username),
                    organisation_id=idp.organisation_id, role=role, password=None, oidc_subject=subject)
            elif user.status is not AccountStatus.active:
                raise Unauthorized("this account is disabled")
            else:
                user.role = role
            user.last_login_at = datetime.now(UTC)
            await s.flush()
            token_value, _ = await web_sessions.create(s, kind=SubjectKind.user, subject_id=user.id, tenant_id=city.id,
                                                       stage=SessionStage.authenticated, auth_method="oidc",
                                                       policy=auth.sessions)
    response = RedirectResponse("/", status_code=303)
    set_session_cookie(response, auth, token_value)
    return response
