"""A contact form left public on purpose, declared once on its router."""

from fastapi import APIRouter

from app.schemas.contact import ContactMessage

# Anyone may write to us; rate limited at the proxy.
# backend-skill: ignore[missing-auth]
contact = APIRouter(prefix="/contact")
feedback = APIRouter(prefix="/feedback")  # backend-skill: ignore[missing-auth] -- public survey
admin = APIRouter(prefix="/admin")  # backend-skill: ignore[debug-enabled]


# ok: missing-auth
@contact.post("")
async def send_message(message: ContactMessage) -> None:
    return None


# ok: missing-auth
@feedback.post("")
async def send_feedback(message: ContactMessage) -> None:
    return None


# ruleid: missing-auth
@admin.post("/broadcast")
async def broadcast(message: ContactMessage) -> None:
    return None
