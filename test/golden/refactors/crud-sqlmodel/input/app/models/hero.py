from sqlmodel import Field, SQLModel


class Hero(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=80, unique=True, index=True)
    secret_name: str
    age: int | None = None
    owner_id: int | None = Field(default=None, foreign_key="users.id")
