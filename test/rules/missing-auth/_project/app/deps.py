"""Shared FastAPI dependencies and their Annotated aliases."""

from typing import Annotated

from fastapi import Depends, HTTPException, status
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import get_session
from app.models.user import User
from app.security import decode_access_token

SessionDep = Annotated[AsyncSession, Depends(get_session)]

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/auth/token")


async def fetch_user_from_bearer(session: SessionDep, token: Annotated[str, Depends(oauth2_scheme)]) -> User:
    subject = decode_access_token(token)
    if subject is None:
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="Invalid token")
    user = await session.get(User, int(subject))
    if user is None:
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="Invalid token")
    return user


CurrentUserDep = Annotated[User, Depends(fetch_user_from_bearer)]


async def require_admin(user: CurrentUserDep) -> User:
    if not user.is_admin:
        raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail="Admins only")
    return user


AdminDep = Annotated[User, Depends(require_admin)]


def require_scope(scope: str):
    async def checker(user: User = Depends(fetch_user_from_bearer)) -> User:
        if scope not in user.scopes:
            raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail="Missing scope")
        return user

    return checker
