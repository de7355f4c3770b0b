"""Request and response models for suppliers."""

from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, FiniteFloat, model_validator

from app.schemas.common import SafeStr

SupplierName = Annotated[SafeStr, Field(max_length=120)]
SupplierEmail = Annotated[SafeStr, Field(max_length=320)]


class SupplierBase(BaseModel):
    name: SupplierName
    email: SupplierEmail | None = None
    rating: FiniteFloat | None = 0
    notes: SafeStr | None = None
    active: bool = True


class SupplierCreate(SupplierBase):
    """Body of POST and PUT (a full replacement)."""

    model_config = ConfigDict(extra="forbid")


class SupplierUpdate(BaseModel):
    """Body of PATCH: every field optional; only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

    name: SupplierName | None = None
    email: SupplierEmail | None = None
    rating: FiniteFloat | None = None
    notes: SafeStr | None = None
    active: bool | None = None

    @model_validator(mode="after")
    def reject_null_for_required(self) -> Self:
        # Omitting a field leaves it unchanged; sending null for a required field is an error.
        for name in ("name", "active"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be null")
        return self


class SupplierPublic(SupplierBase):
    model_config = ConfigDict(from_attributes=True)

    id: int


class SuppliersPublic(BaseModel):
    data: list[SupplierPublic]
    count: int
