from urllib.parse import urlparse

import httpx
from fastapi import FastAPI, HTTPException

app = FastAPI()

TRUSTED_HOSTS = frozenset({"api.partner.example", "status.partner.example"})


@app.get("/partner")
async def partner(endpoint: str):
    async with httpx.AsyncClient(timeout=5) as client:
        if urlparse(endpoint).hostname not in TRUSTED_HOSTS:
            raise HTTPException(status_code=400, detail="URL host is not allowed")
        # ruleid: ssrf
        response = await client.get(endpoint)
    return response.json()
