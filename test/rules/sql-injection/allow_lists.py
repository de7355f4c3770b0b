"""Sorting and filtering endpoints: names that cannot be bound, chosen safely (or not)."""
import re
from enum import Enum
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query
from sqlalchemy import text

from app.constants import ALLOWED_SORT_FIELDS, SortDirection
from app.deps import SessionDep
from app.models import Invoice

router = APIRouter(prefix="/invoices", tags=["invoices"])

SortField = Literal["number", "issued_at", "total"]


class Status(str, Enum):
    draft = "draft"
    paid = "paid"


@router.get("/")
async def list_invoices(session: SessionDep, sort: SortField = "issued_at", direction: SortDirection = SortDirection.desc):
    # ok: sql-injection
    rows = await session.execute(text(f"SELECT * FROM invoices ORDER BY {sort} {direction.value}"))
    return rows.all()


@router.get("/by-status/{status}")
async def by_status(session: SessionDep, status: Status):
    # ok: sql-injection
    rows = await session.execute(text(f"SELECT * FROM invoices WHERE status = '{status.value}'"))
    return rows.all()


@router.get("/sorted")
async def sorted_invoices(session: SessionDep, sort_by: str = "issued_at"):
    if sort_by not in ALLOWED_SORT_FIELDS:
        raise HTTPException(status_code=422, detail="cannot sort by that")
    # ok: sql-injection
    rows = await session.execute(text(f"SELECT * FROM invoices ORDER BY {sort_by}"))
    return rows.all()


@router.get("/column/{name}")
async def one_column(session: SessionDep, name: str):
    if not name.isidentifier():
        raise HTTPException(status_code=422)
    if name not in Invoice.__table__.columns.keys():
        raise HTTPException(status_code=404)
    # ok: sql-injection
    rows = await session.execute(text(f"SELECT {name} FROM {Invoice.__tablename__}"))
    return rows.scalars().all()


@router.get("/pattern/{column}")
async def pattern_checked(session: SessionDep, column: str):
    if not re.fullmatch(r"[a-z_]+", column):
        raise HTTPException(status_code=422)
    # ok: sql-injection
    rows = await session.execute(text(f"SELECT {column} FROM invoices"))
    return rows.all()


@router.get("/unchecked/{column}")
async def unchecked(session: SessionDep, column: str):
    if column.startswith("_"):
        raise HTTPException(status_code=422)
    # ruleid: sql-injection
    rows = await session.execute(text(f"SELECT {column} FROM invoices"))
    return rows.all()


@router.get("/partition/{year}")
async def partitions(session: SessionDep):
    for year in range(2020, 2026):
        # ok: sql-injection
        await session.execute(text(f"CREATE TABLE IF NOT EXISTS invoices_{year} PARTITION OF invoices FOR VALUES FROM ('{year}-01-01') TO ('{year + 1}-01-01')"))


@router.get("/report")
async def report(session: SessionDep, customer: str, since: Annotated[str, Query()]):
    parts = ["SELECT number, total FROM invoices"]
    parts.append(f"WHERE customer = '{customer}'")
    parts.append(f"AND issued_at >= '{since}'")
    # ruleid: sql-injection
    rows = await session.execute(text(" ".join(parts)))
    return rows.all()


@router.get("/report-safe")
async def report_safe(session: SessionDep, customer: str):
    parts = ["SELECT number, total FROM invoices"]
    parts.append("WHERE customer = :customer")
    # ok: sql-injection
    rows = await session.execute(text(" ".join(parts)), {"customer": customer})
    return rows.all()


@router.get("/guarded-inside")
async def guarded_inside(session: SessionDep, field: str, value: str):
    if field in {"number", "customer"}:
        # ok: sql-injection
        rows = await session.execute(text(f"SELECT * FROM invoices WHERE {field} = :v"), {"v": value})
        return rows.all()
    return []


@router.get("/defaulted")
async def defaulted(session: SessionDep, order: str = "asc"):
    if order.lower() not in ("asc", "desc"):
        order = "asc"
    # ruleid: sql-injection
    rows = await session.execute(text(f"SELECT * FROM invoices ORDER BY issued_at {order}"))
    return rows.all()


from app.schemas import InvoiceSortField  # noqa: E402


@router.get("/imported-enum")
async def imported_enum(session: SessionDep, sort: InvoiceSortField = Query("number")):
    # ok: sql-injection
    rows = await session.execute(text(f"SELECT * FROM invoices ORDER BY {sort}"))
    return rows.all()


@router.get("/lookup")
async def lookup(session: SessionDep, by: str = "newest"):
    column = {"newest": "issued_at DESC", "largest": "total DESC"}.get(by)
    # ok: sql-injection
    rows = await session.execute(text(f"SELECT * FROM invoices ORDER BY {column}"))
    return rows.all()
