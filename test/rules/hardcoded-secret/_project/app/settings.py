"""Settings read from environment variables (and a local .env file)."""

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = "sqlite+aiosqlite:///./app.db"
    secret_key: str = Field(min_length=32)
    debug: bool = False


settings = Settings()
