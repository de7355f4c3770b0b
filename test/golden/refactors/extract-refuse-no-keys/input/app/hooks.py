from fastapi import APIRouter

router = APIRouter()
QUEUE: list[dict] = []


@router.post("/hooks")
async def receive(payload: dict) -> None:
    QUEUE.append(payload)
