from datetime import date
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

ProjectTitle = Annotated[str, Field(max_length=120)]
ProjectCode = Annotated[str, Field(max_length=20)]


class ProjectBase(BaseModel):
    title: ProjectTitle
    code: ProjectCode
    starts_on: date | None = None
    done: bool = False


class ProjectCreate(ProjectBase):
    """Body of POST and PUT (a full replacement)."""

    model_config = ConfigDict(extra="forbid")


class ProjectUpdate(BaseModel):
    """Body of PATCH: every field optional; only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

    title: ProjectTitle | None = None
    code: ProjectCode | None = None
    starts_on: date | None = None
    done: bool | None = None

    @model_validator(mode="after")
    def reject_null_for_required(self) -> Self:
        # An omitted field stays unchanged; null for a required field is an error.
        for name in ("title", "code", "done"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be null")
        return self


class ProjectPublic(ProjectBase):
    model_config = ConfigDict(from_attributes=True)

    id: int
    owner_id: int
