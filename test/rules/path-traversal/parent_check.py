# A path checked to be a direct child of its base directory (`dest.parent`
# compared with the base, then the request refused) is contained: a `..` or a
# separator anywhere in the name moves the lexical parent.
from pathlib import Path

from fastapi import APIRouter, File, Form, HTTPException, UploadFile

router = APIRouter()
ASSET_DIR = Path("/srv/assets")


@router.post("/assets")
async def upload_asset(name: str = Form(...), file: UploadFile = File(...)):
    dest = ASSET_DIR / name
    if dest.absolute().parent != ASSET_DIR:
        raise HTTPException(status_code=400, detail="invalid file name")
    # ok: path-traversal
    with dest.open("wb") as buffer:
        buffer.write(await file.read())


@router.post("/assets/checked")
async def upload_checked(name: str = Form(...), file: UploadFile = File(...)):
    dest = ASSET_DIR / name
    if dest.parent == ASSET_DIR:
        # ok: path-traversal
        dest.write_bytes(await file.read())


@router.post("/assets/nested")
async def upload_nested(name: str = Form(...), file: UploadFile = File(...)):
    dest = ASSET_DIR / name / "original.bin"
    if dest.parent.parent != ASSET_DIR:
        print("unexpected location")
    # ruleid: path-traversal
    dest.write_bytes(await file.read())


@router.post("/assets/other")
async def upload_other(name: str = Form(...), other: str = Form(...), file: UploadFile = File(...)):
    dest = ASSET_DIR / name
    if (ASSET_DIR / other).parent != ASSET_DIR:
        raise HTTPException(status_code=400, detail="invalid file name")
    # ruleid: path-traversal
    dest.write_bytes(await file.read())
