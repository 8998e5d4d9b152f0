"""FastAPI dependencies: who is calling (``current_principal``) and may they (``Requires``).

``current_principal`` accepts a session cookie (web UI) or ``Authorization: Bearer <JWT>`` (API
clients), returns a ``domain.identity.principal.Principal`` and sets the request's tenant with
``tenants.context.set_tenant`` — so every database transaction of the request is scoped by RLS to
the tenant of the *verified* session or token. Nothing else (no header, no parameter) sets it.
Every request re-reads the city and the client or user (a suspended city, a revoked client, a
deactivated user are refused at once): an API client's in one round trip that also spends its
rate-limit token (``client_gate``), a session's in one transaction with the session itself.
A missing or invalid credential is a 401 problem+json; a missing permission a 403.
"""

from __future__ import annotations

import secrets
import uuid
from typing import Annotated

import asyncpg
from asgi_correlation_id import correlation_id
from fastapi import Depends, Request
from starlette.exceptions import HTTPException

from api import ratelimit
from api.auth import tokens
from api.auth.state import AuthState, get_auth
from api.db import checkout, on_driver
from domain.access.gate import Gate
from domain.access.viewer import Viewer
from domain.identity import authn, clients, users
from domain.identity import sessions as web_sessions
from domain.identity.models import AccountStatus, SessionStage, WebSession
from domain.identity.permissions import Action, Category, require, role_needs_mfa
from domain.identity.principal import Principal, SubjectKind
from tenants import ratelimit as tenant_ratelimit
from tenants import service as tenant_service
from tenants.context import set_tenant, tenant_context
from tenants.database import refuses_writes, scope_transaction, transaction
from tenants.errors import PermissionDenied
from tenants.models import Tenant, TenantStatus

SESSION_COOKIE = "__Host-gvi_session"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class Unauthorized(HTTPException):
    """401 with a reason the caller can act on (rendered as problem+json by ``api.errors``)."""

    def __init__(self, detail: str, *, bearer: bool = False) -> None:
        header = f'Bearer error="invalid_token", error_description="{detail}"' if bearer else "Bearer"
        super().__init__(401, detail, headers={"WWW-Authenticate": header})


async def bearer_principal(request: Request, token: str) -> Principal:
    auth: AuthState = get_auth(request)
    keyring = auth.keyring
    try:
        claims = tokens.verify_cached(keyring, token, issuer=auth.settings.jwt_issuer, audience=auth.settings.jwt_audience)
    except tokens.TokenRefused as exc:
        # Signed by a key another instance just rotated in? Look at the key files once more.
        fresh = auth.keys.current(recheck=True)
        if fresh is keyring:
            raise Unauthorized(str(exc), bearer=True) from None
        try:
            claims = tokens.verify_cached(fresh, token, issuer=auth.settings.jwt_issuer, audience=auth.settings.jwt_audience)
        except tokens.TokenRefused as again:
            raise Unauthorized(str(again), bearer=True) from None
    tenant_id = uuid.UUID(claims["tid"])
    # The city's status and the client, read fresh on every request (a closed city, a revoked client or
    # a rotated secret stop tokens at once), and the request's rate-limit token: one round trip.
    gate = await client_gate(request, tenant_id, str(claims["sub"]), claims["ver"])
    if gate["tenant_status"] is None:
        raise Unauthorized("access token names an unknown city", bearer=True)
    tenant_service.ensure_open(Tenant(id=tenant_id, slug=gate["tenant_slug"], status=TenantStatus(gate["tenant_status"]),
                                      suspended_at=gate["suspended_at"], suspension_reason=gate["suspension_reason"]))
    if gate["client_pk"] is None:
        raise Unauthorized("access token's client does not exist in the token's city", bearer=True)
    if gate["revoked"]:
        raise Unauthorized("API client has been revoked", bearer=True)
    if claims["ver"] != gate["secret_version"]:
        raise Unauthorized("access token was issued before the client's secret was rotated", bearer=True)
    principal = clients.principal_for(id=gate["client_pk"], client_id=str(claims["sub"]), tenant_id=tenant_id,
                                      held=gate["client_scopes"], scopes=frozenset(str(claims.get("scope", "")).split()))
    ratelimit.spent(request, principal, allowed=gate["allowed"], tokens=gate["tokens"],
                    retry_after=gate.get("retry_after"))
    return principal


_CLIENT_GATE = "select * from gvi_client_gate($1, $2, $3, $4, $5, $6)"


