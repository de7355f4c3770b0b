from collections.abc import Sequence

from fastapi import APIRouter, status

from app.api.deps import CurrentUser, ProjectServiceDep
from app.models.project import Project
from app.schemas.project import ProjectCreate, ProjectRead, ProjectUpdate

router = APIRouter()


@router.get("", response_model=list[ProjectRead])
async def list_projects(
    current_user: CurrentUser, projects: ProjectServiceDep, offset: int = 0, limit: int = 100
) -> Sequence[Project]:
    return await projects.list(current_user, offset=offset, limit=limit)


@router.post("", response_model=ProjectRead, status_code=status.HTTP_201_CREATED)
async def create_project(
    data: ProjectCreate, current_user: CurrentUser, projects: ProjectServiceDep
) -> Project:
    return await projects.create(data, current_user)


@router.get("/{project_id}", response_model=ProjectRead)
async def read_project(
    project_id: int, current_user: CurrentUser, projects: ProjectServiceDep
) -> Project:
    return await projects.get(project_id, current_user)


@router.patch("/{project_id}", response_model=ProjectRead)
async def update_project(
    project_id: int, data: ProjectUpdate, current_user: CurrentUser, projects: ProjectServiceDep
) -> Project:
    return await projects.update(project_id, data, current_user)


@router.delete("/{project_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_project(
    project_id: int, current_user: CurrentUser, projects: ProjectServiceDep
) -> None:
    await projects.delete(project_id, current_user)
