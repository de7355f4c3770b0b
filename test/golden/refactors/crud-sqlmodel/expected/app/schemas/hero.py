"""Request and response models for heroes."""

from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from app.schemas.common import Int64, RecordId, SafeStr

HeroName = Annotated[SafeStr, Field(max_length=80)]
HeroAge = Annotated[Int64, Field(ge=-2147483648, le=2147483647)]


class HeroBase(BaseModel):
    name: HeroName
    secret_name: SafeStr
    age: HeroAge | None = None
    owner_id: RecordId | None = None


class HeroCreate(HeroBase):
    """Body of POST and PUT (a full replacement)."""

    model_config = ConfigDict(extra="forbid")


class HeroUpdate(BaseModel):
    """Body of PATCH: every field optional; only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

    name: HeroName | None = None
    secret_name: SafeStr | None = None
    age: HeroAge | None = None
    owner_id: RecordId | None = None

    @model_validator(mode="after")
    def reject_null_for_required(self) -> Self:
        # Omitting a field leaves it unchanged; sending null for a required field is an error.
        for name in ("name", "secret_name"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be null")
        return self


class HeroPublic(HeroBase):
    model_config = ConfigDict(from_attributes=True)

    id: int


class HeroesPublic(BaseModel):
    data: list[HeroPublic]
    count: int
