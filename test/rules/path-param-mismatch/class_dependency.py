# A class-instance dependency (`Depends(PermissionsDependency([...]))`) is
# called with the Request and reads the placeholder from request.path_params,
# so the handler need not name it. A plain route still must.
from fastapi import APIRouter, Depends

from app.auth.permissions import ContactUpdatePermission, PermissionsDependency, get_current_user

router = APIRouter()


# ok: path-param-mismatch
@router.delete("/{feedback_id}/{contact_id}", dependencies=[Depends(PermissionsDependency([ContactUpdatePermission]))])
def delete_feedback(feedback_id: int):
    return {"deleted": feedback_id}


# ruleid: path-param-mismatch
@router.get("/engagements/{engagement_id}", dependencies=[Depends(get_current_user)])
def get_engagement(signal_engagement_id: int):
    return {"id": signal_engagement_id}
