# Placeholders consumed by dependencies that live in another module: the
# project facts say which parameters FastAPI fills for them.
from typing import Annotated, Any

from fastapi import APIRouter, Depends

from app.guards import AuthorizeAccountRead, ProjectDep, from_path, get_settings, member_lookup

router = APIRouter()


# ok: path-param-mismatch
@router.get("/accounts/{id}")
async def get_account(authz: AuthorizeAccountRead) -> Any:
    return authz


# ok: path-param-mismatch
@router.get("/projects/{project_id}/summary")
async def project_summary(project: ProjectDep) -> Any:
    return project


# ok: path-param-mismatch
@router.get("/members/{member_id}")
async def get_member(member: Annotated[Any, Depends(member_lookup)]) -> Any:
    return member


# ok: path-param-mismatch
@router.get("/raw/{anything}")
async def raw(params: Annotated[Any, Depends(from_path)]) -> Any:
    return params


# ruleid: path-param-mismatch
@router.get("/accounts/{id}/settings/{section}")
async def account_settings(authz: AuthorizeAccountRead, settings: Annotated[dict, Depends(get_settings)]) -> Any:
    return settings
