"""Every model module is imported here, so Base.metadata knows all tables."""

from app.models.book import Book
from app.models.user import User

__all__ = ["User", "Book"]
