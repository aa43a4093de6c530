"""Values every template may use."""

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict:
    # Wagtail's admin views put their own `site_name` (the request's host) in the context.
    return {"site_name": settings.SITE_NAME, "system_name": settings.SITE_NAME}
