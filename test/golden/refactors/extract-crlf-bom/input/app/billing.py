"""Webhooks from the billing provider."""
from fastapi import APIRouter

router = APIRouter()


@router.post("/billing/events")
async def handle_event(event: dict) -> dict[str, str]:
    if event["type"] == "invoice.paid":
        return {"status": "ok", "invoice": event["data"]["id"]}
    return {"status": "ignored", "attempt": str(event.get("attempt", 1) + 1)}
