"""Request and response models for books."""

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from app.schemas.common import Int64, RecordId, SafeStr

BookTitle = Annotated[SafeStr, Field(max_length=200)]
BookIsbn = Annotated[SafeStr, Field(max_length=32)]
BookPages = Annotated[Int64, Field(ge=-2147483648, le=2147483647)]
BookPrice = Annotated[Decimal, Field(max_digits=10, decimal_places=2, allow_inf_nan=False)]


class BookBase(BaseModel):
    title: BookTitle
    isbn: BookIsbn
    summary: SafeStr | None = None
    pages: BookPages | None = None
    price: BookPrice
    in_print: bool = True
    format: Literal["hardcover", "paperback", "ebook"] = "paperback"
    published_on: date | None = None
    owner_id: RecordId


class BookCreate(BookBase):
    """Body of POST and PUT (a full replacement)."""

    model_config = ConfigDict(extra="forbid")


class BookUpdate(BaseModel):
    """Body of PATCH: every field optional; only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

    title: BookTitle | None = None
    isbn: BookIsbn | None = None
    summary: SafeStr | None = None
    pages: BookPages | None = None
    price: BookPrice | None = None
    in_print: bool | None = None
    format: Literal["hardcover", "paperback", "ebook"] | None = None
    published_on: date | None = None
    owner_id: RecordId | None = None

    @model_validator(mode="after")
    def reject_null_for_required(self) -> Self:
        # Omitting a field leaves it unchanged; sending null for a required field is an error.
        for name in ("title", "isbn", "price", "in_print", "format", "owner_id"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be null")
        return self


class BookPublic(BookBase):
    model_config = ConfigDict(from_attributes=True)

    id: int


class BooksPublic(BaseModel):
    data: list[BookPublic]
    count: int
