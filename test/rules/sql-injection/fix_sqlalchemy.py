from fastapi import APIRouter
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.deps import SessionDep

router = APIRouter(prefix="/reports", tags=["reports"])


@router.get("/users/{email}")
async def user_by_email(email: str, session: SessionDep):
    # ruleid: sql-injection
    result = await session.execute(text(f"SELECT id, email FROM users WHERE email = '{email}'"))
    return result.mappings().first()


async def orders_since(session: AsyncSession, customer_id: int, since: str):
    # ruleid: sql-injection
    stmt = text(f"SELECT * FROM orders WHERE customer_id = {customer_id} AND created_at >= '{since}'")
    return (await session.execute(stmt)).all()


async def count_for(session: AsyncSession, payload):
    # ruleid: sql-injection
    return await session.scalar(text("SELECT count(*) FROM events WHERE kind = '%s'" % payload.kind))


def sort_clause(query, sort_by: str):
    # ruleid: sql-injection
    return query.order_by(text(f"{sort_by} DESC"))


async def by_day(session: AsyncSession, day: str):
    # a ::date cast right after the value would hide a :name parameter: no rewrite
    # ruleid: sql-injection
    return (await session.execute(text(f"SELECT * FROM visits WHERE day = '{day}'::date"))).all()
