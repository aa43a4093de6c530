"""Project-wide middleware."""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.urls import reverse
from django.utils.cache import patch_cache_control


class SiteCSPMiddleware(CSPMiddleware):
    """A strict Content-Security-Policy everywhere except the Wagtail admin, whose widgets use
    inline scripts and whose preview frames the site: there the ADMIN_CSP_REPLACE directives win.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if request.path.startswith(reverse("wagtailadmin_home")) and parts.replace is None:
            parts.replace = settings.ADMIN_CSP_REPLACE
        return parts


class PersonalDataNoStoreMiddleware:
    """`Cache-Control: private, no-store` on everything that may show personal data, wherever the
    URLconf mounts it: the accounts pages, the applicant area (its pages, the declaration PDF with
    the full ID number, the ZIP, private files) and the admin (the review queue, its inspect
    views and file previews), so neither a shared proxy nor the browser's cache keeps a copy."""

    NAMESPACES = frozenset({"accounts", "declarations"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if (match is not None and self.NAMESPACES.intersection(match.namespaces)) or request.path.startswith(
            reverse("wagtailadmin_home")
        ):
            patch_cache_control(response, private=True, no_store=True)
        return response
