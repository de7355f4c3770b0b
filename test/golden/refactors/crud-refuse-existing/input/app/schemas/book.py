"""Book schemas."""
