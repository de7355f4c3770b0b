"""A generic async repository: every query is a SQLAlchemy construct with bound parameters."""

from collections.abc import Mapping
from typing import Any, ClassVar, Generic, TypeVar

from pydantic import BaseModel
from sqlalchemy import func, inspect, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import Base

ModelT = TypeVar("ModelT", bound=Base)


class ConflictError(Exception):
    """A write broke a unique or foreign-key constraint."""


class ReferenceNotFoundError(Exception):
    """A write names a related row that does not exist."""

    def __init__(self, field: str, value: object, target: str) -> None:
        super().__init__(f"{target} {value} does not exist")
        self.field = field
        self.value = value


class Repository(Generic[ModelT]):
    model: type[ModelT]
    # Foreign-key fields checked before a write: field name -> referenced model.
    references: ClassVar[Mapping[str, type[Base]]] = {}

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, item_id: int) -> ModelT | None:
        return await self.session.get(self.model, item_id)

    async def page(self, *, limit: int, offset: int) -> tuple[list[ModelT], int]:
        """One page in primary-key order, and the total count."""
        total = await self.session.scalar(select(func.count()).select_from(self.model))
        query = select(self.model).order_by(*inspect(self.model).primary_key).limit(limit).offset(offset)
        rows = await self.session.scalars(query)
        return list(rows), total or 0

    async def create(self, data: BaseModel) -> ModelT:
        values = data.model_dump()
        await self._check_references(values)
        item = self.model(**values)
        self.session.add(item)
        await self._commit()
        return item

    async def replace(self, item: ModelT, data: BaseModel) -> ModelT:
        return await self._write(item, data.model_dump())

    async def update(self, item: ModelT, data: BaseModel) -> ModelT:
        return await self._write(item, data.model_dump(exclude_unset=True))

    async def delete(self, item: ModelT) -> None:
        await self.session.delete(item)
        await self._commit()

    async def _write(self, item: ModelT, values: dict[str, Any]) -> ModelT:
        await self._check_references(values)
        for name, value in values.items():
            setattr(item, name, value)
        await self._commit()
        return item

    async def _check_references(self, values: Mapping[str, Any]) -> None:
        # Runs in the same transaction as the write that follows; FOR SHARE keeps
        # the referenced row from being deleted before the commit (on PostgreSQL).
        for field, target in self.references.items():
            value = values.get(field)
            if value is None:
                continue
            key = inspect(target).primary_key[0]
            found = await self.session.scalar(select(key).where(key == value).with_for_update(read=True))
            if found is None:
                raise ReferenceNotFoundError(field, value, target.__name__)

    async def _commit(self) -> None:
        try:
            await self.session.commit()
        except IntegrityError as exc:
            await self.session.rollback()
            raise ConflictError(
                "conflicts with an existing record (a unique value is taken, or the record is still referenced)"
            ) from exc
