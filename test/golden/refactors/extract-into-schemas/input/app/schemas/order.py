"""Order schemas (hand-written)."""

from pydantic import BaseModel


class OrderPublic(BaseModel):
    sku: str
    quantity: int
