"""HTTP routes for projects."""

import uuid

from fastapi import APIRouter, HTTPException, status

from app import crud
from app.api.deps import CurrentUser, SessionDep
from app.models import Project, ProjectCreate, ProjectPublic, ProjectsPublic, ProjectUpdate

router = APIRouter(prefix="/projects", tags=["projects"])


def get_project_or_404(
    session: SessionDep, current_user: CurrentUser, project_id: uuid.UUID
) -> Project:
    project = crud.get_project(session=session, project_id=project_id)
    if project is None:
        raise HTTPException(status_code=404, detail="Project not found")
    if not current_user.is_superuser and project.owner_id != current_user.id:
        raise HTTPException(status_code=403, detail="Not enough permissions")
    return project


@router.get("/", response_model=ProjectsPublic)
def read_projects(
    session: SessionDep, current_user: CurrentUser, skip: int = 0, limit: int = 100
) -> ProjectsPublic:
    projects, count = crud.get_projects(
        session=session,
        skip=skip,
        limit=limit,
        owner_id=None if current_user.is_superuser else current_user.id,
    )
    return ProjectsPublic(
        data=[ProjectPublic.model_validate(project) for project in projects],
        count=count,
    )


@router.get("/{project_id}", response_model=ProjectPublic)
def read_project(
    session: SessionDep, current_user: CurrentUser, project_id: uuid.UUID
) -> Project:
    return get_project_or_404(session, current_user, project_id)


@router.post("/", response_model=ProjectPublic, status_code=status.HTTP_201_CREATED)
def create_project(
    *, session: SessionDep, current_user: CurrentUser, project_in: ProjectCreate
) -> Project:
    return crud.create_project(
        session=session, project_in=project_in, owner_id=current_user.id
    )


@router.put("/{project_id}", response_model=ProjectPublic)
def update_project(
    *,
    session: SessionDep,
    current_user: CurrentUser,
    project_id: uuid.UUID,
    project_in: ProjectUpdate,
) -> Project:
    db_project = get_project_or_404(session, current_user, project_id)
    return crud.update_project(
        session=session, db_project=db_project, project_in=project_in
    )


@router.delete("/{project_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_project(
    session: SessionDep, current_user: CurrentUser, project_id: uuid.UUID
) -> None:
    db_project = get_project_or_404(session, current_user, project_id)
    crud.delete_project(session=session, db_project=db_project)
