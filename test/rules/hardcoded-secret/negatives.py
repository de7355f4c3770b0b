import os
import re
from enum import Enum

from fastapi import Depends, FastAPI, Form, HTTPException
from fastapi.security import OAuth2PasswordBearer, OAuth2PasswordRequestForm
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Column, String
from sqlalchemy.orm import Mapped, mapped_column

from app.settings import settings

app = FastAPI()
# ok: hardcoded-secret
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/auth/token")

# ok: hardcoded-secret
SECRET_KEY = os.environ["SECRET_KEY"]
# ok: hardcoded-secret
API_KEY = os.getenv("API_KEY")
# ok: hardcoded-secret
DB_PASSWORD = os.environ.get("DB_PASSWORD", "")
# ok: hardcoded-secret
REDIS_PASSWORD = os.getenv("REDIS_PASSWORD", None)
# ok: hardcoded-secret
SECRET_KEY_ENV = "SECRET_KEY"
# ok: hardcoded-secret
API_KEY_HEADER = "X-API-Key"
# ok: hardcoded-secret
PASSWORD_MIN_LENGTH = 12
# ok: hardcoded-secret
PASSWORD_REGEX = r"^(?=.*[A-Z])(?=.*\d).{12,}$"
# ok: hardcoded-secret
TOKEN_URL = "/auth/token"
# ok: hardcoded-secret
ACCESS_TOKEN_EXPIRE_MINUTES = os.getenv("ACCESS_TOKEN_EXPIRE_MINUTES", "30")
# ok: hardcoded-secret
JWT_ALGORITHM = os.getenv("JWT_ALGORITHM", "HS256")
# ok: hardcoded-secret
DATABASE_URL = os.getenv("DATABASE_URL", "postgresql+asyncpg://localhost/shop")
# ok: hardcoded-secret
REDIS_URL = "redis://localhost:6379/0"
# ok: hardcoded-secret
DOCS_URL = "postgresql://USER:PASSWORD@HOST:5432/DBNAME"
# ok: hardcoded-secret
AWS_SAMPLE = "AKIAIOSFODNN7EXAMPLE"
# ok: hardcoded-secret
PEM_HEADER = "-----BEGIN PRIVATE KEY-----"
# ok: hardcoded-secret
session_cookie = settings.secret_key
# ok: hardcoded-secret
CACHE_KEY = "user:profile"
# ok: hardcoded-secret
PASSWORD_RESET_ROUTE = "/auth/password-reset"


class TokenKind(str, Enum):
    # ok: hardcoded-secret
    ACCESS_TOKEN = "access"
    # ok: hardcoded-secret
    REFRESH_TOKEN = "refresh-token-kind"


class Token(BaseModel):
    access_token: str
    # ok: hardcoded-secret
    token_type: str = "bearer"


class TokenOut(BaseModel):
    access_token: str
    # ok: hardcoded-secret
    token_type: str = Field(default="bearer")


class UserCreate(BaseModel):
    email: str
    # ok: hardcoded-secret
    password: str = Field(min_length=12, description="Plain password, hashed on arrival")

    model_config = ConfigDict(
        # ok: hardcoded-secret
        json_schema_extra={"example": {"email": "ada@example.com", "password": "correct-horse-42"}}
    )


class User:
    # ok: hardcoded-secret
    password_hash = Column("password_hash", String(255))
    # ok: hardcoded-secret
    hashed_password: Mapped[str] = mapped_column("password", String(255))


# ok: hardcoded-secret
ADMIN_PASSWORD_HASH = "$2b$12$KIXQJxY7H8dN0u3qX9d1EOq6Zb6eQ1l7gYh0vQeR3o9uT2nWc8aSe"


@app.post("/auth/token")
async def login(form: OAuth2PasswordRequestForm = Depends()):
    # ok: hardcoded-secret
    data = {"username": form.username, "password": form.password, "grant_type": "password"}
    if not data["password"]:
        # ok: hardcoded-secret
        raise HTTPException(status_code=401, detail="Invalid password")
    # ok: hardcoded-secret
    return {"access_token": make_token(data), "token_type": "bearer"}


@app.post("/login-form")
async def login_form(
    # ok: hardcoded-secret
    password: str = Form(..., description="Your password"),
):
    # ok: hardcoded-secret
    errors = {"password": "Password must contain a digit"}
    return errors


def make_token(data: dict) -> str:
    return "x"


def dsn(user: str, password: str, host: str) -> str:
    # ok: hardcoded-secret
    return f"postgresql://{user}:{password}@{host}/shop"


# ok: hardcoded-secret
TOKEN_PATTERN = re.compile(r"^Bearer\s+(?P<token>[A-Za-z0-9._-]+)$")


class FormFields:
    # ok: hardcoded-secret
    PASSWORD = "user_password"
    # ok: hardcoded-secret
    CONFIRM_PASSWORD = "confirm-password"


# ruleid: hardcoded-secret
FALLBACK_SECRET_KEY = "dev_secret_key"
# ok: hardcoded-secret
ACL_CREDENTIALS = "Access-Control-Allow-Credentials"


class SharedCredentialProvider:
    # ok: hardcoded-secret
    ACCESS_KEY = "aws_access_key_id"
    # ok: hardcoded-secret
    SECRET_KEY = "AWSSecretKey"


PAGINATION = {
    # ok: hardcoded-secret
    "input_token": "next_token",
    # ok: hardcoded-secret
    "CREDENTIALS_STS_WEB_ID_TOKEN": "h",
}
# ok: hardcoded-secret
EMRFS_SSE_KEY = "fs.s3.enableServerSideEncryption"
# ok: hardcoded-secret
terminate_key = "terminateBlueInstancesOnDeploymentSuccess"
# ruleid: hardcoded-secret
MAPS_KEY = "Zx81kPq0LmN4vB7tR2yW"
# ok: hardcoded-secret
SAMPLE_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY"
# ok: hardcoded-secret
CI_TOKEN = "GITHUB_TOKEN"  # the variable the CI runner sets; read with os.environ[CI_TOKEN]
# ruleid: hardcoded-secret
JWT_SECRET = "CHANGE_ME"
# ruleid: hardcoded-secret
WEBHOOK_SECRET = "YOUR_WEBHOOK_SECRET"
# ok: hardcoded-secret
_DEFAULT_TOKEN = "_sa_default"
# ok: hardcoded-secret
default_metavalue_token = "DEFAULT"
# ruleid: hardcoded-secret
SERVICE_TOKEN = "svc_4f9a1c7e2b"
# ruleid: hardcoded-secret
ADMIN_PASSWORD = "letmein"


def translate_args() -> dict[str, str]:
    # ok: hardcoded-secret
    return dict(database="db", username="user", password="passwd")
