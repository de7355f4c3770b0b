"""A service that checks an API key with its own dependency, defined here."""

from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, HTTPException, status
from fastapi.security import APIKeyHeader

api_key_header = APIKeyHeader(name="X-API-Key")


def check_key(key: Annotated[str, Depends(api_key_header)]) -> str:
    if key != "expected":
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="Bad key")
    return key


def current_tenant(key: Annotated[str, Depends(check_key)]) -> str:
    return key.split("-")[0]


TenantDep = Annotated[str, Depends(current_tenant)]

internal = APIRouter(prefix="/internal", dependencies=[Depends(check_key)])
jobs = APIRouter(prefix="/jobs")
app = FastAPI()


# ok: missing-auth
@internal.post("/reindex")
def reindex() -> None:
    return None


# ok: missing-auth
@jobs.post("/{job_id}/cancel")
def cancel_job(job_id: int, tenant: TenantDep) -> None:
    return None


# ruleid: missing-auth
@jobs.post("")
def enqueue_job(name: str) -> dict[str, str]:
    return {"queued": name}


# ok: missing-auth
@app.post("/secure/{job_id}")
def secure_job(job_id: int) -> None:
    check_key("manual")


# ok: missing-auth
@app.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


# ok: missing-auth
@app.post("/health")
def health_probe() -> dict[str, str]:
    return {"status": "ok"}


app.include_router(internal)
app.include_router(jobs)
