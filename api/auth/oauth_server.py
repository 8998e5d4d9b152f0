"""``POST /oauth/token``: OAuth 2.0 client credentials (RFC 6749 §4.4) on Authlib's server classes.

Authlib's authorization server is synchronous. The adaptation is narrow: the route reads the form
and looks the client up asynchronously (in its city's tenant context, the city taken from the
``client_id``), hands that one client to the server through a context variable, and runs Authlib's
``create_token_response`` in a worker thread (it verifies the Argon2id secret hash there).
"""

from __future__ import annotations

import asyncio
import base64
import contextvars
import logging
import re
from collections import defaultdict

from authlib.oauth2.rfc6749 import AuthorizationServer, ClientMixin, OAuth2Request
from authlib.oauth2.rfc6749.errors import InvalidScopeError, OAuth2Error
from authlib.oauth2.rfc6749.grants import ClientCredentialsGrant
from authlib.oauth2.rfc6749.requests import BasicOAuth2Payload
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from api.auth import tokens
from api.auth.state import AuthState
from domain.identity import clients, passwords
from domain.identity.models import ApiClient
from domain.identity.permissions import ALL_SCOPES
from tenants import service as tenant_service
from tenants.context import tenant_context
from tenants.database import transaction
from tenants.errors import PermissionDenied

log = logging.getLogger(__name__)
router = APIRouter(tags=["auth"])

_client: contextvars.ContextVar[ApiClient | None] = contextvars.ContextVar("gvi_oauth_client", default=None)


class _Client(ClientMixin):
    def __init__(self, row: ApiClient) -> None:
        self.row = row

    def get_client_id(self):
        return self.row.client_id

    def get_default_redirect_uri(self):
        return None

    def get_allowed_scope(self, scope):
        if not scope:
            return " ".join(sorted(self.row.scopes))
        return " ".join(s for s in sorted(set(scope.split())) if s in self.row.scopes)

    def check_redirect_uri(self, redirect_uri):
        return False

    def check_client_secret(self, client_secret):
        return passwords._verify(self.row.secret_hash, client_secret)

    def check_endpoint_auth_method(self, method, endpoint):
        return method in ("client_secret_basic", "client_secret_post")

    def check_response_type(self, response_type):
        return False

    def check_grant_type(self, grant_type):
        return grant_type == "client_credentials"


class _Request(OAuth2Request):
    def __init__(self, method: str, uri: str, headers, form: dict) -> None:
        super().__init__(method, uri, headers=headers)
        self._form = form
        self.payload = BasicOAuth2Payload(form)
        values = defaultdict(list)
        for k, v in form.items():
            values[k].append(v)
        self.payload._datalist = values

    @property
    def args(self):
        return {}

    @property
    def form(self):
        return self._form


class _Grant(ClientCredentialsGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]

    def validate_requested_scope(self):
        super().validate_requested_scope()
        requested = set((self.request.payload.scope or "").split())
        beyond = sorted(requested - set(self.request.client.row.scopes))
        if beyond:
            raise InvalidScopeError(description=f"this client may not request: {', '.join(beyond)}")


class TokenServer(AuthorizationServer):
    def __init__(self, auth: AuthState) -> None:
        super().__init__(scopes_supported=sorted(ALL_SCOPES))
        self.auth = auth
        self.register_grant(_Grant)
        self.register_token_generator("default", self._generate)

    def query_client(self, client_id):
        row = _client.get()
        return _Client(row) if row is not None and row.client_id == client_id else None

    def save_token(self, token, request):
        """Nothing to store: access tokens are self-contained JWTs, checked against the client on use."""

    def send_signal(self, name, *args, **kwargs):
        pass

    def create_oauth2_request(self, request):
        return request

    def handle_response(self, status, body, headers):
        return status, body, dict(headers)

    def _generate(self, grant_type, client, user=None, scope=None, expires_in=None, include_refresh_token=True):
        granted = client.get_allowed_scope(scope).split()
        settings = self.auth.settings
        ttl = settings.access_token_ttl_seconds
        token = tokens.issue(self.auth.keyring, issuer=settings.jwt_issuer, audience=settings.jwt_audience,
                             client=client.row, scopes=granted, ttl=ttl)
        return {"access_token": token, "token_type": "Bearer", "expires_in": ttl, "scope": " ".join(granted)}


