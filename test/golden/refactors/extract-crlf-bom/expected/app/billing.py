"""Webhooks from the billing provider."""
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel

router = APIRouter()


class HandleEventBody(BaseModel):
    """Body of POST /billing/events."""

    type: str
    data: dict[str, Any]
    attempt: int = 1


@router.post("/billing/events")
async def handle_event(event: HandleEventBody) -> dict[str, str]:
    if event.type == "invoice.paid":
        return {"status": "ok", "invoice": event.data["id"]}
    return {"status": "ignored", "attempt": str(event.attempt + 1)}
