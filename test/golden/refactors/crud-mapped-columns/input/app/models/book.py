"""Books, written by hand."""

import enum
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Optional

import sqlalchemy as sa
from sqlalchemy import ForeignKey, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base

if TYPE_CHECKING:
    from app.models.user import User


class Format(str, enum.Enum):
    HARDCOVER = "hardcover"
    PAPERBACK = "paperback"
    EBOOK = "ebook"


class Book(Base):  # the catalogue
    __tablename__ = "books"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200), index=True)
    isbn: Mapped[str] = mapped_column(
        String(32),
        unique=True,  # ISBN-13 with dashes
    )
    summary: Mapped[Optional[str]] = mapped_column(Text)
    pages: Mapped[int | None]
    price: Mapped[Decimal] = mapped_column(sa.Numeric(10, 2))
    in_print: Mapped[bool] = mapped_column(default=True)
    format: Mapped[Format] = mapped_column(default=Format.PAPERBACK)
    published_on: Mapped[date | None] = mapped_column(sa.Date, nullable=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())

    owner: Mapped["User"] = relationship()

    def __repr__(self) -> str:
        return f"<Book {self.isbn}>"
