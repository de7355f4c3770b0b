from fastapi import APIRouter, HTTPException
from sqlalchemy import select

from app.deps import SessionDep
from app.models.book import Book
from app.schemas.book import BookPublic

router = APIRouter(prefix="/books")


@router.get("/{book_id}", response_model=BookPublic)
async def get_book(book_id: int, session: SessionDep):
    book = await session.get(Book, book_id)
    if book is None:
        raise HTTPException(status_code=404)
    return book


@router.get("")
async def list_books(session: SessionDep):
    return list(await session.scalars(select(Book)))
