"""Shared FastAPI dependencies and their Annotated aliases."""

from typing import Annotated

from fastapi import Depends, HTTPException, status
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import get_session
from app.models.user import User
from app.security import decode_access_token

SessionDep = Annotated[AsyncSession, Depends(get_session)]

# auto_error=False: a missing token is answered below, with the 401 and header we choose.
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/auth/token", auto_error=False)


def _unauthorized(detail: str) -> HTTPException:
    return HTTPException(
        status_code=status.HTTP_401_UNAUTHORIZED,
        detail=detail,
        headers={"WWW-Authenticate": "Bearer"},
    )


async def get_current_user(session: SessionDep, token: Annotated[str | None, Depends(oauth2_scheme)]) -> User:
    if not token:
        raise _unauthorized("Not authenticated")
    subject = decode_access_token(token)
    if subject is None or not subject.isdigit():
        raise _unauthorized("Invalid or expired token")
    user = await session.get(User, int(subject))
    if user is None or not user.is_active:
        raise _unauthorized("Invalid or expired token")
    return user


CurrentUserDep = Annotated[User, Depends(get_current_user)]


async def get_current_superuser(current_user: CurrentUserDep) -> User:
    if not current_user.is_superuser:
        raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail="Superuser role required")
    return current_user


SuperuserDep = Annotated[User, Depends(get_current_superuser)]
