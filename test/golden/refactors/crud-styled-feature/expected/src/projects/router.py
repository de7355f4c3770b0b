from collections.abc import Sequence

from fastapi import APIRouter, Depends, HTTPException, Response, status
from sqlalchemy.orm import Session

from src.auth.dependencies import get_current_active_user
from src.auth.models import User
from src.database import get_db
from src.projects import service
from src.projects.models import Project
from src.projects.schemas import ProjectCreate, ProjectPublic

router = APIRouter(prefix="/projects", tags=["projects"])


@router.get("/", response_model=list[ProjectPublic])
def read_projects(
    db: Session = Depends(get_db),
    current_user: User = Depends(get_current_active_user),
    skip: int = 0,
    limit: int = 100,
) -> Sequence[Project]:
    return service.get_projects(db, int(current_user.id), skip=skip, limit=limit)


@router.post("/", response_model=ProjectPublic, status_code=status.HTTP_201_CREATED)
def create_project(
    project_in: ProjectCreate,
    db: Session = Depends(get_db),
    current_user: User = Depends(get_current_active_user),
) -> Project:
    return service.create_project(db, project_in, int(current_user.id))


@router.get("/{project_id}", response_model=ProjectPublic)
def read_project(
    project_id: int,
    db: Session = Depends(get_db),
    current_user: User = Depends(get_current_active_user),
) -> Project:
    db_project = service.get_project(db, project_id, int(current_user.id))
    if db_project is None:
        raise HTTPException(status_code=404, detail="Project not found")
    return db_project


@router.put("/{project_id}", response_model=ProjectPublic)
def update_project(
    project_id: int,
    project_in: ProjectCreate,
    db: Session = Depends(get_db),
    current_user: User = Depends(get_current_active_user),
) -> Project:
    db_project = service.get_project(db, project_id, int(current_user.id))
    if db_project is None:
        raise HTTPException(status_code=404, detail="Project not found")
    return service.update_project(db, db_project, project_in)


@router.delete("/{project_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_project(
    project_id: int,
    db: Session = Depends(get_db),
    current_user: User = Depends(get_current_active_user),
) -> Response:
    db_project = service.get_project(db, project_id, int(current_user.id))
    if db_project is None:
        raise HTTPException(status_code=404, detail="Project not found")
    service.delete_project(db, db_project)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
