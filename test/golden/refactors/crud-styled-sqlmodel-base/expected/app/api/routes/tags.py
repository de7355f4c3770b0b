"""HTTP routes for tags."""

import uuid

from fastapi import APIRouter, HTTPException, status

from app import crud
from app.api.deps import CurrentUser, SessionDep
from app.models import Tag, TagCreate, TagPublic, TagsPublic, TagUpdate

router = APIRouter(prefix="/tags", tags=["tags"])


def get_tag_or_404(session: SessionDep, current_user: CurrentUser, tag_id: uuid.UUID) -> Tag:
    tag = crud.get_tag(session=session, tag_id=tag_id)
    if tag is None:
        raise HTTPException(status_code=404, detail="Tag not found")
    if not current_user.is_superuser and tag.owner_id != current_user.id:
        raise HTTPException(status_code=403, detail="Not enough permissions")
    return tag


@router.get("/", response_model=TagsPublic)
def list_tags(
    session: SessionDep, current_user: CurrentUser, skip: int = 0, limit: int = 100
) -> TagsPublic:
    tags, count = crud.list_tags(
        session=session,
        skip=skip,
        limit=limit,
        owner_id=None if current_user.is_superuser else current_user.id,
    )
    return TagsPublic(data=[TagPublic.model_validate(tag) for tag in tags], count=count)


@router.get("/{tag_id}", response_model=TagPublic)
def read_tag(session: SessionDep, current_user: CurrentUser, tag_id: uuid.UUID) -> Tag:
    return get_tag_or_404(session, current_user, tag_id)


@router.post("/", response_model=TagPublic, status_code=status.HTTP_201_CREATED)
def create_tag(*, session: SessionDep, current_user: CurrentUser, tag_in: TagCreate) -> Tag:
    return crud.create_tag(session=session, tag_in=tag_in, owner_id=current_user.id)


@router.put("/{tag_id}", response_model=TagPublic)
def update_tag(
    *, session: SessionDep, current_user: CurrentUser, tag_id: uuid.UUID, tag_in: TagUpdate
) -> Tag:
    db_tag = get_tag_or_404(session, current_user, tag_id)
    return crud.update_tag(session=session, db_tag=db_tag, tag_in=tag_in)


@router.patch("/{tag_id}", response_model=TagPublic)
def patch_tag(
    *, session: SessionDep, current_user: CurrentUser, tag_id: uuid.UUID, tag_in: TagUpdate
) -> Tag:
    db_tag = get_tag_or_404(session, current_user, tag_id)
    return crud.update_tag(session=session, db_tag=db_tag, tag_in=tag_in)


@router.delete("/{tag_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_tag(session: SessionDep, current_user: CurrentUser, tag_id: uuid.UUID) -> None:
    db_tag = get_tag_or_404(session, current_user, tag_id)
    crud.delete_tag(session=session, db_tag=db_tag)
