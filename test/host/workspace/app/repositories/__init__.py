"""Data access: one repository class per model."""
