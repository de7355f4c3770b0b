"""Every model module is imported here, so Base.metadata knows all tables."""

from app.models.event import Event
from app.models.user import User

__all__ = ["User", "Event"]
