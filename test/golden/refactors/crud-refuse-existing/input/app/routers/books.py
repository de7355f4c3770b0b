"""Book routes."""
