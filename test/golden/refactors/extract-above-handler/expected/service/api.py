from typing import Any

from fastapi import Body, FastAPI
from pydantic import BaseModel, Field

app = FastAPI()


class SignUpBody(BaseModel):
    """Body of POST /signups."""

    plan: str
    seats: int = 5
    first_name: str = Field(alias="first-name")
    last_name: Any
    referrer: Any = None


# Sign-ups from the legacy form.
@app.post("/signups")
def sign_up(data: SignUpBody = Body(...)):
    if data.plan == "pro":
        seats = int(data.seats)
    else:
        seats = 1
    name = data.first_name + " " + data.last_name
    return {"name": name, "seats": seats, "plan": data.plan, "ref": data.referrer}
