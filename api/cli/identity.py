"""`gvi user|client|idp|signing-keys …`: accounts, API clients, identity providers and signing keys.

USER is ``CITY/USERNAME`` for a city user (e.g. ``malmo/analyst``) and ``USERNAME`` for a national one.
"""

from __future__ import annotations

import secrets
import sys

import typer

from api.cli.runtime import echo_table, engine, fail, run, urls
from domain.identity import clients, providers, totp, users
from domain.identity.principal import NATIONAL_ROLES
from domain.organisations import service as organisations
from tenants import service as tenant_service
from tenants.context import tenant_context
from tenants.database import session_factory, transaction
from tenants.errors import NotFound, ValidationFailed
from tenants.settings import get_settings

user_app = typer.Typer(no_args_is_help=True, help="City and national user accounts.")
client_app = typer.Typer(no_args_is_help=True, help="API clients of agency systems (OAuth2 client credentials).")
idp_app = typer.Typer(no_args_is_help=True, help="A city's OpenID Connect identity provider.")
keys_app = typer.Typer(no_args_is_help=True, help="Access-token signing keys.")


def _split_user(user: str) -> tuple[str | None, str]:
    city, sep, name = user.partition("/")
    return (city, name) if sep else (None, user)


async def _tenant(session, slug: str):
    tenant = await tenant_service.get_by_slug(session, slug)
    if tenant is None:
        raise NotFound.single("tenant", "unknown_tenant", f"no city named {slug!r}")
    return tenant


async def _in_city(slug: str | None, body):
    """Run ``body(session, tenant)`` in one transaction, in the city's tenant context when one is named."""
    url = urls().app
    async with engine(url) as eng:
        sessions = session_factory(eng)
        tenant = None
        if slug:
            async with transaction(sessions) as s:
                tenant = await _tenant(s, slug)
        with tenant_context(tenant.id if tenant else None):
            async with transaction(sessions) as s:
                return await body(s, tenant)


async def _audit(s, tenant, object_type: str, object_id, what: str, **details) -> None:
    """One entry in the city's audit log for an administrative write (never a secret in it)."""
    if tenant is None:  # national accounts: no city, no city log
        return
    import domain.metadata  # noqa: F401  (every table, so the audit model's references resolve)
    from api.cli.lifecycle import operator
    from domain.audit import service as audit

    await audit.written(s, principal=operator(), object_type=object_type, object_id=object_id, request_id=None,
                        purpose="administration", details={"change": what, **details})


def _password(password_stdin: bool) -> tuple[str, bool]:
    if password_stdin:
        return sys.stdin.readline().rstrip("\n"), False
    return secrets.token_urlsafe(15), True


@user_app.command("create")
def user_create(
    user: str = typer.Argument(..., help="CITY/USERNAME for a city user, USERNAME for a national user."),
    role: str = typer.Option(..., help="coordinator, analyst, caseworker, outreach, viewer, auditor; "
                                       "national: national_coordinator, evaluator, platform_admin."),
    name: str = typer.Option(..., "--name", help="Display name."),
    organisation: str | None = typer.Option(None, help="Partner organisation (name or id) of a city user."),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from standard input "
                                        "(otherwise a random one is generated and shown once)."),
) -> None:
    """Create a user. Roles that reach person data enrol a TOTP app at their first sign-in."""
    slug, username = _split_user(user)
    password, generated = _password(password_stdin)

    async def body(s, tenant):
        if tenant is None:
            if role not in {r.value for r in NATIONAL_ROLES}:
                raise ValidationFailed.single("role", "invalid_role", "a user without CITY/ must have a national role")
            return await users.create_national_user(s, username=username, display_name=name, role=role, password=password)
        org = await organisations.find(s, organisation) if organisation else None
        if org is None:
            names = ", ".join(await organisations.names(s)) or "none yet"
            raise ValidationFailed.single("organisation", "unknown_organisation",
                                          f"name one of the city's partner organisations ({names})")
        user = await users.create_user(s, username=username, display_name=name, organisation_id=org.id, role=role,
                                       password=password, city_name=tenant.name)
        await _audit(s, tenant, "user", user.id, "created", role=user.role.value)
        return user

    created = run(lambda: _in_city(slug, body))
    typer.echo(f"created user {user} ({created.role.value})")
    if generated:
        typer.echo(f"password (shown once): {password}")


