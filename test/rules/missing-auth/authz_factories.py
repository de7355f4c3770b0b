# Auth composed the way larger apps do it: factories returning a dependency
# that asks for `Security(...)`, module-level instances of them, callable
# classes whose __call__ depends on the caller, a dependency that reads the
# session from the request and raises 401, and public endpoints whose request
# carries its own credential (OAuth server endpoints, capability URLs).
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI

from app.authz import BillingWrite, OrderWrite, OrdersRead, get_admin, get_locale

router = APIRouter(prefix="/orders")
backoffice = FastAPI(dependencies=[Depends(get_admin)])
oauth = APIRouter(prefix="/oauth2")
checkout = APIRouter(prefix="/checkouts")


# ok: missing-auth
@router.post("/{id}/notes")
async def add_note(id: int, subject: OrdersRead, text: str) -> dict:
    return {"id": id}


# ok: missing-auth
@router.patch("/{id}")
async def update_order(authz: OrderWrite, status: str) -> dict:
    return {"status": status}


# ok: missing-auth
@router.post("/{id}/refund")
async def refund(id: int, subject: BillingWrite) -> dict:
    return {"id": id}


# ok: missing-auth
@backoffice.post("/orders/{id}/cancel")
async def cancel(id: int) -> dict:
    return {"id": id}


# ruleid: missing-auth
@router.post("/{id}/locale")
async def set_locale(id: int, locale: Annotated[str, Depends(get_locale)]) -> dict:
    return {"locale": locale}


# ok: missing-auth
@oauth.post("/revoke")
async def revoke(token: str) -> None:
    return None


# ok: missing-auth
@oauth.post("/introspect")
async def introspect(token: str) -> dict:
    return {"active": False}


# ruleid: missing-auth
@oauth.post("/clients")
async def create_client(name: str) -> dict:
    return {"name": name}


# ok: missing-auth
@checkout.patch("/client/{client_secret}")
async def update_checkout(client_secret: str, email: str) -> dict:
    return {"email": email}


# ruleid: missing-auth
@checkout.delete("/tokens/{token_id}")
async def delete_token(token_id: int) -> None:
    return None


portal = APIRouter(prefix="/portal")


# ok: missing-auth
@portal.post("/customer-session/request")
async def request_login_code(email: str) -> None:
    return None


# ok: missing-auth
@portal.post("/customers/me/email-update/verify")
async def verify_email_update(token: str) -> None:
    return None


# ok: missing-auth
@portal.post("/license-keys/activate")
async def activate_license(key: str, label: str) -> dict:
    return {"key": key}


# ruleid: missing-auth
@portal.post("/license-keys/{key_id}/revoke")
async def revoke_license(key_id: int) -> None:
    return None


# ruleid: missing-auth
@portal.post("/orders/{id}/confirm")
async def confirm_order(id: int) -> None:
    return None
