"""Where a logged-in user works (SPEC 1, 9): staff in the admin, applicants in the applicant area,
employer officers in the employer shell. The URL names per account type are settings
(`ACCOUNT_LANDING_URLS`), so this app names no other app's pages."""

from django.conf import settings
from django.shortcuts import resolve_url


def landing_url(user) -> str:
    if user.is_staff or user.is_superuser:
        return resolve_url("wagtailadmin_home")
    return resolve_url(settings.ACCOUNT_LANDING_URLS.get(user.account_type, settings.LOGIN_REDIRECT_URL))
