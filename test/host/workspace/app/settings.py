"""Settings read from environment variables (and a local .env file)."""

import ipaddress
from functools import lru_cache
from typing import Annotated

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = "sqlite+aiosqlite:///./app.db"
    # Required, and never given a default: a secret does not belong in code.
    secret_key: str = Field(min_length=32)
    # Comma-separated in the environment: CORS_ORIGINS=https://a.example,https://b.example
    cors_origins: Annotated[list[str], NoDecode] = []
    access_token_expire_minutes: int = Field(default=60, ge=1)
    # Requests per minute and client address on the /auth routes.
    auth_rate_limit: int = Field(default=10, ge=1)
    # Failed logins per account within the window before its logins answer 429 (any address).
    login_max_failures: int = Field(default=10, ge=1)
    login_failure_window_minutes: int = Field(default=15, ge=1)
    # Peers (addresses or CIDR ranges) whose X-Forwarded-For names the client; empty: none.
    trusted_proxies: Annotated[list[str], NoDecode] = []
    # Request bodies above this many bytes are refused with 413 before they are parsed.
    max_body_bytes: int = Field(default=1_048_576, ge=1)
    debug: bool = False
    sql_echo: bool = False

    @field_validator("cors_origins", mode="before")
    @classmethod
    def split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value

    @field_validator("trusted_proxies", mode="before")
    @classmethod
    def split_proxies(cls, value: object) -> object:
        if isinstance(value, str):
            value = [item.strip() for item in value.split(",") if item.strip()]
        if isinstance(value, list):
            for item in value:
                # Refused at startup rather than silently trusting nothing (or too much).
                ipaddress.ip_network(str(item), strict=False)
        return value


@lru_cache
def get_settings() -> Settings:
    # Fields are filled from the environment, which type checkers cannot see.
    return Settings()  # type: ignore[call-arg]


settings = get_settings()
