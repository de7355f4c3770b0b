"""SQLAlchemy 2.0 repository with a few raw-SQL escape hatches."""
import enum
from typing import Annotated, Literal

import pandas as pd
import sqlalchemy as sa
from fastapi import APIRouter, HTTPException, Query
from pydantic import BaseModel
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from app.db import engine
from app.deps import SessionDep
from app.models import User

router = APIRouter(prefix="/users", tags=["users"])

SORT_COLUMNS = {"name": "users.name", "joined": "users.created_at"}
REPORT_SQL = "SELECT date(created_at) AS day, count(*) AS n FROM users GROUP BY day"


class SortOrder(str, enum.Enum):
    asc = "asc"
    desc = "desc"


class ListParams(BaseModel):
    sort: Literal["name", "email", "created_at"] = "created_at"
    limit: int = 50


class UserRepository:
    table = "users"

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def search(self, term: str):
        # ruleid: sql-injection
        stmt = sa.text(f"SELECT * FROM users WHERE name ILIKE '%{term}%' OR email ILIKE '%{term}%'")
        return (await self.session.execute(stmt)).all()

    async def by_ids(self, raw_ids: str):
        # ruleid: sql-injection
        result = await self.session.execute(text("SELECT * FROM users WHERE id IN (" + raw_ids + ")"))
        return result.all()

    async def purge(self, days: str):
        async with self.session.bind.connect() as conn:
            # ruleid: sql-injection
            await conn.exec_driver_sql(f"DELETE FROM audit_log WHERE created_at < now() - interval '{days} days'")

    async def count_active(self):
        # ok: sql-injection
        return await self.session.scalar(text(f"SELECT count(*) FROM {self.table} WHERE active"))

    async def get(self, user_id: int):
        # ok: sql-injection
        return await self.session.scalar(select(User).where(User.id == user_id))

    async def by_email(self, email: str):
        # ok: sql-injection
        result = await self.session.execute(text("SELECT * FROM users WHERE email = :email"), {"email": email})
        return result.first()

    async def bound_later(self, email: str):
        # ok: sql-injection
        stmt = text("SELECT * FROM users WHERE email = :email").bindparams(email=email)
        return (await self.session.execute(stmt)).first()


def filter_by_raw(session: Session, clause: str):
    # ruleid: sql-injection
    return session.query(User).filter(text(f"status = '{clause}'")).all()


def grouped(session: Session, field: str):
    # ruleid: sql-injection
    return session.execute(select(User.role).group_by(text(field + " ASC"))).all()


def export(db_url: str, tenant: str) -> pd.DataFrame:
    # ruleid: sql-injection
    return pd.read_sql(f"SELECT * FROM invoices WHERE tenant = '{tenant}'", engine)


def export_query(tenant_id) -> pd.DataFrame:
    sql = "SELECT * FROM payments WHERE tenant_id = %s" % tenant_id
    # ruleid: sql-injection
    return pd.read_sql_query(sql, engine)


def daily_report() -> pd.DataFrame:
    # ok: sql-injection
    return pd.read_sql(REPORT_SQL, engine)


def tenant_report(tenant_id: int) -> pd.DataFrame:
    # ok: sql-injection
    return pd.read_sql(text("SELECT * FROM payments WHERE tenant_id = :t"), engine, params={"t": tenant_id})


@router.get("/")
async def list_users(
    session: SessionDep,
    sort: Annotated[Literal["name", "email"], Query()] = "name",
    order: SortOrder = SortOrder.asc,
):
    # ok: sql-injection
    rows = await session.execute(text(f"SELECT * FROM users ORDER BY {sort} {order.value}"))
    return rows.mappings().all()


@router.get("/sorted")
async def sorted_users(session: SessionDep, sort_by: str = "name"):
    if sort_by not in SORT_COLUMNS:
        raise HTTPException(status_code=400, detail="unknown sort column")
    # ok: sql-injection
    rows = await session.execute(text(f"SELECT * FROM users ORDER BY {SORT_COLUMNS[sort_by]}"))
    return rows.all()


@router.get("/paged")
async def paged(session: SessionDep, params: Annotated[ListParams, Query()]):
    # ok: sql-injection
    rows = await session.execute(text(f"SELECT * FROM users ORDER BY {params.sort} LIMIT :n"), {"n": params.limit})
    return rows.all()


@router.get("/columns")
async def pick_columns(session: SessionDep, wanted: str):
    columns = []
    for column in ("id", "name", "email"):
        if column in wanted.split(","):
            columns.append(column)
    # ok: sql-injection
    rows = await session.execute(text(f"SELECT {', '.join(columns)} FROM users"))
    return rows.all()


@router.get("/by-role/{role}")
async def by_role(role: str, session: SessionDep):
    # ruleid: sql-injection
    rows = await session.execute(text(f"SELECT * FROM users WHERE role = '{role}'"))
    return rows.all()


@router.get("/filter")
async def filtered(session: SessionDep, name: str | None = None, min_age: int | None = None):
    conditions: list[str] = []
    params: dict[str, object] = {}
    if name is not None:
        conditions.append("name = :name")
        params["name"] = name
    if min_age is not None:
        conditions.append("age >= :min_age")
        params["min_age"] = min_age
    query = "SELECT * FROM users"
    if conditions:
        query += " WHERE " + " AND ".join(conditions)
    # ok: sql-injection
    rows = await session.execute(text(query), params)
    return rows.all()


@router.get("/filter-unsafe")
async def filtered_unsafe(session: SessionDep, name: str | None = None):
    conditions = []
    if name:
        conditions.append(f"name = '{name}'")
    query = "SELECT * FROM users WHERE " + " AND ".join(conditions)
    # ruleid: sql-injection
    rows = await session.execute(text(query))
    return rows.all()


def docstring_mention():
    """Run SELECT * FROM users WHERE id = {user_id} through the ORM instead."""
    # ok: sql-injection
    message = "SELECT {} FROM {}".format("this", "that")
    return message
