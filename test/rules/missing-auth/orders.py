"""Orders: the whole router is guarded where main.py includes it."""

from fastapi import APIRouter, status

from app.deps import SessionDep
from app.schemas.order import OrderCreate, OrderPublic

router = APIRouter(tags=["orders"])
legacy_router = APIRouter(prefix="/v1/orders", tags=["legacy"])


# ok: missing-auth
@router.post("", status_code=status.HTTP_201_CREATED)
async def create_order(payload: OrderCreate, session: SessionDep) -> OrderPublic:
    return OrderPublic(id=1)


# ok: missing-auth
@router.delete("/{order_id}", status_code=status.HTTP_204_NO_CONTENT)
async def cancel_order(order_id: int, session: SessionDep) -> None:
    return None


# ruleid: missing-auth
@legacy_router.post("")
async def create_order_v1(payload: OrderCreate, session: SessionDep) -> OrderPublic:
    return OrderPublic(id=1)
