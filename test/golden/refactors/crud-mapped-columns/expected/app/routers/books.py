"""HTTP routes for books: /books."""

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Response, status

from app.deps import SessionDep, get_current_user
from app.errors import repository_errors
from app.models.book import Book
from app.repositories.book import BookRepository
from app.schemas.book import BookCreate, BookPublic, BooksPublic, BookUpdate
from app.schemas.common import MAX_ID, error_responses

router = APIRouter(prefix="/books", tags=["books"])


def get_repository(session: SessionDep) -> BookRepository:
    return BookRepository(session)


RepositoryDep = Annotated[BookRepository, Depends(get_repository)]


async def get_or_404(repo: BookRepository, book_id: int) -> Book:
    item = await repo.get(book_id)
    if item is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="Book not found")
    return item


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=BookPublic,
    summary="Create a book",
    dependencies=[Depends(get_current_user)],
    responses=error_responses(401, 409),
)
async def create_book(payload: BookCreate, repo: RepositoryDep) -> Book:
    with repository_errors():
        return await repo.create(payload)


@router.get(
    "",
    summary="List books, oldest first",
)
async def list_books(
    repo: RepositoryDep,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,
) -> BooksPublic:
    items, count = await repo.page(limit=limit, offset=offset)
    return BooksPublic(data=[BookPublic.model_validate(item) for item in items], count=count)


@router.get(
    "/{book_id}",
    response_model=BookPublic,
    summary="Get a book",
    responses=error_responses(404),
)
async def get_book(book_id: Annotated[int, Path(ge=1, le=MAX_ID)], repo: RepositoryDep) -> Book:
    return await get_or_404(repo, book_id)


@router.put(
    "/{book_id}",
    response_model=BookPublic,
    summary="Replace a book",
    dependencies=[Depends(get_current_user)],
    responses=error_responses(401, 404, 409),
)
async def replace_book(
    book_id: Annotated[int, Path(ge=1, le=MAX_ID)],
    payload: BookCreate,
    repo: RepositoryDep,
) -> Book:
    item = await get_or_404(repo, book_id)
    with repository_errors():
        return await repo.replace(item, payload)


@router.patch(
    "/{book_id}",
    response_model=BookPublic,
    summary="Update some fields of a book",
    dependencies=[Depends(get_current_user)],
    responses=error_responses(401, 404, 409),
)
async def update_book(book_id: Annotated[int, Path(ge=1, le=MAX_ID)], payload: BookUpdate, repo: RepositoryDep) -> Book:
    item = await get_or_404(repo, book_id)
    with repository_errors():
        return await repo.update(item, payload)


@router.delete(
    "/{book_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    summary="Delete a book",
    dependencies=[Depends(get_current_user)],
    responses=error_responses(401, 404, 409),
)
async def delete_book(book_id: Annotated[int, Path(ge=1, le=MAX_ID)], repo: RepositoryDep) -> None:
    item = await get_or_404(repo, book_id)
    with repository_errors():
        await repo.delete(item)
