"""Who may enter the applicant area: logged-in applicants only (SPEC 5); anyone else goes where
their account works (the admin, the employer shell)."""

from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, resolve_url

from accounts.landing import landing_url


class ApplicantRequiredMixin:
    """Anonymous visitors go to the login page (with ?next=), staff to the admin, officers to the
    employer shell."""

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), resolve_url(settings.LOGIN_URL))
        if not user.is_applicant:
            return redirect(landing_url(user))
        return super().dispatch(request, *args, **kwargs)


def applicant_required(view):
    """The function-view form of ApplicantRequiredMixin."""

    def wrapped(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), resolve_url(settings.LOGIN_URL))
        if not user.is_applicant:
            return redirect(landing_url(user))
        return view(request, *args, **kwargs)

    return wraps(view)(wrapped)
