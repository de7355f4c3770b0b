import requests
from django.conf import settings
from django.http import JsonResponse


def link_preview(request):
    link = request.GET["link"]
    # ruleid: ssrf
    page = requests.get(link, timeout=5)
    return JsonResponse({"length": len(page.content)})


def geocode(request):
    address = request.GET.get("address", "")
    # ok: ssrf
    result = requests.get(settings.GEOCODER_URL, params={"address": address}, timeout=5)
    return JsonResponse(result.json())
