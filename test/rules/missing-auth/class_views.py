# Class-based views whose base class (in another module) depends on the
# current user, and routers made from an APIRouter subclass that passes an
# auth dependency to APIRouter.__init__: every route they carry is guarded.
from fastapi import APIRouter

from app.routes.base import (
    BaseAdminController,
    BaseAliasController,
    BaseCrudController,
    BasePublicController,
    BaseUserController,
    TaggedRouter,
    UserAPIRouter,
)
from app.routes.controller import controller

router = APIRouter(prefix="/foods", tags=["foods"])
user_router = UserAPIRouter(prefix="/tokens")
tagged_router = TaggedRouter(prefix="/tags")


@controller(router)
class FoodsController(BaseUserController):
    # ok: missing-auth
    @router.post("")
    def create_food(self, name: str) -> dict:
        return {"name": name}


@controller(router)
class FoodsAdminController(BaseAdminController):
    # ok: missing-auth
    @router.delete("/{food_id}")
    def delete_food(self, food_id: int) -> None:
        return None


@controller(router)
class UnitsController(BaseCrudController):
    # ok: missing-auth
    @router.put("/units/{unit_id}")
    def update_unit(self, unit_id: int, name: str) -> dict:
        return {"id": unit_id, "name": name}


@controller(router)
class LabelsController(BaseAliasController):
    # ok: missing-auth
    @router.post("/labels")
    def create_label(self, name: str) -> dict:
        return {"name": name}


@controller(router)
class SharedController(BasePublicController):
    # ruleid: missing-auth
    @router.post("/shared")
    def share(self, name: str) -> dict:
        return {"name": name}


# ok: missing-auth
@user_router.post("")
def create_token(name: str) -> dict:
    return {"name": name}


# ok: missing-auth
@user_router.delete("/{token_id}")
def delete_token(token_id: int) -> None:
    return None


# ruleid: missing-auth
@tagged_router.post("")
def create_tag(name: str) -> dict:
    return {"name": name}
