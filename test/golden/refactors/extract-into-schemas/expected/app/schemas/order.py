"""Order schemas (hand-written)."""

from typing import Any

from pydantic import BaseModel


class OrderPublic(BaseModel):
    sku: str
    quantity: int


class OrderCreate(BaseModel):
    """Body of POST /orders."""

    quantity: int
    sku: str
    note: Any = None
    express: bool = False
    unit_price: float
