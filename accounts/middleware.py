"""Keep staff out of the Wagtail admin until their session has passed the second factor, and keep
sessions alive while they are used without writing them on every request."""

import time
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


ACTIVITY_KEY = "_activity_refreshed_at"


def mark_session_active(session) -> None:
    """Record that the session was stored just now (its expiry renewed)."""
    session[ACTIVITY_KEY] = int(time.time())


class SessionActivityMiddleware:
    """Renews a session's idle expiry (SESSION_COOKIE_AGE, 30 minutes, SPEC 4) at most once every
    SESSION_ACTIVITY_REFRESH_SECONDS instead of saving it on every request.

    Touching the session marks it modified, so SessionMiddleware stores it with a new expiry. The
    session therefore ends between SESSION_COOKIE_AGE minus the interval and SESSION_COOKIE_AGE
    after the last request: never later than the idle rule allows. Place it after
    SessionMiddleware; requests without a session create none.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        idle = int(time.time()) - session.get(ACTIVITY_KEY, 0) if session.session_key else 0
        if idle >= settings.SESSION_ACTIVITY_REFRESH_SECONDS and not session.is_empty():
            mark_session_active(session)
        return self.get_response(request)
