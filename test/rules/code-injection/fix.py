import pickle

import yaml
from fastapi import APIRouter, Request

router = APIRouter()


@router.get("/calc")
async def calc(expr: str):
    # ruleid: code-injection
    return {"value": eval(expr)}


@router.post("/import")
async def import_config(request: Request):
    body = await request.json()
    # ruleid: code-injection
    return yaml.load(body["yaml"])


@router.post("/session")
async def restore(request: Request):
    raw = await request.body()
    # ruleid: code-injection
    return pickle.loads(raw)