def _client_id(request: Request, form: dict) -> str | None:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("basic "):
        try:
            decoded = base64.b64decode(header[6:].strip()).decode()
        except (ValueError, UnicodeDecodeError):
            return None
        from urllib.parse import unquote

        return unquote(decoded.partition(":")[0])
    return form.get("client_id")


def _malformed_credentials(request: Request, form: dict) -> JSONResponse | None:
    """Credentials no client of this platform can have: refused before anything looks them up."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("basic "):
        try:
            base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
        except (ValueError, UnicodeDecodeError):
            return _oauth_error(401, "invalid_client", "Authorization: Basic credentials must be base64 of UTF-8 text")
    client_id = _client_id(request, form)
    if client_id is not None and (len(client_id) > 200 or re.search("[\x00-\x1f\ud800-\udfff]", client_id)):
        return _oauth_error(401, "invalid_client", "client_id: not a client id of this platform")
    return None


def _oauth_error(status: int, error: str, description: str) -> JSONResponse:
    return JSONResponse({"error": error, "error_description": description}, status_code=status,
                        headers={"Cache-Control": "no-store", "Pragma": "no-cache"})


async def _prefetch(request: Request, client_id: str | None) -> ApiClient | JSONResponse | None:
    slug = clients.tenant_slug_of(client_id or "")
    if slug is None:
        return None
    sessions = request.app.state.database.sessions
    async with transaction(sessions) as s:
        tenant = await tenant_service.get_by_slug(s, slug)
    if tenant is None:
        return None
    try:
        tenant_service.ensure_open(tenant)
    except PermissionDenied as exc:  # the client is genuine, its city closed: 403 naming the reason
        return _oauth_error(403, "unauthorized_client", f"{exc.message}; no tokens are issued")
    with tenant_context(tenant.id):
        async with transaction(sessions) as s:
            row = await clients.find(s, client_id)
    if row is not None and row.revoked:
        return _oauth_error(401, "invalid_client", "this API client has been revoked")
    return row


@router.post("/oauth/token")
async def token_endpoint(request: Request):
    """Client credentials grant: Basic auth (or client_id/client_secret in the form), optional ``scope``."""
    form = {k: str(v) for k, v in (await request.form()).items()}
    if refused := _malformed_credentials(request, form):
        return refused
    found = await _prefetch(request, _client_id(request, form))
    if isinstance(found, JSONResponse):
        return found
    server: TokenServer = request.app.state.token_server
    try:
        # the public URL, not the request's: behind a TLS-terminating proxy the latter may read http://
        uri = f"{server.auth.settings.public_url.rstrip('/')}/oauth/token"
        oauth_request = _Request(request.method, uri, request.headers, form)
    except OAuth2Error as exc:
        return _oauth_error(400, exc.error, exc.get_error_description() if hasattr(exc, "get_error_description") else exc.description)
    token = _client.set(found)
    try:
        # to_thread copies the context, so the worker sees the prefetched client
        status, body, headers = await asyncio.to_thread(server.create_token_response, oauth_request)
    finally:
        _client.reset(token)
    if body.get("error") == "invalid_client":
        # Authlib says "cannot authenticate with methods [...]"; the caller's mistake is simpler.
        body = {**body, "error_description": "invalid client credentials"}
        status = 401  # whichever way the credentials came (RFC 6749 §5.2 allows 401 for both)
    headers.setdefault("Cache-Control", "no-store")
    return JSONResponse(body, status_code=status, headers=headers)
