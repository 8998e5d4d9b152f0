"""Platform settings, read from the environment (prefix ``GVI_``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

import platformdirs
from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GVI_", env_file=None, extra="ignore")

    # development opens the GraphQL IDE, introspection and demo helpers; production is the default
    # so that a forgotten variable never exposes them.
    env: Literal["development", "test", "production"] = "production"

    # Owner/migration connection. When neither URL is set, an embedded PostgreSQL is started.
    database_url: str | None = None
    # Runtime connection (the non-owner role the request path uses). Derived from database_url
    # (same server, user = app_role) when unset.
    app_database_url: str | None = None
    app_database_password: str | None = None

    data_dir: Path = Field(default_factory=lambda: platformdirs.user_data_path("gvi"))

    # Role names are configurable because managed PostgreSQL services often pre-create them.
    owner_role: str = "gvi_owner"
    app_role: str = "gvi_app"
    national_role: str = "gvi_national"
    # National statistics (domain/national): the refresh job writes the national schema and reads each
    # city under RLS; the publisher creates and publishes releases (national schema only); national
    # users' requests read as national_role. URLs default to the owner's server with that user.
    national_writer_role: str = "gvi_national_writer"
    national_publisher_role: str = "gvi_national_publisher"
    national_database_url: str | None = None
    national_database_password: str | None = None
    national_writer_database_url: str | None = None
    national_writer_database_password: str | None = None
    national_publisher_database_url: str | None = None
    national_publisher_database_password: str | None = None
    # Keys the cell keys of cell-key perturbed releases (HMAC). Unset: that method is refused. Keep it:
    # recomputing such a release (and its hash) needs the same secret; publishing it undoes the noise.
    national_cell_key_secret: str | None = None

    # Master key wrapping the per-city keys: base64 of 32 bytes, or a file (default <data_dir>/keys/master.key).
    master_key: str | None = None
    master_key_file: Path | None = None

    # Hot GraphQL reads answered by one compiled SQL statement (api/graphql/compiled); off: resolvers only.
    graphql_compile: bool = True
    # Connections kept open per worker. No overflow by default: an overflow connection is opened for a
    # burst and closed when handed back, so a steady load above the pool size paid a new connection
    # (and the driver's type introspection) on many requests; requests beyond the pool queue instead.
    pool_size: int = 20
    pool_max_overflow: int = 0
    # Seconds a request waits for a free pooled connection before it answers 503 with Retry-After:
    # a bound on the queue when every connection is held, well below a proxy's read timeout.
    pool_timeout: float = Field(10.0, gt=0)

    # The address `gvi serve` (and scripts/run) listens on.
    host: str = "127.0.0.1"
    port: int = 8000

    # --- identity and access ---
    # The platform's public base URL: the issuer of its access tokens and the base of OIDC redirect URIs.
    # Unset: derived from the address served (host and port), so a local run on another port is coherent.
    public_url: str = ""
    # Signs session cookies and keys the login-throttle hashes. Every instance of one deployment must
    # share it; when unset, a random key is generated once into <data_dir>/keys/secret_key (mode 0600).
    secret_key: str | None = None
    # The active JWT signing key (PEM, EC P-256). When unset, keys live in <data_dir>/keys/jwt/ (generated
    # on first use); every key there is published in the JWKS and the newest one signs.
    jwt_private_key_file: Path | None = None
    # Retired public or private keys (PEM files, comma-separated) still published in the JWKS during a rotation.
    jwt_previous_key_files: str = ""
    jwt_audience: str = "urn:gvi:api"
    access_token_ttl_seconds: int = 300
    session_idle_seconds: int = 1800
    session_absolute_seconds: int = 12 * 3600
    # Login throttling (state in PostgreSQL, shared by every app instance).
    login_max_failures: int = 5  # per account (tenant + username) within the window, then locked
    login_ip_max_failures: int = 30  # per client address within the window, then locked
    login_window_seconds: int = 900
    login_lockout_seconds: int = 900
    # Requests per minute per API client and per user, shared by every instance (tenants/ratelimit.py).
    rate_limit_client_per_minute: int = 1200
    rate_limit_user_per_minute: int = 600
    # Published national releases (no sign-in): requests per minute per client address.
    public_rate_limit_per_minute: int = 60

    # --- observability ---
    # Bearer token a Prometheus scraper sends to /metrics; unset, /metrics does not exist (404).
    metrics_token: str | None = None
    log_level: str = "INFO"
    # json: one JSON object per line (for log collectors); text: the human-readable line.
    log_format: Literal["json", "text"] = "json"
    # OpenTelemetry traces: off, otlp (OTEL_EXPORTER_OTLP_* variables configure the collector) or console.
    tracing: Literal["off", "otlp", "console"] = "off"

    @model_validator(mode="after")
    def _derive_public_url(self) -> Settings:
        if not self.public_url:
            # a wildcard address is not one a client can use: name the loopback instead
            host = "127.0.0.1" if self.host in ("0.0.0.0", "::", "") else self.host
            host = f"[{host}]" if ":" in host else host
            self.public_url = f"http://{host}:{self.port}"
        return self

    @property
    def is_development(self) -> bool:
        return self.env == "development"

    @property
    def keys_dir(self) -> Path:
        return self.data_dir / "keys"

    @property
    def jwt_issuer(self) -> str:
        return self.public_url.rstrip("/")


@lru_cache
def get_settings() -> Settings:
    return Settings()
