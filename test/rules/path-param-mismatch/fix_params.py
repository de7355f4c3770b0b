from fastapi import APIRouter, Path

router = APIRouter(prefix="/projects")


# ruleid: path-param-mismatch
@router.get("/{project_id}")
async def read_project(limit: int = 10) -> dict[str, int]:
    return {"limit": limit}


# ruleid: path-param-mismatch
@router.get("/{project_id}/files/{file_path:path}")
async def read_file(project_id: int) -> dict[str, int]:
    return {"project": project_id}


# ruleid: path-param-mismatch
@router.patch("/{slug}")
async def rename_project(
    # ruleid: path-param-mismatch
    project_slug: str = Path(..., min_length=3),
    dry_run: bool = False,
) -> dict[str, str]:
    return {"slug": project_slug, "dry_run": str(dry_run)}


@router.post("/{project_id}/members")
# ruleid: path-param-mismatch
async def add_member(project_id: int, member_id: int = Path(...)) -> None:
    return None
