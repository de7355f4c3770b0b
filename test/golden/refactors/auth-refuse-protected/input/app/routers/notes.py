from fastapi import APIRouter

from app.deps import CurrentUserDep

router = APIRouter(prefix="/notes")


@router.post("")
async def add_note(user: CurrentUserDep) -> None:
    return None
