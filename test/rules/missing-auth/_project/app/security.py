import jwt

from app.settings import settings


def decode_access_token(token: str) -> str | None:
    try:
        return jwt.decode(token, settings.secret_key, algorithms=["HS256"]).get("sub")
    except jwt.PyJWTError:
        return None


def authenticate_user(db, email: str, password: str):
    user = db.get_by_email(email)
    if user is None:
        return None
    return user
