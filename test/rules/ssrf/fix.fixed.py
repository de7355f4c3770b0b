import httpx
from fastapi import APIRouter, HTTPException
from urllib.parse import urlparse

# Hosts this service may call: fill in before deploying.
ALLOWED_HOSTS: frozenset[str] = frozenset()

router = APIRouter()


@router.get("/proxy")
async def proxy(url: str):
    async with httpx.AsyncClient() as client:
        if urlparse(url).hostname not in ALLOWED_HOSTS:
            raise HTTPException(status_code=400, detail="URL host is not allowed")
        # ruleid: ssrf
        response = await client.get(url)
    return response.json()


@router.get("/status/{host}")
def status(host: str):
    target_url = f"http://{host}:8080/health"
    if urlparse(target_url).hostname not in ALLOWED_HOSTS:
        raise HTTPException(status_code=400, detail="URL host is not allowed")
    # ruleid: ssrf
    return httpx.get(target_url).json()
