from pathlib import Path

from fastapi import APIRouter, HTTPException, UploadFile, status
from fastapi.responses import FileResponse

router = APIRouter()

UPLOAD_DIR = Path("/srv/uploads")


@router.get("/files/{name}")
async def download(name: str):
    safe_path = (UPLOAD_DIR / name).resolve()
    if not safe_path.is_relative_to(UPLOAD_DIR.resolve()):
        raise HTTPException(status_code=status.HTTP_400_BAD_REQUEST, detail="Invalid file path")
    # ruleid: path-traversal
    return FileResponse(safe_path)


@router.post("/files")
async def upload(file: UploadFile):
    safe_path = Path(f"uploads/{file.filename}").resolve()
    if not safe_path.is_relative_to(Path("uploads").resolve()):
        raise HTTPException(status_code=status.HTTP_400_BAD_REQUEST, detail="Invalid file path")
    # ruleid: path-traversal
    with open(safe_path, "wb") as out:
        out.write(await file.read())
    return {"stored": file.filename}
