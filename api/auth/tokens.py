"""Short-lived JWT access tokens for API clients: issued by ``/oauth/token``, verified on each request."""

from __future__ import annotations

import time
import uuid
import weakref
from collections import OrderedDict

from joserfc import jwt
from joserfc.errors import (
    BadSignatureError,
    DecodeError,
    ExpiredTokenError,
    InvalidClaimError,
    InvalidKeyIdError,
    JoseError,
    MissingClaimError,
)
from joserfc.jwk import KeySet

from api.auth.keys import ALG, KeyRing
from domain.identity.models import ApiClient

TOKEN_TYPE = "at+jwt"  # RFC 9068


class TokenRefused(Exception):
    """An access token that cannot be trusted; the message says why (shown to the caller)."""


def issue(keyring: KeyRing, *, issuer: str, audience: str, client: ApiClient, scopes: list[str], ttl: int,
          now: int | None = None) -> str:
    now = int(time.time()) if now is None else now
    claims = {
        "iss": issuer,
        "aud": audience,
        "sub": client.client_id,
        "client_id": client.client_id,
        "tid": str(client.tenant_id),
        "scope": " ".join(sorted(scopes)),
        "ver": client.secret_version,
        "iat": now,
        "nbf": now,
        "exp": now + ttl,
        "jti": uuid.uuid4().hex,
    }
    return jwt.encode({"alg": ALG, "kid": keyring.kid, "typ": TOKEN_TYPE}, claims, keyring.active)


def verify(key_set: KeySet, token: str, *, issuer: str, audience: str, leeway: int = 30) -> dict:
    """The token's claims, or ``TokenRefused`` with a clear reason."""
    try:
        decoded = jwt.decode(token, key_set, algorithms=[ALG])
    except InvalidKeyIdError:
        raise TokenRefused("access token is signed with an unknown key (kid)") from None
    except BadSignatureError:
        raise TokenRefused("access token signature is invalid") from None
    except (DecodeError, ValueError):
        raise TokenRefused("access token is malformed") from None
    except JoseError as exc:
        raise TokenRefused(f"access token refused: {exc.description or exc.error}") from None
    if decoded.header.get("typ") != TOKEN_TYPE:
        raise TokenRefused("not an access token (typ)")
    registry = jwt.JWTClaimsRegistry(
        leeway=leeway,
        iss={"essential": True, "value": issuer},
        aud={"essential": True, "value": audience},
        exp={"essential": True},
        sub={"essential": True},
        tid={"essential": True},
        ver={"essential": True},
    )
    try:
        registry.validate(decoded.claims)
    except ExpiredTokenError:
        raise TokenRefused("access token has expired") from None
    except InvalidClaimError as exc:
        claim = exc.claim
        reason = {"aud": "was issued for another audience", "iss": "was issued by another issuer",
                  "nbf": "is not valid yet", "iat": "has an invalid issue time"}.get(claim, f"has an invalid {claim} claim")
        raise TokenRefused(f"access token {reason}") from None
    except MissingClaimError as exc:
        raise TokenRefused(f"access token lacks the {exc.claim} claim") from None
    except JoseError as exc:
        raise TokenRefused(f"access token refused: {exc.description or exc.error}") from None
    try:
        uuid.UUID(str(decoded.claims["tid"]))
    except ValueError:
        raise TokenRefused("access token has an invalid tid claim") from None
    return decoded.claims


_VERIFIED: weakref.WeakKeyDictionary[KeyRing, OrderedDict[tuple[str, str, str], dict]] = weakref.WeakKeyDictionary()
_VERIFIED_MAX = 4096  # tokens per key ring


def verify_cached(keyring: KeyRing, token: str, *, issuer: str, audience: str, leeway: int = 30) -> dict:
    """``verify``, remembering tokens already verified by this process against this key ring.

    The signature and the fixed claims of a token never change, so a token that verified once
    verifies again against the same keys; only time matters, so ``exp`` and ``nbf`` are checked on
    every use. (Revocation, secret rotation and a closed city are checked against the database on
    every request by the caller, as before.) Saves the ECDSA verification on repeated calls.
    """
    cache = _VERIFIED.get(keyring)
    if cache is None:
        cache = _VERIFIED[keyring] = OrderedDict()
    key = (token, issuer, audience)
    claims = cache.get(key)
    now = time.time()
    if claims is not None and claims["exp"] + leeway >= now and claims.get("nbf", 0) - leeway <= now:
        cache.move_to_end(key)
        return claims
    cache.pop(key, None)
    claims = verify(keyring.key_set(), token, issuer=issuer, audience=audience, leeway=leeway)
    if isinstance(claims.get("exp"), (int, float)) and isinstance(claims.get("nbf", 0), (int, float)):
        cache[key] = claims
        if len(cache) > _VERIFIED_MAX:
            cache.popitem(last=False)
    return claims
