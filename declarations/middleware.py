"""Refuses an applicant-area request whose body is larger than UPLOAD_MAX_REQUEST_SIZE.

It runs before any view or the CSRF check reads the body, so nothing of it is parsed or stored.
"""

from django.conf import settings
from django.shortcuts import render

APPLICANT_PREFIX = "/applicant/"


class UploadRequestSizeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(APPLICANT_PREFIX) and request.method == "POST":
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > settings.UPLOAD_MAX_REQUEST_SIZE:
                limit_mb = settings.UPLOAD_MAX_REQUEST_SIZE / (1024 * 1024)
                return render(
                    request,
                    "declarations/request_too_large.html",
                    {"limit_mb": f"{limit_mb:g}", "back_url": request.path},
                    status=413,
                )
        return self.get_response(request)
