import os

from django.conf import settings
from django.http import FileResponse, HttpResponseBadRequest, JsonResponse
from django.views import View


def download(request):
    name = request.GET.get("name", "")
    # ruleid: path-traversal
    return FileResponse(open(os.path.join(settings.MEDIA_ROOT, name), "rb"))


class ExportView(View):
    def post(self, request):
        target = request.POST["target"]
        # ruleid: path-traversal
        with open(f"{settings.EXPORT_DIR}/{target}", "w") as fh:
            fh.write("done")
        return JsonResponse({"ok": True})

    def get(self, request, pk: int):
        # ok: path-traversal
        with open(os.path.join(settings.EXPORT_DIR, f"{pk}.csv")) as fh:
            return JsonResponse({"rows": fh.read().splitlines()})


def upload(request):
    uploaded = request.FILES["file"]
    path = os.path.join(settings.MEDIA_ROOT, os.path.basename(uploaded.name))
    # ok: path-traversal
    with open(path, "wb") as fh:
        for chunk in uploaded.chunks():
            fh.write(chunk)
    if not request.user.is_staff:
        return HttpResponseBadRequest("staff only")
    # ok: path-traversal
    return FileResponse(open(os.path.join(settings.MEDIA_ROOT, request.user.username + ".txt"), "rb"))
