"""Sign-in routes of the web UI (password + TOTP, sessions) and the public key material."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ValidationError
from starlette.exceptions import HTTPException

from api.auth.dependencies import SESSION_COOKIE, CurrentPrincipal, Unauthorized, check_csrf, session_row
from api.auth.state import AuthState, client_address, get_auth
from api.errors import problem
from api.validation import Text
from domain.identity import authn
from domain.identity import sessions as web_sessions
from domain.identity.errors import LockedOut
from domain.identity.models import SessionStage
from domain.identity.permissions import Action, Category, access
from domain.identity.principal import SubjectKind
from tenants import service as tenant_service
from tenants.database import transaction
from tenants.errors import FieldError, ValidationFailed

router = APIRouter(tags=["auth"])


class LoginBody(BaseModel):
    tenant: Text(40) | None = None  # the city's slug; empty for national accounts
    username: Text(200)
    password: Text(1000)


class CodeBody(BaseModel):
    code: Text(20)


async def _body(request: Request, model: type[BaseModel]):
    """A JSON object validated into ``model`` (422 problem+json otherwise).

    JSON only: a browser sends a cross-site form post without asking, but never a cross-site JSON
    post (that needs a CORS preflight this app never grants) — so no other site can sign a visitor in
    to an account of its choosing (login CSRF).
    """
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
        raise HTTPException(415, "send the body as application/json")
    try:
        data = await request.json()
    except (ValueError, RecursionError):  # not JSON, not UTF-8, nested too deeply
        raise ValidationFailed.single("body", "invalid_json", "is not valid JSON") from None
    if not isinstance(data, dict):
        raise ValidationFailed.single("body", "not_an_object", "must be a JSON object")
    try:
        return model.model_validate(data if isinstance(data, dict) else {})
    except ValidationError as exc:
        errors = [FieldError(".".join(str(p) for p in e["loc"]) or "body", e["type"], e["msg"]) for e in exc.errors()]
        raise ValidationFailed("; ".join(f"{e.field}: {e.message}" for e in errors), errors) from None


def set_session_cookie(response: Response, auth: AuthState, token: str) -> None:
    response.set_cookie(SESSION_COOKIE, auth.sign(token), max_age=auth.settings.session_absolute_seconds,
                        httponly=True, secure=True, samesite="lax", path="/")


def _locked(exc: LockedOut) -> JSONResponse:
    seconds = max(1, int((exc.until - datetime.now(UTC)).total_seconds()))
    return problem(429, "Too many requests", exc.message, headers={"Retry-After": str(seconds)})


@router.post("/auth/login")
async def login(request: Request) -> JSONResponse:
    """Password step. Answers the next stage: ``authenticated``, ``mfa_required`` or ``mfa_enrolment``."""
    auth = get_auth(request)
    body: LoginBody = await _body(request, LoginBody)
    database = request.app.state.database
    try:
        outcome = await authn.password_login(database.sessions, auth.throttle, tenant_slug=body.tenant or None,
                                             username=body.username, password=body.password,
                                             address=client_address(request))
    except LockedOut as exc:
        return _locked(exc)
    previous = auth.unsign(request.cookies.get(SESSION_COOKIE, "")) if request.cookies.get(SESSION_COOKIE) else None
    async with transaction(database.sessions) as s:
        await web_sessions.purge_expired(s)
        if previous:  # signing in again ends the browser's previous session
            await web_sessions.delete_token(s, previous)
        token, row = await web_sessions.create(s, kind=outcome.kind, subject_id=outcome.subject_id,
                                               tenant_id=outcome.tenant_id, stage=outcome.stage,
                                               auth_method="password", policy=auth.sessions)
    payload = {"stage": row.stage.value, "csrf_token": row.csrf_token}
    if outcome.totp_uri:
        payload["totp_uri"] = outcome.totp_uri
    response = JSONResponse(payload, headers={"Cache-Control": "no-store"})
    set_session_cookie(response, auth, token)
    return response


@router.post("/auth/mfa")
async def mfa(request: Request) -> JSONResponse:
    """Second factor: a 6-digit TOTP code (confirms the enrolment when one is pending)."""
    auth = get_auth(request)
    found = await session_row(request)
    if found is None:
        raise Unauthorized("no sign-in in progress: start at /auth/login")
    _, row = found
    check_csrf(request, row)
    if row.stage is SessionStage.authenticated:
        return JSONResponse({"stage": row.stage.value, "csrf_token": row.csrf_token})
    body: CodeBody = await _body(request, CodeBody)
    database = request.app.state.database
    try:
        await authn.second_factor(database.sessions, auth.throttle, kind=row.subject_kind, subject_id=row.subject_id,
                                  tenant_id=row.subject_tenant_id, code=body.code, address=client_address(request))
    except LockedOut as exc:
        return _locked(exc)
    async with transaction(database.sessions) as s:
        current = await s.get(type(row), row.id)
        if current is None:
            raise Unauthorized("the sign-in expired: start again at /auth/login")
        token, new = await web_sessions.promote(s, current, auth.sessions)
    response = JSONResponse({"stage": new.stage.value, "csrf_token": new.csrf_token}, headers={"Cache-Control": "no-store"})
    set_session_cookie(response, auth, token)
    return response


@router.post("/auth/logout", status_code=204)
async def logout(request: Request) -> Response:
    found = await session_row(request)
    response = Response(status_code=204)
    if found is not None:
        token, row = found
        check_csrf(request, row)
        async with transaction(request.app.state.database.sessions) as s:
            await web_sessions.delete_token(s, token)
    response.delete_cookie(SESSION_COOKIE, path="/", secure=True, httponly=True, samesite="lax")
    return response


@router.get("/auth/me")
async def me(request: Request, principal: CurrentPrincipal) -> dict:
    """Who is signed in, what they may do, and (for web sessions) the CSRF token to send back."""
    tenant = None
    if principal.tenant_id:
        async with transaction(request.app.state.database.sessions) as s:
            t = await tenant_service.get(s, principal.tenant_id)
            tenant = {"id": str(t.id), "slug": t.slug, "name": t.name}
    permissions = {}
    for category in Category:
        read, write = access(principal, category, Action.read), access(principal, category, Action.write)
        if read or write:
            permissions[category.value] = {"read": read.name, "write": write.name}
    body = {
        "kind": principal.kind.value, "id": str(principal.id), "name": principal.name, "tenant": tenant,
        "organisation_id": str(principal.organisation_id) if principal.organisation_id else None,
        "role": principal.role.value if principal.role else None, "scopes": sorted(principal.scopes),
        "mfa": principal.mfa, "permissions": permissions,
    }
    if principal.kind is not SubjectKind.api_client:
        found = await session_row(request)
        body["csrf_token"] = found[1].csrf_token if found else None
    return body


@router.get("/.well-known/jwks.json")
async def jwks(request: Request) -> JSONResponse:
    """The public keys that verify this platform's access tokens (every key still in use, by ``kid``)."""
    return JSONResponse(get_auth(request).keyring.jwks(), headers={"Cache-Control": "public, max-age=300"})


@router.get("/.well-known/oauth-authorization-server")
async def metadata(request: Request) -> dict:
    """RFC 8414 metadata of the token endpoint."""
    from domain.identity.permissions import ALL_SCOPES

    settings = get_auth(request).settings
    base = settings.jwt_issuer
    return {
        "issuer": base, "token_endpoint": f"{base}/oauth/token", "jwks_uri": f"{base}/.well-known/jwks.json",
        "grant_types_supported": ["client_credentials"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        "scopes_supported": sorted(ALL_SCOPES),
    }
