"""A web module that only mentions migrations: its request values still reach SQL."""
from fastapi import APIRouter
from sqlalchemy import text
from sqlalchemy.orm import Session

from alembic import command
from alembic.config import Config

from app.migrations import op_log  # not alembic's op

router = APIRouter()

# Talks about alembic in a comment: from alembic import op


@router.get("/revisions")
def find_revision(session: Session, revision: str):
    op_log("lookup", revision)
    # ruleid: sql-injection
    return session.execute(text(f"SELECT * FROM alembic_version WHERE version_num = '{revision}'")).all()


@router.post("/tenants/{schema}/migrate")
def migrate_tenant(session: Session, schema: str):
    # ruleid: sql-injection
    session.execute(text(f'set search_path to "{schema}"'))


@router.post("/admin/upgrade")
def upgrade_to(session: Session, target: str):
    # The endpoint drives Alembic, but it is request code: the target is the client's.
    command.upgrade(Config("alembic.ini"), "head")
    # ruleid: sql-injection
    session.execute(text(f"DELETE FROM alembic_version WHERE version_num <> '{target}'"))
