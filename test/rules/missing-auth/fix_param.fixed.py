"""Notes: the file takes the user as a defaulted parameter; the fix copies it."""

from fastapi import APIRouter, Depends

from app.deps import fetch_user_from_bearer
from app.models.user import User

router = APIRouter(prefix="/notes")


# ok: missing-auth
@router.post("")
def create_note(text: str, user: User = Depends(fetch_user_from_bearer)) -> dict[str, str]:
    return {"text": text, "owner": user.email}


# ruleid: missing-auth
@router.delete("/{note_id}")
def delete_note(note_id: int, *, soft: bool = True, user: User = Depends(fetch_user_from_bearer)) -> None:
    return None


# ruleid: missing-auth
@router.post("/{note_id}/share")
def share_note(note_id: int, *emails: str, user: User = Depends(fetch_user_from_bearer)) -> None:
    return None
