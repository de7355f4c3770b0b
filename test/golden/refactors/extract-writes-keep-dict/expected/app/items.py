"""Items kept in memory."""
from typing import Annotated

from fastapi import APIRouter, Body
from pydantic import BaseModel, ConfigDict

router = APIRouter()
ITEMS: dict[int, dict] = {}


class ItemReplace(BaseModel):
    """Body of PUT /items/{item_id}."""

    model_config = ConfigDict(extra="allow")

    price: float = 0.0


@router.put("/items/{item_id}")
async def replace_item(item_id: int, body_model: Annotated[ItemReplace, Body()]):
    body = body_model.model_dump(by_alias=True, exclude_unset=True)
    body["id"] = item_id
    if body.get("price", 0.0) < 0:
        return {"error": "negative price"}
    ITEMS[item_id] = body
    return body
