"""Every model module is imported here, so Base.metadata knows all tables."""

from app.models.hero import Hero
from app.models.user import User

__all__ = ["User", "Hero"]
