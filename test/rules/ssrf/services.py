import aiohttp
import httpx
from fastapi import APIRouter, BackgroundTasks, Form
from flask import request
from flask.views import MethodView
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import SessionLocal
from app.models import Integration, Subscription
from app.settings import settings

router = APIRouter()


class ProxyView(MethodView):
    def __init__(self) -> None:
        self.http = httpx.Client(timeout=5)

    def get(self):
        target = request.args.get("target")
        # ruleid: ssrf
        return self.http.get(target).text

    def post(self):
        # The client has a configured base URL and the path is fixed.
        # ok: ssrf
        return self.http.post(f"{settings.audit_base}/events", json=request.get_json()).text


@router.post("/unfurl")
async def unfurl(link: str = Form(...)):
    async with aiohttp.ClientSession() as http_session:
        # ruleid: ssrf
        async with http_session.get(link) as resp:
            return {"status": resp.status}


@router.post("/oembed")
async def oembed(link: str = Form(...)):
    async with aiohttp.ClientSession() as http_session:
        # ok: ssrf
        async with http_session.get(settings.oembed_endpoint, params={"url": link}) as resp:
            return await resp.json()


def notify_subscribers(event: dict) -> None:
    # Background job: callback URLs were registered by users earlier.
    with SessionLocal() as db:
        for sub in db.scalars(select(Subscription)).all():
            # ruleid: ssrf
            httpx.post(sub.callback_url, json=event, timeout=5)


def sync_integration(db: Session, integration_id: int) -> None:
    integration = db.get(Integration, integration_id)
    # ruleid: ssrf
    httpx.post(integration.webhook_url, json={"sync": True})


def sync_integration_name(db: Session, integration_id: int) -> dict:
    integration = db.get(Integration, integration_id)
    # A stored name, not a stored URL, and only in the path after a configured base.
    # ok: ssrf
    return httpx.get(f"{settings.crm_base}/accounts/{integration.name}").json()


@router.post("/schedule")
def schedule(url: str, tasks: BackgroundTasks):
    # ruleid: ssrf
    response = httpx.get(url=url, follow_redirects=True)
    return {"status": response.status_code}


@router.get("/tenant-proxy")
async def tenant_proxy(tenant_api: str, resource: str):
    # ruleid: ssrf
    async with httpx.AsyncClient(base_url=tenant_api, timeout=10) as client:
        return (await client.get(f"/{resource}")).json()


@router.get("/configured-proxy")
async def configured_proxy(resource: str):
    # ok: ssrf
    async with httpx.AsyncClient(base_url=settings.upstream_url, timeout=10) as client:
        return (await client.get(f"/{resource}")).json()
