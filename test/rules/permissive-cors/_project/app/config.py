from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    database_url: str
    secret_key: str
    debug: bool = False

    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


settings = Settings()
