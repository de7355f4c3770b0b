"""Authorization built from factories and callable classes, the way larger apps compose it."""

from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request, Security
from fastapi.security import SecurityScopes

from app.auth_service import auth_service
from app.db import get_session


class _Authenticator:
    def __init__(self, allowed: set[str]) -> None:
        self.allowed = allowed


def Authenticator(allowed: set[str], scopes: set[str] | None = None) -> _Authenticator:
    """Builds a dependency whose __call__ asks for the subject with the given scopes."""

    class _Scoped(_Authenticator):
        async def __call__(self, subject: Any = Security(auth_service.subject, scopes=sorted(scopes or set()))) -> Any:
            return subject

    return _Scoped(allowed)


_OrdersRead = Authenticator(allowed={"user"}, scopes={"orders:read"})
OrdersRead = Annotated[Any, Depends(_OrdersRead)]


def PolicyGuard(policy: str) -> Any:
    _authenticator = Authenticator(allowed={"user"})

    async def dependency(id: int, subject: Annotated[Any, Depends(_authenticator)]) -> Any:
        return subject

    return dependency


OrderWrite = Annotated[Any, Depends(PolicyGuard("orders:write"))]


class RoleCheck:
    def __init__(self, roles: set[str]) -> None:
        self.roles = roles

    async def __call__(self, subject: OrdersRead) -> Any:
        if subject.role not in self.roles:
            raise HTTPException(status_code=403)
        return subject


BillingWrite = Annotated[Any, Depends(RoleCheck({"owner", "billing"}))]


async def get_admin(request: Request, session=Depends(get_session)) -> Any:
    user_session = await auth_service.authenticate(session, request)
    if user_session is None:
        raise HTTPException(status_code=401, detail="Unauthorized")
    if not user_session.user.is_admin:
        raise HTTPException(status_code=403, detail="Forbidden")
    return user_session


async def get_locale(request: Request) -> str:
    if "lang" not in request.cookies:
        raise HTTPException(status_code=400, detail="no locale")
    return request.cookies["lang"]
