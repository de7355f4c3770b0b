"""HTTP routes for suppliers: /suppliers."""

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Response, status

from app.deps import SessionDep
from app.errors import repository_errors
from app.models.inventory import Supplier
from app.repositories.supplier import SupplierRepository
from app.schemas.common import MAX_ID, error_responses
from app.schemas.supplier import SupplierCreate, SupplierPublic, SuppliersPublic, SupplierUpdate

# Public by choice (--auth none): no route here requires a login.
# backend-skill: ignore[missing-auth]
router = APIRouter(prefix="/suppliers", tags=["suppliers"])


def get_repository(session: SessionDep) -> SupplierRepository:
    return SupplierRepository(session)


RepositoryDep = Annotated[SupplierRepository, Depends(get_repository)]


async def get_or_404(repo: SupplierRepository, supplier_id: int) -> Supplier:
    item = await repo.get(supplier_id)
    if item is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="Supplier not found")
    return item


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=SupplierPublic,
    summary="Create a supplier",
    responses=error_responses(409),
)
async def create_supplier(payload: SupplierCreate, repo: RepositoryDep) -> Supplier:
    with repository_errors():
        return await repo.create(payload)


@router.get(
    "",
    summary="List suppliers, oldest first",
)
async def list_suppliers(
    repo: RepositoryDep,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,
) -> SuppliersPublic:
    items, count = await repo.page(limit=limit, offset=offset)
    return SuppliersPublic(data=[SupplierPublic.model_validate(item) for item in items], count=count)


@router.get(
    "/{supplier_id}",
    response_model=SupplierPublic,
    summary="Get a supplier",
    responses=error_responses(404),
)
async def get_supplier(supplier_id: Annotated[int, Path(ge=1, le=MAX_ID)], repo: RepositoryDep) -> Supplier:
    return await get_or_404(repo, supplier_id)


@router.put(
    "/{supplier_id}",
    response_model=SupplierPublic,
    summary="Replace a supplier",
    responses=error_responses(404, 409),
)
async def replace_supplier(
    supplier_id: Annotated[int, Path(ge=1, le=MAX_ID)],
    payload: SupplierCreate,
    repo: RepositoryDep,
) -> Supplier:
    item = await get_or_404(repo, supplier_id)
    with repository_errors():
        return await repo.replace(item, payload)


@router.patch(
    "/{supplier_id}",
    response_model=SupplierPublic,
    summary="Update some fields of a supplier",
    responses=error_responses(404, 409),
)
async def update_supplier(
    supplier_id: Annotated[int, Path(ge=1, le=MAX_ID)],
    payload: SupplierUpdate,
    repo: RepositoryDep,
) -> Supplier:
    item = await get_or_404(repo, supplier_id)
    with repository_errors():
        return await repo.update(item, payload)


@router.delete(
    "/{supplier_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    summary="Delete a supplier",
    responses=error_responses(404, 409),
)
async def delete_supplier(supplier_id: Annotated[int, Path(ge=1, le=MAX_ID)], repo: RepositoryDep) -> None:
    item = await get_or_404(repo, supplier_id)
    with repository_errors():
        await repo.delete(item)
