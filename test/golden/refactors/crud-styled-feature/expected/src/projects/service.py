from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from src.projects.models import Project
from src.projects.schemas import ProjectCreate


def get_projects(
    db: Session, owner_id: int, skip: int = 0, limit: int = 100
) -> Sequence[Project]:
    stmt = select(Project).where(Project.owner_id == owner_id)
    stmt = stmt.order_by(Project.id).offset(skip).limit(limit)
    return db.scalars(stmt).all()


def get_project(db: Session, project_id: int, owner_id: int) -> Project | None:
    """The project when it belongs to owner_id; anyone else's is not found."""
    stmt = select(Project).where(Project.id == project_id, Project.owner_id == owner_id)
    return db.scalars(stmt).first()


def create_project(db: Session, project_in: ProjectCreate, owner_id: int) -> Project:
    db_project = Project(**project_in.model_dump(), owner_id=owner_id)
    db.add(db_project)
    db.commit()
    db.refresh(db_project)
    return db_project


def update_project(
    db: Session, db_project: Project, project_in: ProjectCreate
) -> Project:
    for key, value in project_in.model_dump().items():
        setattr(db_project, key, value)
    db.commit()
    db.refresh(db_project)
    return db_project


def delete_project(db: Session, db_project: Project) -> None:
    db.delete(db_project)
    db.commit()
