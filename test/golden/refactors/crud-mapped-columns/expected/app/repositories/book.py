"""Data access for books."""

from app.models.book import Book
from app.models.user import User
from app.repositories.base import Repository


class BookRepository(Repository[Book]):
    model = Book
    references = {"owner_id": User}
