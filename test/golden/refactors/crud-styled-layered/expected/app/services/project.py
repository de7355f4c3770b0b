from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from app.core.exceptions import NotFoundError, PermissionDeniedError
from app.models.project import Project
from app.models.user import User
from app.repositories.project import ProjectRepository
from app.schemas.project import ProjectCreate, ProjectUpdate


class ProjectService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.projects = ProjectRepository(session)

    async def list(self, user: User, *, offset: int, limit: int) -> Sequence[Project]:
        return await self.projects.list_by_author(user.id, offset=offset, limit=limit)

    async def get(self, project_id: int, user: User) -> Project:
        project = await self.projects.get(project_id)
        if project is None:
            raise NotFoundError("Project not found")
        if project.author_id != user.id:
            raise PermissionDeniedError("Not the author of this project")
        return project

    async def create(self, data: ProjectCreate, user: User) -> Project:
        project = await self.projects.add(Project(**data.model_dump(), author_id=user.id))
        await self.session.commit()
        return project

    async def update(self, project_id: int, data: ProjectUpdate, user: User) -> Project:
        project = await self.get(project_id, user)
        # PATCH: only the fields the client sent.
        await self.projects.update(project, data.model_dump(exclude_unset=True))
        await self.session.commit()
        return project

    async def delete(self, project_id: int, user: User) -> None:
        project = await self.get(project_id, user)
        await self.projects.delete(project)
        await self.session.commit()
