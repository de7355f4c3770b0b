from pydantic import Field
from pydantic_settings import BaseSettings


class AppSettings(BaseSettings):
    # ruleid: hardcoded-secret
    secret_key: str = "changeme"
    # ruleid: hardcoded-secret
    stripe_api_key: str = Field(default="sk_test_abcdef123456", description="Stripe key")
    # ok: hardcoded-secret
    jwt_algorithm: str = "HS256"
    # ok: hardcoded-secret
    smtp_password: str = ""
    # ok: hardcoded-secret
    admin_password: str | None = None
    # ok: hardcoded-secret
    api_key_header: str = "X-API-Key"


class FlaskConfig:
    # ruleid: hardcoded-secret
    SECRET_KEY = "flask-dev-key"
    # ruleid: hardcoded-secret
    SQLALCHEMY_DATABASE_URI = "mysql+pymysql://root:rootpw@127.0.0.1/app"
    # ok: hardcoded-secret
    SQLALCHEMY_TRACK_MODIFICATIONS = False


class DatabaseSettings(BaseSettings):
    # ruleid: hardcoded-secret
    database_url: str = "postgresql://postgres:postgres@localhost:5432/app"


# The FastAPI tutorial's URL: "user:password" is a password, and it is what production would run with.
# ruleid: hardcoded-secret
SQLALCHEMY_DATABASE_URL = "postgresql://user:password@postgresserver/db"
