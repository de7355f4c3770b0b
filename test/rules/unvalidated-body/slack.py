"""A signed Slack command, and slack_bolt listeners that share FastAPI's method names."""

from fastapi import APIRouter, Request
from slack_bolt import Ack
from slack_sdk.signature import SignatureVerifier

from app.bolt import app
from app.settings import settings

router = APIRouter()


def verify(body: bytes, headers) -> None:
    if not SignatureVerifier(settings.slack_signing_secret).is_valid_request(body, headers):
        raise PermissionError("bad signature")


# ok: unvalidated-body
@router.post("/slack/command")
async def slack_command(request: Request) -> dict[str, str]:
    verify(await request.body(), request.headers)
    form = await request.form()
    return {"command": str(form.get("command"))}


# ok: unvalidated-body
@app.options("tags-multi-select")
def handle_tag_search(ack: Ack, payload: dict) -> None:
    ack(options=[payload["value"]])


@router.post("/slack/unsigned")
async def slack_unsigned(request: Request) -> dict[str, str]:
    # ruleid: unvalidated-body
    form = await request.form()
    return {"command": str(form.get("command"))}
