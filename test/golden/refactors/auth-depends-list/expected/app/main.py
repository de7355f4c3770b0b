from fastapi import Depends, FastAPI
from pydantic import BaseModel

from app.security import get_current_user

app = FastAPI()


def rate_limit() -> None:
    return None


class Item(BaseModel):
    name: str


@app.post(
    "/items",
    status_code=201,
    dependencies=[Depends(rate_limit), Depends(get_current_user)],
)
def create_item(item: Item) -> Item:
    return item
