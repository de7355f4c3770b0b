"""Add projects

Revision ID: 215dd84abb4e
Revises: 5c1f3a7d9b20

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "215dd84abb4e"
down_revision = "5c1f3a7d9b20"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "projects",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=120), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("budget", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("summary", sa.String(), nullable=True),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.UniqueConstraint("code"),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_projects_author_id"), "projects", ["author_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_projects_author_id"), table_name="projects")
    op.drop_table("projects")
