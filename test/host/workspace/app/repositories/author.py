"""Data access for authors."""

from app.models.author import Author
from app.repositories.base import Repository


class AuthorRepository(Repository[Author]):
    model = Author
