"""HTTP routes for events: /events."""

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Response, status

from app.deps import SessionDep, get_current_user
from app.errors import repository_errors
from app.models.event import Event
from app.repositories.event import EventRepository
from app.schemas.common import MAX_ID, error_responses
from app.schemas.event import EventCreate, EventPublic, EventsPublic, EventUpdate

router = APIRouter(prefix="/events", tags=["events"], dependencies=[Depends(get_current_user)])


def get_repository(session: SessionDep) -> EventRepository:
    return EventRepository(session)


RepositoryDep = Annotated[EventRepository, Depends(get_repository)]


async def get_or_404(repo: EventRepository, event_id: int) -> Event:
    item = await repo.get(event_id)
    if item is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="Event not found")
    return item


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=EventPublic,
    summary="Create an event",
    responses=error_responses(401, 409),
)
async def create_event(payload: EventCreate, repo: RepositoryDep) -> Event:
    with repository_errors():
        return await repo.create(payload)


@router.get(
    "",
    summary="List events, oldest first",
    responses=error_responses(401),
)
async def list_events(
    repo: RepositoryDep,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,
) -> EventsPublic:
    items, count = await repo.page(limit=limit, offset=offset)
    return EventsPublic(data=[EventPublic.model_validate(item) for item in items], count=count)


@router.get(
    "/{event_id}",
    response_model=EventPublic,
    summary="Get an event",
    responses=error_responses(401, 404),
)
async def get_event(event_id: Annotated[int, Path(ge=1, le=MAX_ID)], repo: RepositoryDep) -> Event:
    return await get_or_404(repo, event_id)


@router.put(
    "/{event_id}",
    response_model=EventPublic,
    summary="Replace an event",
    responses=error_responses(401, 404, 409),
)
async def replace_event(
    event_id: Annotated[int, Path(ge=1, le=MAX_ID)],
    payload: EventCreate,
    repo: RepositoryDep,
) -> Event:
    item = await get_or_404(repo, event_id)
    with repository_errors():
        return await repo.replace(item, payload)


@router.patch(
    "/{event_id}",
    response_model=EventPublic,
    summary="Update some fields of an event",
    responses=error_responses(401, 404, 409),
)
async def update_event(
    event_id: Annotated[int, Path(ge=1, le=MAX_ID)],
    payload: EventUpdate,
    repo: RepositoryDep,
) -> Event:
    item = await get_or_404(repo, event_id)
    with repository_errors():
        return await repo.update(item, payload)


@router.delete(
    "/{event_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    summary="Delete an event",
    responses=error_responses(401, 404, 409),
)
async def delete_event(event_id: Annotated[int, Path(ge=1, le=MAX_ID)], repo: RepositoryDep) -> None:
    item = await get_or_404(repo, event_id)
    with repository_errors():
        await repo.delete(item)
