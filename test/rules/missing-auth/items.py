"""Routes for items: a mix of guarded, exempt and forgotten ones."""

import hashlib
import hmac
from typing import Annotated

from fastapi import APIRouter, Depends, Header, HTTPException, Request, Security, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi_utils.cbv import cbv

from app import deps
from app.deps import AdminDep, CurrentUserDep, fetch_user_from_bearer, require_admin, require_scope
from app.models.user import User
from app.schemas.item import ItemCreate, ItemPublic, ItemUpdate
from app.settings import settings

router = APIRouter(prefix="/items", tags=["items"])
bearer = HTTPBearer()


# ok: missing-auth
@router.get("")
async def list_items() -> list[ItemPublic]:
    return []


# ruleid: missing-auth
@router.post("", status_code=status.HTTP_201_CREATED)
async def create_item(payload: ItemCreate) -> ItemPublic:
    return ItemPublic(id=1, **payload.model_dump())


# ok: missing-auth
@router.put("/{item_id}")
async def replace_item(item_id: int, payload: ItemCreate, user: CurrentUserDep) -> ItemPublic:
    return ItemPublic(id=item_id, owner_id=user.id, **payload.model_dump())


# ok: missing-auth
@router.patch("/{item_id}")
async def update_item(item_id: int, payload: ItemUpdate, user: User = Depends(fetch_user_from_bearer)) -> ItemPublic:
    return ItemPublic(id=item_id, owner_id=user.id)


# ok: missing-auth
@router.delete("/{item_id}", status_code=status.HTTP_204_NO_CONTENT, dependencies=[Depends(deps.fetch_user_from_bearer)])
async def delete_item(item_id: int) -> None:
    return None


# ok: missing-auth
@router.post("/{item_id}/archive")
async def archive_item(item_id: int, admin: AdminDep) -> None:
    return None


# ok: missing-auth
@router.post("/{item_id}/publish")
async def publish_item(item_id: int, admin: Annotated[User, Depends(require_admin)]) -> None:
    return None


# ok: missing-auth
@router.post("/{item_id}/flag")
async def flag_item(item_id: int, user: Annotated[User, Depends(require_scope("items:flag"))]) -> None:
    return None


# ok: missing-auth
@router.post("/{item_id}/restore")
async def restore_item(item_id: int, credentials: HTTPAuthorizationCredentials = Security(bearer)) -> None:
    return None


# ruleid: missing-auth
@router.patch("/{item_id}/price")
async def change_price(item_id: int, price: float, currency: str = "EUR") -> ItemPublic:
    return ItemPublic(id=item_id, price=price, currency=currency)


# ruleid: missing-auth
@router.api_route("/{item_id}/stock", methods=["GET", "POST"])
async def stock(item_id: int) -> dict[str, int]:
    return {"item_id": item_id, "stock": 0}


# ok: missing-auth
@router.api_route("/{item_id}/history", methods=["GET", "HEAD"])
async def history(item_id: int) -> list[dict[str, str]]:
    return []


# ruleid: missing-auth
@router.post("/webhooks/supplier")
async def supplier_webhook(request: Request) -> dict[str, bool]:
    event = await request.json()
    return {"received": bool(event)}


# ok: missing-auth
@router.post("/webhooks/payments")
async def payments_webhook(request: Request, x_signature: str = Header(...)) -> dict[str, bool]:
    body = await request.body()
    expected = hmac.new(settings.webhook_secret.encode(), body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, x_signature):
        raise HTTPException(status_code=400, detail="Bad signature")
    return {"received": True}


# ruleid: missing-auth
@router.post("/cache/refresh")
async def refresh_cache() -> None:
    return None


class ItemViews:
    # ruleid: missing-auth
    @router.delete("/{item_id}/images/{image_id}")
    async def delete_image(self, item_id: int, image_id: int) -> None:
        return None


@cbv(router)
class ItemAdminViews:
    user: User = Depends(fetch_user_from_bearer)

    # ok: missing-auth
    @router.post("/{item_id}/feature")
    async def feature(self, item_id: int) -> None:
        return None


@cbv(router)
class ItemOwnerViews:
    user: CurrentUserDep

    # ok: missing-auth
    @router.post("/{item_id}/transfer")
    async def transfer(self, item_id: int) -> None:
        return None
