"""Item routes with placeholders that do and do not reach their handlers."""

from pathlib import Path as FsPath
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import FileResponse

from app.deps import ProjectDep, SessionDep
from app.models.item import Item
from app.schemas.item import ItemPublic

router = APIRouter(prefix="/items", tags=["items"])
MEDIA_ROOT = FsPath("/srv/media")


async def get_item(item_id: int, session: SessionDep) -> Item:
    item = await session.get(Item, item_id)
    if item is None:
        raise HTTPException(status_code=404)
    return item


ItemDep = Annotated[Item, Depends(get_item)]


# ok: path-param-mismatch
@router.get("/{item_id}")
async def read_item(item_id: int, session: SessionDep) -> ItemPublic:
    return ItemPublic.model_validate(await session.get(Item, item_id))


# ruleid: path-param-mismatch
@router.delete("/{item_id}")
async def delete_item(id: int, session: SessionDep) -> None:
    await session.delete(await session.get(Item, id))


# ok: path-param-mismatch
@router.get("/{item_id}/owner")
async def read_owner(item: ItemDep) -> dict[str, int]:
    return {"owner_id": item.owner_id}


# ok: path-param-mismatch
@router.get("/{item_id}/tags")
async def read_tags(item: Item = Depends(get_item)) -> list[str]:
    return item.tags


# ok: path-param-mismatch
@router.post("/{item_id}/archive", dependencies=[Depends(get_item)])
async def archive(session: SessionDep) -> None:
    return None


# ok: path-param-mismatch
@router.get("/files/{file_path:path}")
async def download(file_path: str) -> FileResponse:
    return FileResponse(MEDIA_ROOT / file_path)


# ruleid: path-param-mismatch
@router.get("/exports/{export_id:path}")
async def download_export(name: str) -> FileResponse:
    return FileResponse(MEDIA_ROOT / name)


# ok: path-param-mismatch
@router.get("/{item_id}/versions/{version}")
async def read_version(item_id: Annotated[int, Path(ge=1)], version: int = Path(..., ge=1)) -> dict[str, int]:
    return {"item_id": item_id, "version": version}


# ruleid: path-param-mismatch
@router.get("/{item_id}/reviews/{review_id}")
async def read_review(item_id: int) -> dict[str, int]:
    return {"item_id": item_id}


# ok: path-param-mismatch
@router.get("/{item_id}/comments")
async def list_comments(item_id: int, limit: int = Query(20), cursor: str | None = None) -> list[str]:
    return []


@router.get("/search")
async def search(
    q: str,
    # ruleid: path-param-mismatch
    category_id: int = Path(..., ge=1),
) -> list[str]:
    return []


@router.get("/by-sku")
# ruleid: path-param-mismatch
async def by_sku(sku: Annotated[str, Path(min_length=3)]) -> list[str]:
    return []


# ok: path-param-mismatch
@router.get("/local/{name}")
async def local_file(name: str, root: FsPath = FsPath("/srv")) -> str:
    return str(root / name)


# ok: path-param-mismatch
@router.get("/{item_id}/raw")
async def raw(request: Request) -> dict[str, str]:
    return {"id": request.path_params["item_id"]}


# ok: path-param-mismatch
@router.get("/by-project/{project_id}")
async def by_project(project: ProjectDep) -> list[str]:
    return []


# ok: path-param-mismatch
@router.get("/{item_id}/labels/{label_id}")
async def read_label(uid: Annotated[UUID, Path(alias="label_id")], item_id: int) -> dict[str, str]:
    return {"label": str(uid)}


class ItemViews:
    # ruleid: path-param-mismatch
    @router.put("/{item_id}/stock")
    async def set_stock(self, sku: int, count: int) -> None:
        return None


def get_current_item(request: Request, session: SessionDep) -> Item:
    return session.get(Item, request.path_params["item_id"])


CurrentItem = Annotated[Item, Depends(get_current_item)]


# ok: path-param-mismatch
@router.post("/{item_id}/resources/channel")
def create_channel(session: SessionDep, current_item: CurrentItem) -> None:
    return None
