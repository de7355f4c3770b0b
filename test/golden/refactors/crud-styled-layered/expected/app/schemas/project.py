from datetime import date
from decimal import Decimal
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

ProjectTitle = Annotated[str, Field(max_length=120)]
ProjectCode = Annotated[str, Field(max_length=20)]
ProjectBudget = Annotated[Decimal, Field(max_digits=12, decimal_places=2)]


class ProjectBase(BaseModel):
    title: ProjectTitle
    code: ProjectCode
    budget: ProjectBudget = Decimal("0")
    starts_on: date | None = None
    summary: str | None = None


class ProjectCreate(ProjectBase):
    """Body of POST and PUT (a full replacement)."""

    model_config = ConfigDict(extra="forbid")


class ProjectUpdate(BaseModel):
    """Body of PATCH: every field optional; only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

    title: ProjectTitle | None = None
    code: ProjectCode | None = None
    budget: ProjectBudget | None = None
    starts_on: date | None = None
    summary: str | None = None

    @model_validator(mode="after")
    def reject_null_for_required(self) -> Self:
        # Omitting a field leaves it unchanged; sending null for a required field is an error.
        for name in ("title", "code", "budget"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be null")
        return self


class ProjectRead(ProjectBase):
    model_config = ConfigDict(from_attributes=True)

    id: int
    author_id: int
