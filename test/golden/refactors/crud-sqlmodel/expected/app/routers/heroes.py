"""HTTP routes for heroes: /heroes."""

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Response, status

from app.deps import SessionDep, get_current_user
from app.errors import repository_errors
from app.models.hero import Hero
from app.repositories.hero import HeroRepository
from app.schemas.common import MAX_ID, error_responses
from app.schemas.hero import HeroCreate, HeroesPublic, HeroPublic, HeroUpdate

router = APIRouter(prefix="/heroes", tags=["heroes"], dependencies=[Depends(get_current_user)])


def get_repository(session: SessionDep) -> HeroRepository:
    return HeroRepository(session)


RepositoryDep = Annotated[HeroRepository, Depends(get_repository)]


async def get_or_404(repo: HeroRepository, hero_id: int) -> Hero:
    item = await repo.get(hero_id)
    if item is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="Hero not found")
    return item


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=HeroPublic,
    summary="Create a hero",
    responses=error_responses(401, 409),
)
async def create_hero(payload: HeroCreate, repo: RepositoryDep) -> Hero:
    with repository_errors():
        return await repo.create(payload)


@router.get(
    "",
    summary="List heroes, oldest first",
    responses=error_responses(401),
)
async def list_heroes(
    repo: RepositoryDep,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,
) -> HeroesPublic:
    items, count = await repo.page(limit=limit, offset=offset)
    return HeroesPublic(data=[HeroPublic.model_validate(item) for item in items], count=count)


@router.get(
    "/{hero_id}",
    response_model=HeroPublic,
    summary="Get a hero",
    responses=error_responses(401, 404),
)
async def get_hero(hero_id: Annotated[int, Path(ge=1, le=MAX_ID)], repo: RepositoryDep) -> Hero:
    return await get_or_404(repo, hero_id)


@router.put(
    "/{hero_id}",
    response_model=HeroPublic,
    summary="Replace a hero",
    responses=error_responses(401, 404, 409),
)
async def replace_hero(
    hero_id: Annotated[int, Path(ge=1, le=MAX_ID)],
    payload: HeroCreate,
    repo: RepositoryDep,
) -> Hero:
    item = await get_or_404(repo, hero_id)
    with repository_errors():
        return await repo.replace(item, payload)


@router.patch(
    "/{hero_id}",
    response_model=HeroPublic,
    summary="Update some fields of a hero",
    responses=error_responses(401, 404, 409),
)
async def update_hero(hero_id: Annotated[int, Path(ge=1, le=MAX_ID)], payload: HeroUpdate, repo: RepositoryDep) -> Hero:
    item = await get_or_404(repo, hero_id)
    with repository_errors():
        return await repo.update(item, payload)


@router.delete(
    "/{hero_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    summary="Delete a hero",
    responses=error_responses(401, 404, 409),
)
async def delete_hero(hero_id: Annotated[int, Path(ge=1, le=MAX_ID)], repo: RepositoryDep) -> None:
    item = await get_or_404(repo, hero_id)
    with repository_errors():
        await repo.delete(item)
