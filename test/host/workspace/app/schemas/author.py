"""Request and response models for authors."""

from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from app.schemas.common import SafeStr

AuthorName = Annotated[SafeStr, Field(max_length=120)]


class AuthorBase(BaseModel):
    name: AuthorName
    bio: SafeStr | None = None


class AuthorCreate(AuthorBase):
    """Body of POST and PUT (a full replacement)."""

    model_config = ConfigDict(extra="forbid")


class AuthorUpdate(BaseModel):
    """Body of PATCH: every field optional; only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

    name: AuthorName | None = None
    bio: SafeStr | None = None

    @model_validator(mode="after")
    def reject_null_for_required(self) -> Self:
        # Omitting a field leaves it unchanged; sending null for a required field is an error.
        for name in ("name",):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be null")
        return self


class AuthorPublic(AuthorBase):
    model_config = ConfigDict(from_attributes=True)

    id: int


class AuthorsPublic(BaseModel):
    data: list[AuthorPublic]
    count: int
