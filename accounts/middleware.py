"""Keep staff out of the Wagtail admin until their session has passed the second factor."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from .two_factor import requires_second_factor


def open_admin_paths() -> tuple[str, str]:
    """Pages of the admin reachable before the second factor: its login and logout."""
    return reverse("wagtailadmin_login"), reverse("wagtailadmin_logout")


class StaffSecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.ADMIN_REQUIRE_OTP
            and request.path.startswith(reverse("wagtailadmin_home"))
            and not request.path.startswith(open_admin_paths())
            and requires_second_factor(request.user)
            and not request.user.is_verified()
        ):
            query = urlencode({"next": request.get_full_path()}, safe="/")
            return redirect(f"{reverse('accounts:two-factor')}?{query}")
        return self.get_response(request)
