"""The privacy options editors may give pages and document collections (docs/security.md).

Applicants register themselves, so Wagtail's "accessible to any logged-in users" would open a page
or a collection to every applicant, and a shared password could be guessed without limit. Our
pages offer only "users in specific groups"; shared passwords are off (settings), and Wagtail's
password form is closed. A page or collection still restricted to logged-in users (set before, or
on a page type of a library) opens to staff only.
"""

from django.core.exceptions import PermissionDenied
from wagtail.models import BaseViewRestriction

# `Page.private_page_options` of every page type of ours.
PAGE_PRIVACY_OPTIONS = [BaseViewRestriction.GROUPS]


def staff_only_where_login_restricted(restrictions, request) -> None:
    """Refuse (403) a logged-in non-staff user what is restricted to logged-in users; visitors
    who are not logged in meet Wagtail's own check, which sends them to the login page."""
    login_only = any(r.restriction_type == BaseViewRestriction.LOGIN for r in restrictions)
    if login_only and not request.user.is_staff:
        raise PermissionDenied
