from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Path

from app.settings import settings

app = FastAPI()
versioned = APIRouter(prefix=settings.api_prefix)


def audit(request_id: str) -> None:
    return None


@app.api_route(
    # ruleid: path-param-mismatch
    "/tenants/{tenant_id}/reports/{report_id}",
    methods=["GET", "HEAD"],
)
async def report(tenant_id: int) -> dict[str, int]:
    return {"tenant": tenant_id}


# ruleid: path-param-mismatch
@app.post("/jobs/{job_id}/retry", dependencies=[Depends(audit)])
async def retry(session_id: int) -> None:
    return None


# ok: path-param-mismatch
@versioned.get("/reports")
async def versioned_reports(tenant_id: Annotated[int, Path()]) -> list[str]:
    return []


# ok: path-param-mismatch
@app.get("/jobs/{job_id}", dependencies=[Depends(audit)])
async def read_job(job_id: int) -> dict[str, int]:
    return {"job": job_id}


# ok: path-param-mismatch
@app.get("/static/{rest:path}")
async def static(rest: str) -> str:
    return rest


JOB_PATH = "/jobs/{job_id}/logs"


# ruleid: path-param-mismatch
@app.get(JOB_PATH)
async def job_logs(id: int) -> list[str]:
    return []


# ok: path-param-mismatch
@app.delete(JOB_PATH)
async def clear_job_logs(job_id: int) -> None:
    return None
