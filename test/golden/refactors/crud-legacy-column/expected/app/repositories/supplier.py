"""Data access for suppliers."""

from app.models.inventory import Supplier
from app.repositories.base import Repository


class SupplierRepository(Repository[Supplier]):
    model = Supplier
