"""Async SQLAlchemy engine, session factory and the declarative base."""

from collections.abc import AsyncIterator

from sqlalchemy import BigInteger, Integer, event
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase

from app.settings import settings


class Base(DeclarativeBase):
    pass


# Primary keys (and the foreign keys that copy their type): BIGINT on PostgreSQL, so
# every id up to app.schemas.common.MAX_ID fits; INTEGER on SQLite, the only spelling
# that makes the column the 64-bit rowid (and so auto-incrementing).
IdType = BigInteger().with_variant(Integer, "sqlite")


engine = create_async_engine(settings.database_url, echo=settings.sql_echo, pool_pre_ping=True)
SessionLocal = async_sessionmaker(engine, expire_on_commit=False)

if engine.dialect.name == "sqlite":
    # SQLite ignores foreign keys unless asked, per connection.
    @event.listens_for(engine.sync_engine, "connect")
    def _enable_sqlite_foreign_keys(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


async def get_session() -> AsyncIterator[AsyncSession]:
    async with SessionLocal() as session:
        yield session
