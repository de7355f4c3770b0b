"""Auth through a factory that returns the dependency, and optional users that guard nothing."""

from typing import Callable, Optional

from fastapi import APIRouter, Depends, HTTPException, Security
from fastapi.security import APIKeyHeader

from app.models import Article, User

router = APIRouter()
header = APIKeyHeader(name="Authorization", auto_error=False)


def _get_token(api_key: Optional[str] = Security(header)) -> str:
    if not api_key:
        raise HTTPException(status_code=403, detail="Authentication required")
    return api_key


async def _get_current_user(token: str = Depends(_get_token)) -> User:
    return User(token=token)


async def _get_current_user_optional(api_key: Optional[str] = Security(header)) -> Optional[User]:
    return User(token=api_key) if api_key else None


def get_current_user_authorizer(*, required: bool = True) -> Callable:
    return _get_current_user if required else _get_current_user_optional


async def get_article_by_slug(slug: str, user: Optional[User] = Depends(get_current_user_authorizer(required=False))) -> Article:
    return Article(slug=slug, viewer=user)


# ok: missing-auth
@router.post("/{slug}/favorite")
async def favorite(article: Article = Depends(get_article_by_slug), user: User = Depends(get_current_user_authorizer())) -> None:
    return None


# ruleid: missing-auth
@router.put("/{slug}")
async def update_article(article: Article = Depends(get_article_by_slug)) -> None:
    return None


# ruleid: missing-auth
@router.delete("/{slug}")
async def delete_article(slug: str, user: Optional[User] = Depends(get_current_user_authorizer(required=False))) -> None:
    return None


# ok: missing-auth
@router.post("/{slug}/comments")
async def comment(slug: str, user: User = Depends(_get_current_user)) -> None:
    return None
