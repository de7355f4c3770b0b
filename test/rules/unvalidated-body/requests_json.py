"""Handlers that read the request object themselves."""

import hashlib
import hmac
import json

import httpx
from fastapi import APIRouter, Request
from pydantic import BaseModel, TypeAdapter
from starlette.requests import Request as StarletteRequest

from app.schemas.event import Event, Order
from app.db import Base
from app.settings import settings

router = APIRouter()


@router.post("/orders")
async def create_order(request: Request) -> dict[str, str]:
    # ruleid: unvalidated-body
    data = await request.json()
    return {"sku": data["sku"]}


@router.post("/orders/validated")
async def create_order_validated(request: Request) -> dict[str, str]:
    # ok: unvalidated-body
    data = await request.json()
    order = Order.model_validate(data)
    return {"sku": order.sku}


# ok: unvalidated-body
@router.post("/orders/inline")
async def create_order_inline(request: Request) -> dict[str, str]:
    order = Order(**(await request.json()))
    return {"sku": order.sku}


# ok: unvalidated-body
@router.post("/orders/many")
async def create_orders(request: Request) -> int:
    orders = TypeAdapter(list[Order]).validate_python(await request.json())
    return len(orders)


# ok: unvalidated-body
@router.post("/orders/raw-json")
async def create_order_raw(request: Request) -> str:
    order = Order.model_validate_json(await request.body())
    return order.sku


@router.post("/contact")
async def contact(request: Request) -> None:
    # ruleid: unvalidated-body
    form = await request.form()
    await send_mail(form["email"], form["message"])


@router.post("/events")
async def events(request: Request) -> None:
    raw = await request.body()
    # ruleid: unvalidated-body
    payload = json.loads(raw)
    await handle(payload["type"])


# ok: unvalidated-body
@router.post("/webhooks/github")
async def github_webhook(request: Request) -> None:
    body = await request.body()
    digest = hmac.new(settings.github_secret.encode(), body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(f"sha256={digest}", request.headers.get("x-hub-signature-256", "")):
        raise PermissionError("bad signature")
    await handle(json.loads(body)["action"])


# ok: unvalidated-body
@router.post("/proxy")
async def proxy(request: Request) -> dict[str, str]:
    async with httpx.AsyncClient() as client:
        response = await client.get(settings.upstream_url)
    return response.json()


async def starlette_endpoint(req: StarletteRequest) -> None:
    # ruleid: unvalidated-body
    body = await req.json()
    await handle(body)


async def starlette_validated(req: StarletteRequest) -> None:
    # ok: unvalidated-body
    event = Event.model_validate(await req.json())
    await handle(event)


async def send_mail(to: str, text: str) -> None: ...


async def handle(event: object) -> None: ...


class Draft(Base):
    __tablename__ = "drafts"


class DraftIn(BaseModel):
    title: str


@router.post("/drafts")
async def create_draft(request: Request) -> None:
    # ruleid: unvalidated-body
    draft = Draft(**(await request.json()))
    await handle(draft)


@router.post("/drafts/checked")
async def create_draft_checked(request: Request) -> None:
    # ok: unvalidated-body
    draft = DraftIn(**(await request.json()))
    await handle(draft)


@router.post("/envelopes")
async def create_from_envelope(request: Request) -> None:
    # ok: unvalidated-body
    envelope = await request.json()
    order = Order.model_validate(envelope["order"])
    await handle(order)
