import os
import shutil
import uuid
from enum import Enum
from pathlib import Path
from typing import Annotated, Literal
from uuid import UUID, uuid4

import aiofiles
from fastapi import APIRouter, Depends, File, Form, HTTPException, Query, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.responses import FileResponse
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import get_session
from app.models import Document
from app.settings import settings

router = APIRouter(prefix="/files", tags=["files"])

UPLOAD_DIR = Path(__file__).parent / "uploads"
REPORTS_DIR = "/srv/reports"


class ExportFormat(str, Enum):
    csv = "csv"
    json = "json"


class RenameRequest(BaseModel):
    source: str
    target: str
    version: int


@router.get("/download/{filename}")
async def download(filename: str):
    # ruleid: path-traversal
    return FileResponse(UPLOAD_DIR / filename)


@router.get("/raw")
def read_raw(name: str = Query(...)):
    path = os.path.join(REPORTS_DIR, name)
    # ruleid: path-traversal
    with open(path) as fh:
        return {"content": fh.read()}


@router.post("/upload")
async def upload(file: UploadFile = File(...)):
    destination = UPLOAD_DIR / file.filename
    # ruleid: path-traversal
    async with aiofiles.open(destination, "wb") as out:
        await out.write(await file.read())
    return {"stored": file.filename}


@router.post("/notes")
async def save_note(title: Annotated[str, Form()], body: Annotated[str, Form()]):
    note_path = f"{settings.notes_dir}/{title.strip().lower()}.md"
    # ruleid: path-traversal
    Path(note_path).write_text(body)
    return {"ok": True}


@router.post("/rename")
def rename(payload: RenameRequest):
    src = UPLOAD_DIR / payload.source
    # ruleid: path-traversal
    shutil.move(src, UPLOAD_DIR / "archive" / payload.target)
    return {"ok": True}


@router.delete("/{name}")
def delete_file(name: str):
    # ruleid: path-traversal
    os.remove(os.path.join(settings.upload_dir, name))


@router.get("/report")
async def report(request: Request):
    report_name = request.query_params["report"]
    full = "reports/" + report_name + ".pdf"
    # ruleid: path-traversal
    return FileResponse(path=full, media_type="application/pdf")


@router.get("/theme")
async def theme(request: Request):
    data = await request.json()
    # ruleid: path-traversal
    css = (Path("static/themes") / data["theme"]).read_text()
    return {"css": css}


@router.get("/logs/{service}")
def tail_log(service: str, lines: int = 100):
    log_file = "/var/log/{}.log".format(service)
    # ruleid: path-traversal
    with open(log_file) as fh:
        return fh.readlines()[-lines:]


async def media(request):
    # Starlette endpoint, mounted with Route("/media/{name}", media).
    name = request.path_params["name"]
    # ruleid: path-traversal
    return FileResponse(os.path.join("media", name))


# --- hard negatives -------------------------------------------------------


@router.get("/safe/{filename}")
async def download_basename(filename: str):
    # ok: path-traversal
    return FileResponse(UPLOAD_DIR / os.path.basename(filename))


@router.post("/avatar")
async def upload_avatar(file: UploadFile):
    stored = f"{uuid4()}.png"
    # ok: path-traversal
    async with aiofiles.open(UPLOAD_DIR / stored, "wb") as out:
        await out.write(await file.read())
    return {"stored": stored}


@router.get("/items/{item_id}")
def read_item_json(item_id: int):
    # ok: path-traversal
    with open(f"/data/{item_id}.json") as fh:
        return fh.read()


@router.get("/by-uuid/{file_id}")
def by_uuid(file_id: UUID):
    # ok: path-traversal
    return FileResponse(UPLOAD_DIR / f"{file_id}.bin")


@router.get("/by-path-param/{file_id}")
def by_path_param(file_id: Annotated[int, PathParam(ge=1)]):
    # ok: path-traversal
    return FileResponse(os.path.join(REPORTS_DIR, f"{file_id}.pdf"))


@router.get("/export/{fmt}")
def export(fmt: ExportFormat):
    # ok: path-traversal
    return FileResponse(f"exports/latest.{fmt.value}")


@router.get("/lang/{lang}")
def strings(lang: Literal["en", "de", "fr"]):
    # ok: path-traversal
    return Path(f"i18n/{lang}.json").read_text()


@router.get("/config")
def config():
    # ok: path-traversal
    with open(settings.config_path) as fh:
        return fh.read()


@router.get("/documents/{doc_id}")
async def document(doc_id: int, session: AsyncSession = Depends(get_session)):
    doc = await session.get(Document, doc_id)
    if doc is None:
        raise HTTPException(status_code=404, detail="Document not found")
    # ok: path-traversal
    return FileResponse(doc.storage_path, filename=doc.original_name)


@router.get("/name-only/{filename}")
def name_only(filename: str):
    # ok: path-traversal
    return FileResponse(UPLOAD_DIR / Path(filename).name)


@router.post("/rename-versioned")
def versioned(payload: RenameRequest):
    # ok: path-traversal
    return FileResponse(UPLOAD_DIR / f"v{payload.version}.zip")


@router.get("/exists/{filename}")
def exists(filename: str):
    # ok: path-traversal
    return {"exists": (UPLOAD_DIR / filename).exists(), "name": filename.upper()}


@router.post("/import")
async def import_csv(file: UploadFile):
    tmp = Path("/tmp") / f"import-{uuid.uuid4().hex}.csv"
    # ok: path-traversal
    tmp.write_bytes(await file.read())
    return {"rows": 0}


def cleanup(name: str) -> None:
    # Not a handler: `name` comes from our own scheduler, not from a request.
    # ok: path-traversal
    os.remove(os.path.join(REPORTS_DIR, name))


@router.post("/images")
async def upload_image(image: UploadFile):
    extension = os.path.splitext(image.filename)[1].lower()
    stored_name = f"{uuid.uuid4().hex}{extension}"
    # ok: path-traversal
    with open(os.path.join(settings.upload_dir, stored_name), "wb") as buffer:
        shutil.copyfileobj(image.file, buffer)
    return {"stored": stored_name}


@router.post("/images-naive")
async def upload_image_naive(image: UploadFile):
    # ruleid: path-traversal
    with open(os.path.join(settings.upload_dir, image.filename), "wb") as buffer:
        shutil.copyfileobj(image.file, buffer)
    return {"stored": image.filename}


@router.get("/two-part/{folder}/{name}")
def two_part(folder: str, name: str):
    # ruleid: path-traversal
    return Path(UPLOAD_DIR, folder, name).read_bytes()


@router.get("/joinpath/{name}")
def joinpath(name: str):
    # ruleid: path-traversal
    return UPLOAD_DIR.joinpath(name).read_text()


async def store_upload(upload: UploadFile) -> str:
    # A helper, but an UploadFile only ever comes from a request.
    # ruleid: path-traversal
    async with aiofiles.open(UPLOAD_DIR / upload.filename, "wb") as out:
        await out.write(await upload.read())
    return upload.filename