async def client_gate(request: Request, tenant_id: uuid.UUID, client_id: str, version: object) -> dict:
    """The city, the client and the spend of one request token (``gvi_client_gate``, migration 0012).

    On the driver connection, outside any transaction: the statement commits by itself, so the spend
    counts even when the request later fails, and the bucket's row is not locked through the request.
    While the database refuses writes (read-only, disk full), the checks still run there and the token
    comes from this instance's own bucket (as for users: ``api.ratelimit.spend``).
    """
    capacity = ratelimit.limit_for(request.app.state.settings, SubjectKind.api_client)
    args = (tenant_id, client_id, version if isinstance(version, int) else -1, float(capacity),
            capacity / ratelimit.WINDOW_SECONDS)
    try:
        return dict(await _run_gate(request, *args, True))
    except asyncpg.PostgresError as exc:
        if not refuses_writes(exc):
            raise
    gate = dict(await _run_gate(request, *args, False))
    if gate["client_pk"] is not None and not gate["revoked"] and gate["secret_version"] == args[2]:
        decision = ratelimit.local_spend(request, subject=tenant_ratelimit.subject_hash(
            SubjectKind.api_client.value, gate["client_pk"]), capacity=capacity)
        gate["allowed"], gate["retry_after"] = decision.allowed, decision.retry_after
    return gate


async def _run_gate(request: Request, *args: object):
    return await on_driver(request, lambda driver: driver.fetchrow(_CLIENT_GATE, *args))


async def session_row(request: Request) -> tuple[str, WebSession] | None:
    """The raw token and row of the request's session cookie, in whatever stage."""
    auth: AuthState = get_auth(request)
    raw = request.cookies.get(SESSION_COOKIE)
    token = auth.unsign(raw) if raw else None
    if token is None:
        return None
    async with transaction(request.app.state.database.sessions) as s:
        row = await web_sessions.get_valid(s, token, auth.sessions)
    return (token, row) if row is not None else None


def check_csrf(request: Request, row: WebSession) -> None:
    """Synchronizer token: unsafe requests on a cookie session must echo the session's CSRF token."""
    if request.method in SAFE_METHODS:
        return
    sent = request.headers.get(CSRF_HEADER, "")
    if not sent or not secrets.compare_digest(sent, row.csrf_token):
        raise PermissionDenied(f"missing or wrong CSRF token: send the session's token in the {CSRF_HEADER} header")


async def session_principal(request: Request) -> tuple[Principal, WebSession]:
    auth: AuthState = get_auth(request)
    raw = request.cookies.get(SESSION_COOKIE)
    token = auth.unsign(raw) if raw else None
    if token is None:
        raise Unauthorized("not signed in (no valid session)")
    # The session, its city and its account, read fresh on every request, in ONE transaction: it begins
    # without a tenant (sessions are looked up before any is known) and is scoped to the session's city
    # once the row names it. Refusals are raised after the commit, so a sliding expiry still moves.
    tenant = account = None
    async with checkout(request) as conn, transaction(request.app.state.database.sessions, bind=conn) as s:
        row = await web_sessions.get_valid(s, token, auth.sessions)
        if row is not None and row.stage is SessionStage.authenticated:
            with tenant_context(row.subject_tenant_id):
                if row.subject_tenant_id is not None:
                    await scope_transaction(s)
                    tenant = await tenant_service.get(s, row.subject_tenant_id)
                if tenant is None or tenant.status is TenantStatus.active:
                    account = await authn.load_account(s, row.subject_kind, row.subject_id)
    if row is None:
        raise Unauthorized("not signed in (no valid session)")
    if row.stage is not SessionStage.authenticated:
        raise Unauthorized("sign-in not finished: the second factor is still expected at /auth/mfa")
    if tenant is not None:
        tenant_service.ensure_open(tenant)
    if account is None or account.status is not AccountStatus.active:
        raise Unauthorized("this account is no longer active")
    mfa = row.auth_method == "oidc" or account.totp_confirmed_at is not None
    if role_needs_mfa(account.role) and not mfa:
        raise Unauthorized("this role needs a second factor: sign in again")
    return users.principal_for(account, mfa=mfa), row


async def current_principal(request: Request) -> Principal:
    """The verified caller of this request (401 when there is none); scopes the request to its tenant."""
    header = request.headers.get("authorization")
    if header is not None:
        scheme, _, value = header.partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            raise Unauthorized("use 'Authorization: Bearer <access token>'", bearer=True)
        principal = await bearer_principal(request, value.strip())
    else:
        principal, row = await session_principal(request)
        check_csrf(request, row)
    set_tenant(principal.tenant_id)
    request.state.principal = principal
    return principal


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


class Requires:
    """``Depends(Requires(Category.people, Action.read))``: the principal, or 403 when not allowed.

    The category and action stay on the dependency, so tests (and docs) can enumerate what every
    route needs.
    """

    def __init__(self, category: Category, action: Action) -> None:
        self.category = category
        self.action = action

    async def __call__(self, request: Request, principal: CurrentPrincipal) -> Principal:
        # the one authorisation entry point, as in GraphQL: a refusal leaves its ``denied`` audit entry
        database = request.app.state.database
        gate = Gate(Viewer(principal), purpose=request.headers.get("X-GVI-Purpose"), request_id=correlation_id.get(),
                    audit_sessions=database.audit_sessions or database.sessions, purpose_rule=False)
        try:
            await gate.authorize(self.category, self.action)
        except PermissionDenied:
            require(principal, self.category, self.action)  # the same refusal, saying who was refused
            raise
        return principal

    def __repr__(self) -> str:
        return f"Requires({self.category.value}, {self.action.value})"
