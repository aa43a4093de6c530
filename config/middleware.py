"""Project-wide middleware."""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.urls import reverse


class SiteCSPMiddleware(CSPMiddleware):
    """A strict Content-Security-Policy everywhere except the Wagtail admin, whose widgets use
    inline scripts and whose preview frames the site: there the ADMIN_CSP_REPLACE directives win.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if request.path.startswith(reverse("wagtailadmin_home")) and parts.replace is None:
            parts.replace = settings.ADMIN_CSP_REPLACE
        return parts
