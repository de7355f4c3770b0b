"""Notes."""

from fastapi import APIRouter

from app.deps import SessionDep

router = APIRouter(prefix="/notes")


@router.get("")
async def list_notes(session: SessionDep) -> list[str]:
    return []


@router.delete("/{note_id}", status_code=204)
async def delete_note(note_id: int, session: SessionDep, hard: bool = False) -> None:
    return None
