"""A router whose prefix carries a placeholder; every route must accept it."""

from fastapi import APIRouter, Depends, Path

from app.deps import SessionDep

router = APIRouter(prefix="/users/{user_id}/addresses", tags=["addresses"])
plain = APIRouter()


def owner_of(user_id: int, session: SessionDep) -> int:
    return user_id


# ok: path-param-mismatch
@router.get("")
def list_addresses(user_id: int, session: SessionDep) -> list[str]:
    return []


# ok: path-param-mismatch
@router.get("/{address_id}")
def read_address(address_id: int, owner: int = Depends(owner_of)) -> dict[str, int]:
    return {"owner": owner, "address": address_id}


# ruleid: path-param-mismatch
@router.delete("/{address_id}")
def delete_address(address_id: int, session: SessionDep) -> None:
    return None


# ok: path-param-mismatch
@router.put("/{address_id}")
def replace_address(user_id: int = Path(..., ge=1), address_id: int = Path(..., ge=1)) -> None:
    return None


# ok: path-param-mismatch
@plain.get("/ping", response_model=None)
def ping(**kwargs: str) -> None:
    return None
