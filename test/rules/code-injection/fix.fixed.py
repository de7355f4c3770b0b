import ast
import json
import pickle

import yaml
from fastapi import APIRouter, Request

router = APIRouter()


@router.get("/calc")
async def calc(expr: str):
    # ruleid: code-injection
    return {"value": ast.literal_eval(expr)}


@router.post("/import")
async def import_config(request: Request):
    body = await request.json()
    # ruleid: code-injection
    return yaml.safe_load(body["yaml"])


@router.post("/session")
async def restore(request: Request):
    raw = await request.body()
    # ruleid: code-injection
    return json.loads(raw)
