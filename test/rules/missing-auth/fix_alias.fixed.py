"""Comments: every write is open; the fix adds the project's alias."""

from fastapi import APIRouter, status

from app.deps import CurrentUserDep, SessionDep
from app.schemas.comment import CommentCreate, CommentPublic

router = APIRouter(prefix="/comments", tags=["comments"])


# ruleid: missing-auth
@router.post("", status_code=status.HTTP_201_CREATED)
async def create_comment(payload: CommentCreate, session: SessionDep, current_user: CurrentUserDep) -> CommentPublic:
    return CommentPublic(id=1, body=payload.body)


# ruleid: missing-auth
@router.delete("/{comment_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_comment(comment_id: int, session: SessionDep, current_user: CurrentUserDep, hard: bool = False) -> None:
    return None


# ruleid: missing-auth
@router.patch("/{comment_id}")
async def edit_comment(
    comment_id: int,
    payload: CommentCreate,
    session: SessionDep,
    current_user: CurrentUserDep,
) -> CommentPublic:
    return CommentPublic(id=comment_id, body=payload.body)
