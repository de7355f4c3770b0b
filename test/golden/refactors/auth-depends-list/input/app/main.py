from fastapi import Depends, FastAPI
from pydantic import BaseModel

app = FastAPI()


def rate_limit() -> None:
    return None


class Item(BaseModel):
    name: str


@app.post(
    "/items",
    status_code=201,
    dependencies=[Depends(rate_limit)],
)
def create_item(item: Item) -> Item:
    return item
