"""Class-based view bases and router classes that carry the caller's identity for every route."""

from typing import Any

from fastapi import APIRouter, Depends
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import get_session
from app.deps import CurrentUserDep, fetch_user_from_bearer, require_admin
from app.models.user import User


class BaseController:
    session: AsyncSession = Depends(get_session)


class BasePublicController(BaseController):
    pass


class BaseUserController(BaseController):
    user: User = Depends(fetch_user_from_bearer)


class BaseAliasController(BaseController):
    user: CurrentUserDep


class BaseAdminController(BaseUserController):
    user: User = Depends(require_admin)


class BaseCrudController(BaseUserController):
    page_size: int = 50


class UserAPIRouter(APIRouter):
    def __init__(self, prefix: str = "", **kwargs: Any) -> None:
        super().__init__(prefix=prefix, dependencies=[Depends(fetch_user_from_bearer)], **kwargs)


class TaggedRouter(APIRouter):
    def __init__(self, prefix: str = "", **kwargs: Any) -> None:
        super().__init__(prefix=prefix, tags=["tagged"], **kwargs)
