from pathlib import Path

from fastapi import APIRouter, UploadFile, status
from fastapi.responses import FileResponse

router = APIRouter()

UPLOAD_DIR = Path("/srv/uploads")


@router.get("/files/{name}")
async def download(name: str):
    # ruleid: path-traversal
    return FileResponse(UPLOAD_DIR / name)


@router.post("/files")
async def upload(file: UploadFile):
    # ruleid: path-traversal
    with open(f"uploads/{file.filename}", "wb") as out:
        out.write(await file.read())
    return {"stored": file.filename}
