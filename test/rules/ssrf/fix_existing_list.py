from urllib.parse import urlparse

import httpx
from fastapi import FastAPI, HTTPException

app = FastAPI()

TRUSTED_HOSTS = frozenset({"api.partner.example", "status.partner.example"})


@app.get("/partner")
async def partner(endpoint: str):
    async with httpx.AsyncClient(timeout=5) as client:
        # ruleid: ssrf
        response = await client.get(endpoint)
    return response.json()
