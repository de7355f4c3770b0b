"""Data access for heroes."""

from app.models.hero import Hero
from app.models.user import User
from app.repositories.base import Repository


class HeroRepository(Repository[Hero]):
    model = Hero
    references = {"owner_id": User}
