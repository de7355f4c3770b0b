"""Events."""

from datetime import datetime
from typing import Annotated

from sqlalchemy import String, func
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base

intpk = Annotated[int, mapped_column(primary_key=True)]
str50 = Annotated[str, mapped_column(String(50))]
timestamp = Annotated[
    datetime,
    mapped_column(server_default=func.now()),
]


class Event(Base):
    __tablename__ = "events"

    id: Mapped[intpk]
    name: Mapped[str50]
    venue: Mapped[str50 | None]
    starts_at: Mapped[datetime]
    created_at: Mapped[timestamp]