@user_app.command("disable")
def user_disable(user: str = typer.Argument(..., help="CITY/USERNAME or USERNAME.")) -> None:
    """Disable a user: sign-ins are refused and open sessions end at their next request."""
    slug, username = _split_user(user)

    async def body(s, tenant):
        account = await users.require_account(s, username, national=tenant is None)
        await users.disable(s, account)
        await _audit(s, tenant, "user", account.id, "disabled")

    run(lambda: _in_city(slug, body))
    typer.echo(f"disabled {user}")


@user_app.command("reset-mfa")
def user_reset_mfa(user: str = typer.Argument(..., help="CITY/USERNAME or USERNAME.")) -> None:
    """Forget a user's TOTP app: the next sign-in enrols a new one."""
    slug, username = _split_user(user)

    async def body(s, tenant):
        account = await users.require_account(s, username, national=tenant is None)
        await users.reset_mfa(s, account)
        await _audit(s, tenant, "user", account.id, "second factor reset")

    run(lambda: _in_city(slug, body))
    typer.echo(f"second factor reset for {user}: a new one is enrolled at the next sign-in")


@user_app.command("totp-code")
def user_totp_code(user: str = typer.Argument(..., help="CITY/USERNAME or USERNAME of a demo user.")) -> None:
    """The current TOTP code of a demo user (development mode only: GVI_ENV, or the running server's)."""
    import os

    from api.cli.serve import recorded_mode

    settings = get_settings()
    # Without GVI_ENV in this shell, the mode of the `gvi serve` running on this data directory decides.
    mode = settings.env if "GVI_ENV" in os.environ else (recorded_mode(settings.data_dir) or settings.env)
    if mode != "development":
        raise fail("totp-code works only in development mode: set GVI_ENV=development, "
                   "or run it beside a `gvi serve` started in development mode (scripts/run)")
    slug, username = _split_user(user)

    async def body(s, tenant):
        account = await users.require_account(s, username, national=tenant is None)
        if not account.is_demo:
            raise ValidationFailed.single("user", "not_demo", "only demo users' codes can be shown")
        secret = await users.read_totp_secret(s, account)
        if not secret:
            raise ValidationFailed.single("user", "no_totp", "this user has no second factor")
        return secret

    secret = run(lambda: _in_city(slug, body))
    typer.echo(totp.current_code(secret))


@client_app.command("create")
def client_create(
    tenant: str = typer.Option(..., help="The city (slug) the agency system belongs to."),
    name: str = typer.Option(..., help="What the system is, e.g. 'Polisen ärendesystem'."),
    scopes: str = typer.Option(..., help="Comma- or space-separated, e.g. incidents:write,people:read."),
) -> None:
    """Create an API client; its secret is shown once."""
    async def body(s, t):
        issued = await clients.create(s, tenant_slug=t.slug, name=name, scopes=scopes)
        await _audit(s, t, "api_client", issued.client.id, "created", scopes=issued.client.scopes)
        return issued

    issued = run(lambda: _in_city(tenant, body))
    typer.echo(f"client_id:     {issued.client.client_id}")
    typer.echo(f"client_secret: {issued.secret}")
    typer.echo(f"scopes:        {' '.join(issued.client.scopes)}")
    typer.echo("The secret is shown once; store it in the agency system's secret store.")


def _client_city(client_id: str) -> str:
    slug = clients.tenant_slug_of(client_id)
    if slug is None:
        raise fail("client_id: not a client id of this platform (expected CITY.RANDOM)")
    return slug


@client_app.command("rotate")
def client_rotate(client_id: str = typer.Argument(...)) -> None:
    """Issue a new secret; the old one and every token issued under it stop working."""

    async def body(s, tenant):
        issued = await clients.rotate(s, await clients.require(s, client_id))
        await _audit(s, tenant, "api_client", issued.client.id, "secret rotated")
        return issued

    issued = run(lambda: _in_city(_client_city(client_id), body))
    typer.echo(f"client_id:     {issued.client.client_id}")
    typer.echo(f"client_secret: {issued.secret}")
    typer.echo("The secret is shown once; tokens issued under the old secret are refused from now on.")


