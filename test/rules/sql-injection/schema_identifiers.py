# DDL built from the ORM's own schema objects (search triggers, partitions):
# table and column names declared in code, not sent by a client.
from fastapi import APIRouter
from sqlalchemy import Column, MetaData, Table, text
from sqlalchemy.orm import Session

from app.search import Searchable

router = APIRouter()


class SearchVector:
    def __init__(self, table: Table, tsvector_column: Column) -> None:
        self.table = table
        self.tsvector_column = tsvector_column

    def column_vector(self, column):
        # ok: sql-injection
        return text("NEW.{column}".format(column=column.name))

    def trigger(self, session: Session) -> None:
        session.execute(
            # ok: sql-injection
            text(f"CREATE TRIGGER {self.table.name}_search BEFORE UPDATE ON {self.table.fullname} FOR EACH ROW EXECUTE PROCEDURE tsvector_update_trigger({self.tsvector_column.name})")
        )


def analyze_all(session: Session, metadata: MetaData) -> None:
    for table in metadata.sorted_tables:
        # ok: sql-injection
        session.execute(text(f"ANALYZE {table.name}"))


def drop_column(session: Session, column: str) -> None:
    # ruleid: sql-injection
    session.execute(text(f"ALTER TABLE items DROP COLUMN {column}"))


def rename(session: Session, spec) -> None:
    # ruleid: sql-injection
    session.execute(text(f"ALTER TABLE items RENAME TO {spec.name}"))


@router.get("/stats")
def stats(session: Session, table: str, column: str = "id"):
    # ruleid: sql-injection
    return session.execute(text(f"SELECT count({column}.name) FROM {table.name}")).all()


class SearchMixin(Searchable):
    @classmethod
    def fuzzy(cls, session: Session, search: str):
        # ok: sql-injection
        session.execute(text(f"set pg_trgm.word_similarity_threshold = {cls._fuzzy_threshold};"))
        return session.execute(text("SELECT id FROM recipes WHERE name %> :q"), {"q": search}).all()


class RecipeSearch(SearchMixin):
    @classmethod
    def sorted_by(cls, session: Session, order: str):
        cls.order = order
        # ruleid: sql-injection
        return session.execute(text(f"SELECT id FROM recipes ORDER BY {cls.order}")).all()
