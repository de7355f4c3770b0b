"""Order routes (hand-written)."""

from typing import Any

from fastapi import APIRouter, HTTPException

from app.deps import CurrentUserDep
from app.schemas.order import OrderCreate

router = APIRouter(prefix="/orders", tags=["orders"])


@router.post("", status_code=201)
async def create_order(
    payload: OrderCreate,  # raw JSON for now
    current_user: CurrentUserDep,
) -> dict[str, Any]:
    if payload.quantity <= 0:
        raise HTTPException(status_code=422, detail="quantity must be positive")
    sku = payload.sku.strip()
    note = payload.note
    express = payload.express
    unit_price = float(payload.unit_price)
    total = unit_price * payload.quantity
    return {"sku": sku, "quantity": payload.quantity, "total": total, "note": note, "express": express}
