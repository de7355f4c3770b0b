"""Public auth endpoints: they must be reachable without a token."""

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, status
from fastapi.security import OAuth2PasswordRequestForm

from app.deps import SessionDep
from app.schemas.user import PasswordReset, Token, UserRegister

router = APIRouter(prefix="/auth", tags=["auth"])


# ok: missing-auth
@router.post("/register", status_code=status.HTTP_201_CREATED)
async def register(payload: UserRegister, session: SessionDep) -> dict[str, str]:
    return {"email": payload.email}


# ok: missing-auth
@router.post("/token")
async def login(form: Annotated[OAuth2PasswordRequestForm, Depends()], session: SessionDep) -> Token:
    raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED)


# ok: missing-auth
@router.post("/refresh")
async def refresh_access(refresh_token: str) -> Token:
    return Token(access_token=refresh_token)


# ok: missing-auth
@router.post("/password/forgot")
async def forgot(email: str) -> None:
    return None


# ok: missing-auth
@router.post("/reset-password")
async def reset(payload: PasswordReset) -> None:
    return None


# ok: missing-auth
@router.post("/signup")
async def create_account(payload: UserRegister) -> dict[str, str]:
    return {"email": payload.email}


# ok: missing-auth
@router.post("/sessions")
async def login_with_magic_link(email: str) -> None:
    return None


# ruleid: missing-auth
@router.post("/users/{user_id}/deactivate")
async def deactivate_user(user_id: int, session: SessionDep) -> None:
    return None


# ok: missing-auth
@router.post("/jwt/refresh-token")
async def rotate(refresh_token: str) -> Token:
    return Token(access_token=refresh_token)


# ok: missing-auth
@router.post("/refresh-tokens")
async def rotate_tokens(refresh_token: str) -> Token:
    return Token(access_token=refresh_token)


# ruleid: missing-auth
@router.post("/users/me/api-tokens")
async def create_api_token(name: str) -> dict[str, str]:
    return {"name": name}
