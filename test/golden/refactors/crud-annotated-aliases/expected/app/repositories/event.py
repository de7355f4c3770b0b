"""Data access for events."""

from app.models.event import Event
from app.repositories.base import Repository


class EventRepository(Repository[Event]):
    model = Event
