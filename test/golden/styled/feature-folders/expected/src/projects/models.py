from sqlalchemy import Boolean, Column, Date, ForeignKey, Integer, Numeric, String

from src.database import Base


class Project(Base):
    __tablename__ = "projects"

    id = Column(Integer, primary_key=True, index=True)
    title = Column(String(120), nullable=False)
    budget = Column(Numeric(12, 2), nullable=False)
    code = Column(String(20), nullable=False, unique=True)
    starts_on = Column(Date, nullable=True)
    done = Column(Boolean, nullable=False, default=False)
    owner_id = Column(
        Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
