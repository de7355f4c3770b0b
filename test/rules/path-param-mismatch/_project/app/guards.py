"""Dependencies defined in another module that take path placeholders themselves."""

from typing import Annotated, Any

from fastapi import Depends, Request

from app.db import get_session


def AccountGuard(policy: str) -> Any:
    async def dependency(id: int, session=Depends(get_session)) -> Any:
        return {"id": id, "policy": policy}

    return dependency


AuthorizeAccountRead = Annotated[Any, Depends(AccountGuard("read"))]


async def get_project(project_id: int, session=Depends(get_session)) -> Any:
    return {"id": project_id}


ProjectDep = Annotated[Any, Depends(get_project)]


class MemberLookup:
    async def __call__(self, member_id: int) -> Any:
        return {"id": member_id}


member_lookup = MemberLookup()


async def from_path(request: Request) -> Any:
    return request.path_params


async def get_settings() -> dict:
    return {}


PathParams = Annotated[Any, Depends(from_path)]
