from app.models.post import Post
from app.models.project import Project
from app.models.user import User

__all__ = ["Post", "Project", "User"]
