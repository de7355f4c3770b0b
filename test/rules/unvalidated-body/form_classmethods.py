# A form read with request.form() and handed to a schema class's own
# validating constructor (`SnoozeForm.model_validate_form(data)`) is validated
# one call away; the same data used without it, or given to a row, is not.
from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, field_validator

from app.models import Organization

router = APIRouter()


class SnoozeForm(BaseModel):
    reason: str
    days: int

    @field_validator("reason")
    @classmethod
    def reason_not_empty(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("Reason is required")
        return v

    @classmethod
    def model_validate_form(cls, data: Any) -> "SnoozeForm":
        return cls.model_validate(dict(data))


@router.post("/organizations/{id}/snooze")
async def snooze(id: int, request: Request) -> dict:
    # ok: unvalidated-body
    data = await request.form()
    form = SnoozeForm.model_validate_form(data)
    return {"id": id, "days": form.days}


@router.post("/organizations/{id}/threshold")
async def threshold(id: int, request: Request) -> dict:
    # ruleid: unvalidated-body
    data = await request.form()
    return {"id": id, "threshold": int(float(str(data.get("threshold", "250"))) * 100)}


@router.post("/organizations/{id}/rename")
async def rename(id: int, request: Request) -> dict:
    # ruleid: unvalidated-body
    data = await request.form()
    organization = Organization.from_form(data)
    return {"name": organization.name}


@router.post("/oauth2/token")
async def token(request: Request, authorization_server=None) -> dict:
    # Loads the form into the request's cache for the OAuth server, which validates it itself.
    # ok: unvalidated-body
    await request.form()
    return await authorization_server.create_token_response(request)


@router.post("/tasks/{name}")
async def enqueue(name: str, request: Request, form_class: type[SnoozeForm] = SnoozeForm) -> dict:
    # ok: unvalidated-body
    data = await request.form()
    form = form_class.model_validate_form(data)
    return {"task": name, "days": form.days}
