"""Tags: the file guards writes in the decorator; the fix does the same."""

from fastapi import APIRouter, Depends, status

from app.deps import fetch_user_from_bearer
from app.schemas.tag import TagCreate, TagPublic

router = APIRouter(prefix="/tags", tags=["tags"])


# ok: missing-auth
@router.post("", status_code=status.HTTP_201_CREATED, dependencies=[Depends(fetch_user_from_bearer)])
def create_tag(payload: TagCreate) -> TagPublic:
    return TagPublic(id=1, label=payload.label)


# ruleid: missing-auth
@router.put(
    "/{tag_id}",
    response_model=TagPublic,
    summary="Replace a tag",
)
def replace_tag(tag_id: int, payload: TagCreate) -> TagPublic:
    return TagPublic(id=tag_id, label=payload.label)


# ruleid: missing-auth
@router.delete("/{tag_id}", status_code=status.HTTP_204_NO_CONTENT, dependencies=[])
def delete_tag(tag_id: int) -> None:
    return None
