from typing import Any

from fastapi import APIRouter, Body

from app.deps import SessionDep
from app.models import Customer
from pydantic import BaseModel, Field

router = APIRouter(prefix="/customers")


class CreateCustomerBody(BaseModel):
    name: str
    age: int
    tier: str = "standard"
    newsletter: bool = False
    notes: Any = None


@router.post("")
# ruleid: unvalidated-body
async def create_customer(payload: CreateCustomerBody, session: SessionDep) -> dict[str, Any]:
    name = payload.name.strip()
    if payload.age > 17:
        tier = payload.tier
    else:
        tier = "junior"
    customer = Customer(name=name, tier=tier, newsletter=payload.newsletter, notes=payload.notes)
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


class SetAddressBody(BaseModel):
    city: Any
    zip_code: Any = Field(alias="zip-code")


@router.post("/{customer_id}/address")
# ruleid: unvalidated-body
async def set_address(customer_id: int, address: SetAddressBody = Body(...)) -> dict[str, str]:
    return {"city": address.city, "zip": address.zip_code}


class SetPreferencesBody(BaseModel):
    theme: str | None = None


@router.put("/{customer_id}/preferences")
# ruleid: unvalidated-body
def set_preferences(customer_id: int, prefs_model: SetPreferencesBody) -> dict[str, Any]:
    prefs = prefs_model.model_dump()
    prefs["customer_id"] = customer_id
    if prefs.get("theme") == "dark":
        prefs["contrast"] = "high"
    return prefs
