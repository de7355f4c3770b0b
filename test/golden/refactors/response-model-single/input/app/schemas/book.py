from pydantic import BaseModel, ConfigDict


class BookPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    title: str


class BooksPublic(BaseModel):
    data: list[BookPublic]
    count: int
