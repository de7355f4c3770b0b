"""Types and response declarations shared by every resource."""

from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, Field, HttpUrl, TypeAdapter

_http_url = TypeAdapter(HttpUrl)


def _checked_url(value: str) -> str:
    return str(_http_url.validate_python(value))


# An http(s) URL, validated by pydantic and kept as a plain string for the database.
HttpUrlStr = Annotated[str, Field(max_length=2083, json_schema_extra={"format": "uri"}), AfterValidator(_checked_url)]
# Integers that fit the BIGINT columns they are stored in.
Int64 = Annotated[int, Field(ge=-(2**63), le=2**63 - 1)]


class ErrorMessage(BaseModel):
    detail: str


_DESCRIPTIONS = {
    401: "Missing, invalid or expired bearer token",
    404: "Not found",
    409: "Conflicts with an existing record",
    429: "Too many requests",
}


def error_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` entries for the error codes a route can answer."""
    return {code: {"model": ErrorMessage, "description": _DESCRIPTIONS[code]} for code in codes}
