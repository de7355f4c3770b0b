# Request input run as code or fed to a code-running deserialiser; constant
# code, safe loaders and values that are not request input are fine.
import ast
import json
import pickle

import yaml
from fastapi import APIRouter, Request

router = APIRouter()


@router.get("/calc")
async def calc(expr: str):
    # ruleid: code-injection
    return {"value": eval(expr)}


@router.post("/session")
async def restore(request: Request):
    raw = await request.body()
    # ruleid: code-injection
    state = pickle.loads(raw)
    return {"keys": list(state)}


@router.post("/config")
async def config(request: Request):
    body = await request.json()
    # ruleid: code-injection
    settings = yaml.load(body["yaml"], Loader=yaml.Loader)
    # ok: code-injection
    safe = yaml.load(body["yaml"], Loader=yaml.SafeLoader)
    # ok: code-injection
    also_safe = yaml.safe_load(body["yaml"])
    return {"settings": settings, "safe": safe, "also": also_safe}


@router.post("/script")
async def script(code: str):
    # ruleid: code-injection
    exec(code)
    return {}


@router.get("/fixed")
async def fixed(n: int):
    # ok: code-injection
    total = eval("1 + 2")
    # ok: code-injection
    literal = ast.literal_eval("[1, 2]")
    # ok: code-injection
    data = json.loads('{"a": 1}')
    return {"total": total + n, "literal": literal, "data": data}


def load_cache(path):
    with open(path, "rb") as fh:
        # ok: code-injection
        return pickle.loads(fh.read())
