"""Platform settings, read from the environment (prefix ``GVI_``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

import platformdirs
from pydantic import Field
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

    # Master key wrapping the per-city keys: base64 of 32 bytes, or a file (default <data_dir>/keys/master.key).
    master_key: str | None = None
    master_key_file: Path | None = None

    pool_size: int = 10
    pool_max_overflow: int = 10

    # Requests per minute per API client and per user, shared by every instance (tenants/ratelimit.py).
    rate_limit_client_per_minute: int = 1200
    rate_limit_user_per_minute: int = 600

    @property
    def is_development(self) -> bool:
        return self.env == "development"


@lru_cache
def get_settings() -> Settings:
    return Settings()
