import uuid
from typing import Any

from sqlmodel import Session, func, select

from app.core.security import get_password_hash, verify_password
from app.models import Item, ItemCreate, Tag, TagCreate, TagUpdate, User, UserCreate, UserUpdate


def create_user(*, session: Session, user_create: UserCreate) -> User:
    db_obj = User.model_validate(
        user_create, update={"hashed_password": get_password_hash(user_create.password)}
    )
    session.add(db_obj)
    session.commit()
    session.refresh(db_obj)
    return db_obj


def update_user(*, session: Session, db_user: User, user_in: UserUpdate) -> Any:
    user_data = user_in.model_dump(exclude_unset=True)
    extra_data = {}
    if "password" in user_data:
        password = user_data.pop("password")
        extra_data["hashed_password"] = get_password_hash(password)
    db_user.sqlmodel_update(user_data, update=extra_data)
    session.add(db_user)
    session.commit()
    session.refresh(db_user)
    return db_user


def get_user_by_email(*, session: Session, email: str) -> User | None:
    statement = select(User).where(User.email == email)
    return session.exec(statement).first()


def authenticate(*, session: Session, email: str, password: str) -> User | None:
    db_user = get_user_by_email(session=session, email=email)
    if not db_user:
        return None
    if not verify_password(password, db_user.hashed_password):
        return None
    return db_user


def create_item(*, session: Session, item_in: ItemCreate, owner_id: uuid.UUID) -> Item:
    db_item = Item.model_validate(item_in, update={"owner_id": owner_id})
    session.add(db_item)
    session.commit()
    session.refresh(db_item)
    return db_item


def create_tag(*, session: Session, tag_in: TagCreate, owner_id: uuid.UUID) -> Tag:
    db_tag = Tag.model_validate(tag_in, update={"owner_id": owner_id})
    session.add(db_tag)
    session.commit()
    session.refresh(db_tag)
    return db_tag


def get_tag(*, session: Session, tag_id: uuid.UUID) -> Tag | None:
    return session.get(Tag, tag_id)


def list_tags(
    *, session: Session, skip: int = 0, limit: int = 100, owner_id: uuid.UUID | None = None
) -> tuple[list[Tag], int]:
    count_statement = select(func.count()).select_from(Tag)
    statement = select(Tag)
    if owner_id is not None:
        count_statement = count_statement.where(Tag.owner_id == owner_id)
        statement = statement.where(Tag.owner_id == owner_id)
    count = session.exec(count_statement).one()
    tags = session.exec(statement.offset(skip).limit(limit)).all()
    return list(tags), count


def update_tag(*, session: Session, db_tag: Tag, tag_in: TagUpdate) -> Tag:
    db_tag.sqlmodel_update(tag_in.model_dump(exclude_unset=True))
    session.add(db_tag)
    session.commit()
    session.refresh(db_tag)
    return db_tag


def delete_tag(*, session: Session, db_tag: Tag) -> None:
    session.delete(db_tag)
    session.commit()
