from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from app.core.exceptions import NotFoundError
from app.models.project import Project
from app.repositories.project import ProjectRepository
from app.schemas.project import ProjectCreate, ProjectUpdate


class ProjectService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.projects = ProjectRepository(session)

    async def list(self, *, offset: int, limit: int) -> Sequence[Project]:
        return await self.projects.list(offset=offset, limit=limit)

    async def get(self, project_id: int) -> Project:
        project = await self.projects.get(project_id)
        if project is None:
            raise NotFoundError("Project not found")
        return project

    async def create(self, data: ProjectCreate) -> Project:
        project = await self.projects.add(Project(**data.model_dump()))
        await self.session.commit()
        return project

    async def update(self, project_id: int, data: ProjectUpdate) -> Project:
        project = await self.get(project_id)
        # PATCH: only the fields the client sent.
        await self.projects.update(project, data.model_dump(exclude_unset=True))
        await self.session.commit()
        return project

    async def delete(self, project_id: int) -> None:
        project = await self.get(project_id)
        await self.projects.delete(project)
        await self.session.commit()
