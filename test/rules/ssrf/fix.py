import httpx
from fastapi import APIRouter

router = APIRouter()


@router.get("/proxy")
async def proxy(url: str):
    async with httpx.AsyncClient() as client:
        # ruleid: ssrf
        response = await client.get(url)
    return response.json()


@router.get("/status/{host}")
def status(host: str):
    # ruleid: ssrf
    return httpx.get(f"http://{host}:8080/health").json()
