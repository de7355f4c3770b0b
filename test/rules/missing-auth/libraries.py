"""Auth from libraries and scheme objects rather than a get_current_user function."""

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi_users import FastAPIUsers

from app.auth import auth_backend, get_user_manager
from app.deps import oauth2_scheme
from app.models import User
from app.schemas import PostSchema

fastapi_users = FastAPIUsers[User, int](get_user_manager, [auth_backend])
current_active_user = fastapi_users.current_user(active=True)
app = FastAPI()


class JWTBearer(HTTPBearer):
    async def __call__(self, request: Request) -> str:
        credentials: HTTPAuthorizationCredentials = await super().__call__(request)
        if credentials is None:
            raise HTTPException(status_code=403, detail="Invalid authorization code.")
        return credentials.credentials


# ok: missing-auth
@app.post("/posts", dependencies=[Depends(JWTBearer())], tags=["posts"])
async def add_post(post: PostSchema) -> dict[str, str]:
    return {"data": "post added."}


# ok: missing-auth
@app.delete("/posts/{post_id}")
async def delete_post(post_id: int, user: User = Depends(current_active_user)) -> None:
    return None


# ok: missing-auth
@app.put("/posts/{post_id}")
async def replace_post(post_id: int, post: PostSchema, token: str = Depends(oauth2_scheme)) -> None:
    return None


# ruleid: missing-auth
@app.patch("/posts/{post_id}")
async def patch_post(post_id: int, post: PostSchema) -> None:
    return None
