"""Types and response declarations shared by every resource."""

import math
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, Field, HttpUrl, JsonValue, TypeAdapter

# The largest id a key column holds (BIGINT, app.db.IdType). Ids, offsets and
# references beyond it are refused (422) before the database overflows (500).
MAX_ID = 2**63 - 1

_http_url = TypeAdapter(HttpUrl)


def _storable_text(value: str) -> str:
    # PostgreSQL text cannot hold NUL, and an unpaired surrogate has no UTF-8 form:
    # both would fail in the driver (500), so they are a 422 naming the field.
    if "\x00" in value:
        raise ValueError("must not contain the NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("must not contain unpaired surrogates") from None
    return value


def _storable_json(value: JsonValue) -> JsonValue:
    # Python's JSON parser accepts NaN and Infinity, which no JSON answer can carry.
    # A loop, not recursion: nesting depth is up to the client.
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, float) and not math.isfinite(item):
            raise ValueError("numbers must be finite (no NaN or Infinity)")
        if isinstance(item, str):
            _storable_text(item)
        elif isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
    return value


def _checked_url(value: str) -> str:
    return str(_http_url.validate_python(value))


# An http(s) URL, validated by pydantic and kept as a plain string for the database.
HttpUrlStr = Annotated[str, Field(max_length=2083, json_schema_extra={"format": "uri"}), AfterValidator(_checked_url)]
# Integers that fit the BIGINT columns they are stored in.
Int64 = Annotated[int, Field(ge=-(2**63), le=2**63 - 1)]
# The id of a row (a reference): 1 to MAX_ID.
RecordId = Annotated[int, Field(ge=1, le=MAX_ID)]
# Text every database stores as sent: no NUL, no unpaired surrogate.
SafeStr = Annotated[str, AfterValidator(_storable_text)]
# JSON without NaN or Infinity, and with storable text.
JsonData = Annotated[JsonValue, AfterValidator(_storable_json)]


class ErrorMessage(BaseModel):
    detail: str
    # The X-Request-ID of the answer, to find its line in the server log.
    request_id: str


_DESCRIPTIONS = {
    401: "Missing, invalid or expired bearer token",
    403: "The superuser role is required",
    404: "Not found",
    409: "Conflicts with an existing record",
    413: "Request body too large",
    415: "The request body is not JSON",
    429: "Too many requests",
}


def error_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` entries for the error codes a route can answer."""
    return {code: {"model": ErrorMessage, "description": _DESCRIPTIONS[code]} for code in codes}
