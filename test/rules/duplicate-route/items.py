"""Item routes, with a few registrations that collide."""

from fastapi import APIRouter, FastAPI, Response

from app.schemas.item import ItemCreate, ItemPublic

app = FastAPI()
router = APIRouter(prefix="/items", tags=["items"])
admin = APIRouter(prefix="/admin/items", tags=["admin"])
ITEM_PATH = "/{item_id}"


# ok: duplicate-route
@router.get("")
async def list_items() -> list[ItemPublic]:
    return []


# ok: duplicate-route
@router.post("")
async def create_item(payload: ItemCreate) -> ItemPublic:
    return ItemPublic(id=1)


# ok: duplicate-route
@router.get("/")
async def list_items_slash() -> list[ItemPublic]:
    return []


# ok: duplicate-route
@router.get("/{item_id}")
async def read_item(item_id: int) -> ItemPublic:
    return ItemPublic(id=item_id)


# ruleid: duplicate-route
@router.get("/{id}")
async def get_item(id: int) -> ItemPublic:
    return ItemPublic(id=id)


# ok: duplicate-route
@router.get("/{slug:path}")
async def read_by_slug(slug: str) -> ItemPublic:
    return ItemPublic(id=0)


# ok: duplicate-route
@admin.get("/{item_id}")
async def admin_read_item(item_id: int) -> ItemPublic:
    return ItemPublic(id=item_id)


# ruleid: duplicate-route
@router.post("")
async def create_item_v2(payload: ItemCreate) -> ItemPublic:
    return ItemPublic(id=2)


# ok: duplicate-route
@router.put("/{item_id}")
async def replace_item(item_id: int, payload: ItemCreate) -> ItemPublic:
    return ItemPublic(id=item_id)


# ruleid: duplicate-route
@router.api_route("/{item_id}", methods=["PATCH", "PUT"])
async def update_item(item_id: int, payload: ItemCreate) -> ItemPublic:
    return ItemPublic(id=item_id)


# ok: duplicate-route
@router.delete(ITEM_PATH)
async def delete_item(item_id: int) -> None:
    return None


# ok: duplicate-route
@router.delete("/{item_id}/image")
async def delete_image(item_id: int) -> None:
    return None


# ruleid: duplicate-route
@router.delete("/{item_id}")
async def delete_item_again(item_id: int) -> None:
    return None


# ok: duplicate-route
@app.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}


# ok: duplicate-route
@app.head("/health")
async def health_head() -> Response:
    return Response()


# ok: duplicate-route
@app.api_route("/health/live", methods=["GET"])
async def live() -> dict[str, str]:
    return {"status": "ok"}


# ok: duplicate-route
@app.api_route("/health/live", methods=["POST"])
async def live_post() -> dict[str, str]:
    return {"status": "ok"}


# ruleid: duplicate-route
@app.get("/health")
def health_sync() -> dict[str, str]:
    return {"status": "ok"}


class ItemViews:
    # ok: duplicate-route
    @router.get("/{item_id}/history")
    async def history(self, item_id: int) -> list[str]:
        return []

    # ruleid: duplicate-route
    @router.get("/{item_id}/history")
    async def history_v2(self, item_id: int) -> list[str]:
        return []


app.include_router(router)
app.include_router(admin)


# ok: duplicate-route
@admin.post(
    "/{item_id}/restore",
    summary="Restore an item",
)
# ruleid: duplicate-route
@admin.post("/{pk}/restore")
async def restore(item_id: int) -> None:
    return None
