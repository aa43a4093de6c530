"""Refuses a request whose body is larger than UPLOAD_MAX_REQUEST_SIZE, on every path.

It runs before any view or the CSRF check reads the body, so nothing of it is parsed or stored.
Django's own caps (DATA_UPLOAD_MAX_MEMORY_SIZE, DATA_UPLOAD_MAX_NUMBER_FIELDS/FILES) do not
count uploaded files: without this, a large multipart body sent anywhere (the login page too)
would be written to temporary files before the view ignores it."""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse


class UploadRequestSizeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.UPLOAD_MAX_REQUEST_SIZE:
            limit_mb = settings.UPLOAD_MAX_REQUEST_SIZE / (1024 * 1024)
            in_applicant_area = request.path.startswith(reverse("declarations:home")) and request.user.is_authenticated
            template = "declarations/request_too_large.html" if in_applicant_area else "413.html"
            return render(request, template, {"limit_mb": f"{limit_mb:g}", "back_url": request.path}, status=413)
        return self.get_response(request)
