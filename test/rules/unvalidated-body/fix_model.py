from typing import Any

from fastapi import APIRouter, Body

from app.deps import SessionDep
from app.models import Customer

router = APIRouter(prefix="/customers")


@router.post("")
# ruleid: unvalidated-body
async def create_customer(payload: dict[str, Any], session: SessionDep) -> dict[str, Any]:
    name = payload["name"].strip()
    if payload["age"] > 17:
        tier = payload.get("tier", "standard")
    else:
        tier = "junior"
    customer = Customer(name=name, tier=tier, newsletter=payload.get("newsletter", False), notes=payload.get("notes"))
    session.add(customer)
    return {"id": customer.id}


@router.patch("/{customer_id}")
async def update_customer(
    customer_id: int,
    # ruleid: unvalidated-body
    changes: dict = Body(...),
    session: SessionDep = None,
) -> dict[str, Any]:
    changes["updated_by"] = "api"
    for key, value in changes.items():
        setattr(await session.get(Customer, customer_id), key, value)
    return changes


@router.post("/{customer_id}/address")
# ruleid: unvalidated-body
async def set_address(customer_id: int, address=Body(...)) -> dict[str, str]:
    return {"city": address["city"], "zip": address["zip-code"]}


@router.put("/{customer_id}/preferences")
# ruleid: unvalidated-body
def set_preferences(customer_id: int, prefs: dict[str, Any]) -> dict[str, Any]:
    prefs["customer_id"] = customer_id
    if prefs.get("theme") == "dark":
        prefs["contrast"] = "high"
    return prefs
