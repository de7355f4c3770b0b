"""Inventory tables (older declarative style)."""

from sqlalchemy import Boolean, Column, Float, Integer, String, Text

from app.db import Base


class Warehouse(Base):
    __tablename__ = "warehouses"
    id = Column(Integer, primary_key=True)
    code = Column(String(8), nullable=False, unique=True)


class Supplier(Base):
    __tablename__ = 'suppliers'

    id = Column(Integer, primary_key=True)
    name = Column(String(120), nullable=False, unique=True)
    email = Column("contact_email", String(320))
    rating = Column(Float, default=0.0)
    notes = Column(Text)
    active = Column(Boolean, nullable=False, default=True)
