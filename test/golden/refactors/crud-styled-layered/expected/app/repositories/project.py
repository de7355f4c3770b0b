from collections.abc import Sequence

from sqlalchemy import select

from app.models.project import Project
from app.repositories.base import BaseRepository


class ProjectRepository(BaseRepository[Project]):
    model = Project

    async def list_by_author(
        self, author_id: int, *, offset: int = 0, limit: int = 100
    ) -> Sequence[Project]:
        stmt = (
            select(Project)
            .where(Project.author_id == author_id)
            .order_by(Project.id)
            .offset(offset)
            .limit(limit)
        )
        result = await self.session.scalars(stmt)
        return result.all()
