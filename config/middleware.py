"""Project-wide middleware."""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import HttpResponseBadRequest
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


class NulByteMiddleware:
    """Answers 400 to a query string or form value holding a NUL byte: no field of ours takes one,
    and PostgreSQL refuses it in a string, which would surface as a 500 in any filter or search.
    A multipart body is checked only once the CSRF check has parsed it, so uploads keep the
    handlers their views install."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _holds_nul(request.GET):
            return _refused()
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        parsed = hasattr(request, "_post") or request.content_type == "application/x-www-form-urlencoded"
        if request.method == "POST" and parsed and _holds_nul(request.POST):
            return _refused()
        return None


def _holds_nul(data) -> bool:
    return any("\x00" in key or any("\x00" in value for value in values) for key, values in data.lists())


def _refused() -> HttpResponseBadRequest:
    return HttpResponseBadRequest("请求中含有非法字符。", content_type="text/plain; charset=utf-8")


class PersonalDataNoStoreMiddleware:
    """`Cache-Control: private, no-store` on everything that may show personal data, wherever the
    URLconf mounts it: the accounts pages, the applicant area (its pages, the declaration PDF with
    the full ID number, the ZIP, private files), the employer shell and the admin (the review queue, its inspect
    views and file previews), so neither a shared proxy nor the browser's cache keeps a copy."""

    NAMESPACES = frozenset({"accounts", "declarations", "employers", "employers-applicant"})

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
