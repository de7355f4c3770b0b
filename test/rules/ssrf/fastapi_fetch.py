import urllib.request
from typing import Annotated, Literal
from urllib.parse import quote, urlparse

import httpx
import requests
from fastapi import APIRouter, Body, Depends, Header, HTTPException, Query, Request
from pydantic import AnyUrl, BaseModel, HttpUrl
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import get_session
from app.deps import get_http_client
from app.models import Webhook
from app.settings import settings

router = APIRouter(prefix="/integrations", tags=["integrations"])

ALLOWED_HOSTS = {"api.github.com", "hooks.slack.com"}
GITHUB_API = "https://api.github.com"


class PreviewRequest(BaseModel):
    url: HttpUrl
    timeout: float = 5.0


class WebhookCreate(BaseModel):
    target: AnyUrl
    secret: str


@router.get("/proxy")
async def proxy(url: str):
    async with httpx.AsyncClient() as client:
        # ruleid: ssrf
        response = await client.get(url)
    return response.json()


@router.post("/preview")
def preview(body: PreviewRequest):
    # HttpUrl proves it is a URL, not that the host is ours.
    # ruleid: ssrf
    page = requests.get(str(body.url), timeout=body.timeout)
    return {"title": page.text[:100]}


@router.post("/webhooks/test")
async def test_webhook(payload: WebhookCreate):
    # ruleid: ssrf
    result = httpx.post(str(payload.target), json={"ping": True})
    return {"status": result.status_code}


@router.get("/avatar")
def avatar(request: Request):
    source = request.query_params.get("src")
    # ruleid: ssrf
    with urllib.request.urlopen(source) as resp:
        return resp.read()


@router.get("/status/{host}")
async def service_status(host: str):
    # ruleid: ssrf
    r = httpx.get(f"http://{host}:8080/health")
    return r.json()


@router.post("/fetch")
async def fetch(request: Request):
    data = await request.json()
    target = data["callback"].strip()
    # ruleid: ssrf
    return requests.post(target, json={"ok": True}).json()


@router.get("/mirror")
def mirror(base: Annotated[str, Query()], path: str = "/"):
    full_url = base + path
    # ruleid: ssrf
    return requests.request("GET", full_url).text


@router.get("/forward")
async def forward(x_upstream: Annotated[str | None, Header()] = None):
    upstream = x_upstream or settings.default_upstream
    async with httpx.AsyncClient(timeout=10) as http:
        # ruleid: ssrf
        resp = await http.get(upstream)
    return resp.json()


@router.get("/scheme-only")
def scheme_only(url: str):
    # A scheme check still lets http://169.254.169.254/ through.
    if not url.startswith(("http://", "https://")):
        raise HTTPException(status_code=400, detail="Unsupported URL")
    # ruleid: ssrf
    return requests.get(url, timeout=5).text


@router.post("/deliver/{webhook_id}")
async def deliver(webhook_id: int, session: AsyncSession = Depends(get_session)):
    hook = await session.get(Webhook, webhook_id)
    if hook is None:
        raise HTTPException(status_code=404, detail="Webhook not found")
    async with httpx.AsyncClient() as client:
        # ruleid: ssrf
        await client.post(hook.url, json={"event": "ping"})
    return {"delivered": True}


@router.get("/injected")
async def injected(url: str, client: httpx.AsyncClient = Depends(get_http_client)):
    # ruleid: ssrf
    return (await client.get(url)).json()


@router.get("/join")
def join(host: str = Query(...)):
    # ruleid: ssrf
    return requests.get("https://%s/api/v1/info" % host).json()


# --- hard negatives -------------------------------------------------------


@router.get("/users/{user_id}")
async def github_user(user_id: str):
    # ok: ssrf
    r = httpx.get(f"{settings.api_base}/users/{quote(user_id)}")
    return r.json()


@router.get("/search")
def search(q: str):
    # ok: ssrf
    return httpx.get(settings.search_url, params={"q": q}).json()


@router.get("/repos/{owner}")
def repos(owner: str):
    # ok: ssrf
    return requests.get(f"{GITHUB_API}/users/{owner}/repos", timeout=5).json()


@router.get("/constant")
def constant():
    # ok: ssrf
    return requests.get("https://api.github.com/rate_limit").json()


