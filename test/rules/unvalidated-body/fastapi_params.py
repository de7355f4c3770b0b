"""FastAPI handlers: bodies typed with models, and bodies typed with nothing."""

from typing import Annotated, Any, Dict

from fastapi import APIRouter, Body, Depends, File, Form, Query, UploadFile

from app.deps import SessionDep, common_filters
from app.schemas.item import ItemCreate, ItemPatch

router = APIRouter(prefix="/items")


# ok: unvalidated-body
@router.post("")
async def create_item(payload: ItemCreate, session: SessionDep) -> dict[str, int]:
    return {"id": 1}


# ok: unvalidated-body
@router.post("/bulk")
async def create_many(items: list[ItemCreate]) -> dict[str, int]:
    return {"count": len(items)}


# ok: unvalidated-body
@router.put("/{item_id}/scores")
async def set_scores(item_id: int, scores: dict[str, float]) -> dict[str, float]:
    return scores


# ok: unvalidated-body
@router.get("")
async def list_items(filters: dict = Depends(common_filters), tags: list[str] = Query([])) -> list[str]:
    return []


# ok: unvalidated-body
@router.post("/{item_id}/image")
async def upload_image(item_id: int, image: UploadFile = File(...), caption: Annotated[str, Form()] = "") -> None:
    return None


# ok: unvalidated-body
@router.patch("/{item_id}")
async def patch_item(item_id: int, payload: Annotated[ItemPatch, Body(embed=True)]) -> None:
    return None


@router.post("/import")
# ruleid: unvalidated-body
async def import_item(data: dict, session: SessionDep) -> dict[str, Any]:
    session.add(data)
    return data


@router.put("/{item_id}")
# ruleid: unvalidated-body
async def replace_item(item_id: int, payload: Dict[str, Any]) -> None:
    return None


@router.post("/{item_id}/meta")
# ruleid: unvalidated-body
async def set_meta(item_id: int, meta: Annotated[dict[str, Any], Body()]) -> None:
    return None


@router.post("/{item_id}/notes")
# ruleid: unvalidated-body
async def add_note(item_id: int, note=Body(...)) -> None:
    return None


@router.post("/batch")
# ruleid: unvalidated-body
async def batch(rows: list[dict[str, Any]]) -> int:
    return len(rows)


@router.post("/raw")
# ruleid: unvalidated-body
def raw(anything: Any = Body(None)) -> None:
    return None


class ItemViews:
    @router.post("/{item_id}/attributes")
    # ruleid: unvalidated-body
    async def set_attributes(self, item_id: int, attributes: dict | None = None) -> None:
        return None


# ok: unvalidated-body
def merge(a: dict, b: dict[str, Any]) -> dict:
    return {**a, **b}
