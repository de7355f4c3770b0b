"""Items kept in memory."""
from typing import Annotated

from fastapi import APIRouter, Body

router = APIRouter()
ITEMS: dict[int, dict] = {}


@router.put("/items/{item_id}")
async def replace_item(item_id: int, body: Annotated[dict, Body()]):
    body["id"] = item_id
    if body.get("price", 0.0) < 0:
        return {"error": "negative price"}
    ITEMS[item_id] = body
    return body
