"""Password hashing (bcrypt) and access tokens (JWT, HS256)."""

from datetime import UTC, datetime, timedelta

import bcrypt
import jwt

from app.settings import settings

ALGORITHM = "HS256"
# bcrypt only reads the first 72 bytes; longer passwords are rejected upstream.
MAX_PASSWORD_BYTES = 72


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt()).decode()


def verify_password(password: str, hashed_password: str) -> bool:
    encoded = password.encode()
    if len(encoded) > MAX_PASSWORD_BYTES:
        return False
    return bcrypt.checkpw(encoded, hashed_password.encode())


# Compared against when the user does not exist, so both paths take as long.
DUMMY_HASH = hash_password("timing-equaliser")


def create_access_token(subject: str) -> str:
    issued = datetime.now(UTC)
    expires = issued + timedelta(minutes=settings.access_token_expire_minutes)
    return jwt.encode({"sub": subject, "iat": issued, "exp": expires}, settings.secret_key, algorithm=ALGORITHM)


def decode_access_token(token: str) -> str | None:
    """The token's subject, or None when it is malformed, forged, expired or lacks a claim."""
    try:
        # Without "exp" a leaked token would be valid forever: every claim we rely on is required.
        payload = jwt.decode(
            token, settings.secret_key, algorithms=[ALGORITHM], options={"require": ["exp", "iat", "sub"]}
        )
    except jwt.InvalidTokenError:
        return None
    subject = payload.get("sub")
    return subject if isinstance(subject, str) else None