@router.get("/checked")
async def checked(url: str):
    if urlparse(url).hostname not in ALLOWED_HOSTS:
        raise HTTPException(status_code=400, detail="Host not allowed")
    async with httpx.AsyncClient() as client:
        # ok: ssrf
        return (await client.get(url)).json()


@router.post("/checked-model")
def checked_model(body: PreviewRequest):
    host = urlparse(str(body.url)).hostname
    if host not in {"example.com", "www.example.com"}:
        raise HTTPException(status_code=400, detail="Host not allowed")
    # ok: ssrf
    return requests.get(str(body.url), timeout=5).text


@router.get("/parsed")
def parsed_check(target: str):
    parsed = urlparse(target)
    if parsed.scheme != "https" or parsed.hostname not in ALLOWED_HOSTS:
        raise HTTPException(status_code=400, detail="Host not allowed")
    # ok: ssrf
    return requests.get(target).text


@router.get("/region/{region}")
def regional(region: Literal["eu", "us"]):
    # ok: ssrf
    return httpx.get(f"https://{region}.api.example.com/v1/status").json()


@router.get("/items/{item_id}")
def item(item_id: int):
    # ok: ssrf
    return httpx.get(f"http://inventory:8000/items/{item_id}").json()


@router.get("/relative")
async def relative(sku: str, client: httpx.AsyncClient = Depends(get_http_client)):
    # The injected client has a configured base_url; only the path varies.
    # ok: ssrf
    return (await client.get(f"/products/{quote(sku)}", params={"expand": "price"})).json()


@router.get("/db-cache")
async def cached(key: str, session: AsyncSession = Depends(get_session)):
    # `session.get` is SQLAlchemy, not an HTTP client.
    # ok: ssrf
    return await session.get(Webhook, key)


@router.get("/header-token")
def header_token(authorization: Annotated[str, Header()]):
    # ok: ssrf
    return requests.get(settings.userinfo_url, headers={"Authorization": authorization}).json()


@router.post("/settings-webhook")
def settings_webhook(event: Annotated[dict, Body()]):
    # ok: ssrf
    return requests.post(settings.slack_webhook_url, json=event).status_code


@router.get("/positive")
def positive(url: str):
    if urlparse(url).hostname in ALLOWED_HOSTS:
        # ok: ssrf
        return requests.get(url).text
    raise HTTPException(status_code=400, detail="Host not allowed")


def refresh_rates() -> dict:
    # Not a handler: a configured URL in a scheduled job.
    # ok: ssrf
    return requests.get(settings.rates_url, timeout=10).json()


@router.post("/pydantic-host")
def pydantic_host(body: PreviewRequest):
    if body.url.host not in ALLOWED_HOSTS:
        raise HTTPException(status_code=400, detail="Host not allowed")
    # ok: ssrf
    return requests.get(str(body.url), timeout=5).text


@router.get("/prefix")
def prefix_checked(url: str):
    if not url.startswith(("https://api.github.com/", "https://hooks.slack.com/")):
        raise HTTPException(status_code=400, detail="Host not allowed")
    # ok: ssrf
    return requests.get(url).text


@router.get("/prefix-without-slash")
def prefix_without_slash(url: str):
    # "https://api.github.com@169.254.169.254/" starts with this prefix.
    if not url.startswith("https://api.github.com"):
        raise HTTPException(status_code=400, detail="Host not allowed")
    # ruleid: ssrf
    return requests.get(url).text


@router.post("/broadcast")
async def broadcast(session: AsyncSession = Depends(get_session)):
    hooks = (await session.scalars(select(Webhook))).all()
    async with httpx.AsyncClient() as client:
        for hook in hooks:
            # ruleid: ssrf
            await client.post(hook.url, json={"event": "broadcast"})
    return {"sent": len(hooks)}


@router.post("/webhooks", status_code=201)
async def create_webhook(payload: WebhookCreate, session: AsyncSession = Depends(get_session)):
    hook = Webhook(url=str(payload.target), secret=payload.secret)
    session.add(hook)
    await session.commit()
    async with httpx.AsyncClient() as client:
        # ruleid: ssrf
        await client.post(hook.url, json={"event": "created"})
    return {"id": hook.id}
