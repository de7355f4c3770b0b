"""Request and response models for events."""

from datetime import datetime
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from app.schemas.common import SafeStr

EventName = Annotated[SafeStr, Field(max_length=50)]
EventVenue = Annotated[SafeStr, Field(max_length=50)]


class EventBase(BaseModel):
    name: EventName
    venue: EventVenue | None = None
    starts_at: datetime


class EventCreate(EventBase):
    """Body of POST and PUT (a full replacement)."""

    model_config = ConfigDict(extra="forbid")


class EventUpdate(BaseModel):
    """Body of PATCH: every field optional; only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

    name: EventName | None = None
    venue: EventVenue | None = None
    starts_at: datetime | None = None

    @model_validator(mode="after")
    def reject_null_for_required(self) -> Self:
        # Omitting a field leaves it unchanged; sending null for a required field is an error.
        for name in ("name", "starts_at"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be null")
        return self


class EventPublic(EventBase):
    model_config = ConfigDict(from_attributes=True)

    id: int


class EventsPublic(BaseModel):
    data: list[EventPublic]
    count: int