@client_app.command("revoke")
def client_revoke(client_id: str = typer.Argument(...)) -> None:
    """Revoke a client: no new tokens, and its existing tokens are refused."""

    async def body(s, tenant):
        client = await clients.require(s, client_id)
        await clients.revoke(s, client)
        await _audit(s, tenant, "api_client", client.id, "revoked")

    run(lambda: _in_city(_client_city(client_id), body))
    typer.echo(f"revoked {client_id}")


@client_app.command("list")
def client_list(tenant: str = typer.Option(...)) -> None:
    """The city's API clients."""
    rows = run(lambda: _in_city(tenant, lambda s, t: clients.list_all(s)))
    echo_table(["client_id", "name", "scopes", "status"],
               [[c.client_id, c.name, " ".join(c.scopes), "revoked" if c.revoked else "active"] for c in rows])


def _mapping(values: list[str]) -> dict[str, str]:
    out = {}
    for item in values:
        key, sep, role = item.rpartition("=")
        if not sep or not key:
            raise fail(f"--map: expected CLAIM_VALUE=ROLE, got {item!r}")
        out[key] = role
    return out


@idp_app.command("set")
def idp_set(
    tenant: str = typer.Option(..., help="The city (slug)."),
    issuer: str = typer.Option(..., help="The provider's issuer URL (its /.well-known/openid-configuration is read)."),
    client_id: str = typer.Option(..., help="The client id the provider registered for this platform."),
    client_secret_stdin: bool = typer.Option(False, "--client-secret-stdin", help="Read the client secret from stdin."),
    client_secret: str | None = typer.Option(None, help="The client secret (prefer --client-secret-stdin)."),
    organisation: str = typer.Option(..., help="Partner organisation (name) its users belong to."),
    role_claim: str = typer.Option("groups", help="The ID-token claim that carries the user's groups or roles."),
    map_: list[str] = typer.Option(..., "--map", help="CLAIM_VALUE=ROLE, repeatable, e.g. --map gvi-analysts=analyst."),
    scopes: str = typer.Option("openid profile email", help="Scopes to request."),
) -> None:
    """Connect (or reconfigure) a city's OpenID Connect provider."""
    secret = sys.stdin.readline().rstrip("\n") if client_secret_stdin else client_secret
    mapping = _mapping(map_)
    settings = get_settings()

    async def body(s, t):
        org = await organisations.find_by_name(s, organisation)
        if org is None:
            raise ValidationFailed.single("organisation", "unknown_organisation", f"no partner organisation {organisation!r}")
        idp = await providers.configure(s, issuer=issuer, client_id=client_id, client_secret=secret,
                                        role_mapping=mapping, organisation_id=org.id, role_claim=role_claim,
                                        scopes=scopes, allow_http=settings.is_development)
        await _audit(s, t, "identity_provider", idp.id, "configured", issuer=idp.issuer, role_mapping=idp.role_mapping)
        return idp

    idp = run(lambda: _in_city(tenant, body))
    base = settings.public_url.rstrip("/")
    typer.echo(f"identity provider of {tenant}: {idp.issuer} (client {idp.client_id})")
    typer.echo(f"register this redirect URI at the provider: {base}/auth/oidc/{tenant}/callback")
    typer.echo(f"users sign in at: {base}/auth/oidc/{tenant}/login")


@keys_app.command("rotate")
def keys_rotate() -> None:
    """Add a new signing key to <data_dir>/keys/jwt (it signs from the next start; older keys stay published)."""
    from api.auth.keys import generate_key_file

    settings = get_settings()
    if settings.jwt_private_key_file:
        raise fail("GVI_JWT_PRIVATE_KEY_FILE is set: rotate by replacing that file and listing the old one in "
                   "GVI_JWT_PREVIOUS_KEY_FILES")
    path = generate_key_file(settings.keys_dir / "jwt")
    typer.echo(f"new signing key {path}; remove retired keys once their tokens have expired")



