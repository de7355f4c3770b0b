"""HTTP routes for authors: /authors."""

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Response, status

from app.deps import SessionDep, get_current_user
from app.errors import repository_errors
from app.models.author import Author
from app.repositories.author import AuthorRepository
from app.schemas.author import AuthorCreate, AuthorPublic, AuthorsPublic, AuthorUpdate
from app.schemas.common import MAX_ID, error_responses

router = APIRouter(prefix="/authors", tags=["authors"])


def get_repository(session: SessionDep) -> AuthorRepository:
    return AuthorRepository(session)


RepositoryDep = Annotated[AuthorRepository, Depends(get_repository)]


async def get_or_404(repo: AuthorRepository, author_id: int) -> Author:
    item = await repo.get(author_id)
    if item is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="Author not found")
    return item


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=AuthorPublic,
    summary="Create an author",
    dependencies=[Depends(get_current_user)],
    responses=error_responses(401, 409),
)
async def create_author(payload: AuthorCreate, repo: RepositoryDep) -> Author:
    with repository_errors():
        return await repo.create(payload)


@router.get(
    "",
    summary="List authors, oldest first",
)
async def list_authors(
    repo: RepositoryDep,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,
) -> AuthorsPublic:
    items, count = await repo.page(limit=limit, offset=offset)
    return AuthorsPublic(data=[AuthorPublic.model_validate(item) for item in items], count=count)


@router.get(
    "/{author_id}",
    response_model=AuthorPublic,
    summary="Get an author",
    responses=error_responses(404),
)
async def get_author(author_id: Annotated[int, Path(ge=1, le=MAX_ID)], repo: RepositoryDep) -> Author:
    return await get_or_404(repo, author_id)


@router.put(
    "/{author_id}",
    response_model=AuthorPublic,
    summary="Replace an author",
    dependencies=[Depends(get_current_user)],
    responses=error_responses(401, 404, 409),
)
async def replace_author(
    author_id: Annotated[int, Path(ge=1, le=MAX_ID)],
    payload: AuthorCreate,
    repo: RepositoryDep,
) -> Author:
    item = await get_or_404(repo, author_id)
    with repository_errors():
        return await repo.replace(item, payload)


@router.patch(
    "/{author_id}",
    response_model=AuthorPublic,
    summary="Update some fields of an author",
    dependencies=[Depends(get_current_user)],
    responses=error_responses(401, 404, 409),
)
async def update_author(
    author_id: Annotated[int, Path(ge=1, le=MAX_ID)],
    payload: AuthorUpdate,
    repo: RepositoryDep,
) -> Author:
    item = await get_or_404(repo, author_id)
    with repository_errors():
        return await repo.update(item, payload)


@router.delete(
    "/{author_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    summary="Delete an author",
    dependencies=[Depends(get_current_user)],
    responses=error_responses(401, 404, 409),
)
async def delete_author(author_id: Annotated[int, Path(ge=1, le=MAX_ID)], repo: RepositoryDep) -> None:
    item = await get_or_404(repo, author_id)
    with repository_errors():
        await repo.delete(item)
