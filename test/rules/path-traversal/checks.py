"""Containment checks: which ones end the taint, and which ones do not."""
import os
import re
import uuid
from pathlib import Path

from fastapi import FastAPI, HTTPException
from fastapi.responses import FileResponse

app = FastAPI()

MEDIA_ROOT = Path("/srv/media").resolve()
EXPORT_ROOT = "/srv/exports"
SLUG_RE = re.compile(r"[a-z0-9-]+")


@app.get("/media/{name}")
async def media_checked(name: str):
    resolved = (MEDIA_ROOT / name).resolve()
    if not resolved.is_relative_to(MEDIA_ROOT):
        raise HTTPException(status_code=400, detail="Invalid path")
    # ok: path-traversal
    return FileResponse(resolved)


@app.get("/exports/{name}")
def export_checked(name: str):
    full = os.path.realpath(os.path.join(EXPORT_ROOT, name))
    if os.path.commonpath([full, EXPORT_ROOT]) != EXPORT_ROOT:
        raise HTTPException(status_code=404, detail="Not found")
    # ok: path-traversal
    with open(full, "rb") as fh:
        return fh.read()


@app.get("/str-check/{name}")
def str_prefix_checked(name: str):
    target = (MEDIA_ROOT / name).resolve()
    if not str(target).startswith(str(MEDIA_ROOT) + os.sep):
        raise HTTPException(status_code=400, detail="Invalid path")
    # ok: path-traversal
    return FileResponse(str(target))


@app.get("/positive/{name}")
def positive_branch(name: str):
    candidate = (MEDIA_ROOT / name).resolve()
    if candidate.is_relative_to(MEDIA_ROOT):
        # ok: path-traversal
        return FileResponse(candidate)
    raise HTTPException(status_code=400, detail="Invalid path")


@app.get("/try/{name}")
def relative_to_checked(name: str):
    path = (MEDIA_ROOT / name).resolve()
    try:
        path.relative_to(MEDIA_ROOT)
    except ValueError:
        raise HTTPException(status_code=400, detail="Invalid path") from None
    # ok: path-traversal
    return FileResponse(path)


@app.get("/inline/{name}")
def inline_resolve_check(name: str):
    path = MEDIA_ROOT / name
    if not path.resolve().is_relative_to(MEDIA_ROOT):
        raise HTTPException(status_code=400, detail="Invalid path")
    # ok: path-traversal
    return FileResponse(path)


@app.get("/parents/{name}")
def parents_checked(name: str):
    path = (MEDIA_ROOT / name).resolve()
    if MEDIA_ROOT not in path.parents:
        raise HTTPException(status_code=400, detail="Invalid path")
    # ok: path-traversal
    path.unlink()


@app.get("/loop")
def many(names: str):
    out = []
    for raw in names.split(","):
        item = (MEDIA_ROOT / raw).resolve()
        if not item.is_relative_to(MEDIA_ROOT):
            continue
        # ok: path-traversal
        out.append(item.read_bytes())
    return out


# --- checks that do not protect the value that is used ----------------------


@app.get("/unnormalised/{name}")
def startswith_without_resolve(name: str):
    path = os.path.join(EXPORT_ROOT, name)
    # `/srv/exports/../../etc/passwd` starts with `/srv/exports`.
    if not path.startswith(EXPORT_ROOT):
        raise HTTPException(status_code=400, detail="Invalid path")
    # ruleid: path-traversal
    return FileResponse(path)


@app.get("/other-value/{name}")
def checks_one_uses_another(name: str):
    resolved = (MEDIA_ROOT / name).resolve()
    if not resolved.is_relative_to(MEDIA_ROOT):
        raise HTTPException(status_code=400, detail="Invalid path")
    # ruleid: path-traversal
    return FileResponse(os.path.join("/srv/media", name))


@app.get("/dotdot/{name}")
def dotdot_blacklist(name: str):
    # An absolute name ("/etc/passwd") needs no "..".
    if ".." in name:
        raise HTTPException(status_code=400, detail="Invalid path")
    # ruleid: path-traversal
    return FileResponse(os.path.join(EXPORT_ROOT, name))


@app.get("/no-exit/{name}")
def check_without_rejecting(name: str):
    resolved = (MEDIA_ROOT / name).resolve()
    if not resolved.is_relative_to(MEDIA_ROOT):
        print("suspicious path", resolved)
    # ruleid: path-traversal
    return FileResponse(resolved)


@app.get("/rebound/{name}")
def rebound_after_check(name: str, suffix: str = ""):
    resolved = (MEDIA_ROOT / name).resolve()
    if not resolved.is_relative_to(MEDIA_ROOT):
        raise HTTPException(status_code=400, detail="Invalid path")
    resolved = Path(str(resolved) + suffix)
    # ruleid: path-traversal
    return FileResponse(resolved)


# --- name validation -----------------------------------------------------

@app.get("/slug/{slug}")
def slug_checked(slug: str):
    if not SLUG_RE.fullmatch(slug):
        raise HTTPException(status_code=404, detail="Not found")
    # ok: path-traversal
    return FileResponse(f"pages/{slug}.html")


@app.get("/regex/{name}")
def regex_checked(name: str):
    if not re.fullmatch(r"[\w-]+\.pdf", name):
        raise HTTPException(status_code=400, detail="Invalid name")
    # ok: path-traversal
    return FileResponse(os.path.join(EXPORT_ROOT, name))


@app.get("/alnum/{name}")
def alnum_checked(name: str):
    if not name.isalnum():
        raise HTTPException(status_code=400, detail="Invalid name")
    # ok: path-traversal
    return FileResponse(MEDIA_ROOT / f"{name}.png")


@app.get("/blacklist/{name}")
def separator_blacklist(name: str):
    if "/" in name or "\\" in name or ".." in name:
        raise HTTPException(status_code=400, detail="Invalid name")
    # ok: path-traversal
    return FileResponse(MEDIA_ROOT / name)


@app.get("/loose-regex/{name}")
def loose_regex(name: str):
    # Slashes and dots are allowed: "../../etc/passwd" matches.
    if not re.fullmatch(r"[\w/.-]+", name):
        raise HTTPException(status_code=400, detail="Invalid name")
    # ruleid: path-traversal
    return FileResponse(MEDIA_ROOT / name)


@app.get("/blobs/{blob_id}")
def blob(blob_id: str):
    try:
        uuid.UUID(blob_id)
    except ValueError:
        raise HTTPException(status_code=404, detail="Not found") from None
    # ok: path-traversal
    return FileResponse(MEDIA_ROOT / f"{blob_id}.bin")
