"""The privacy options editors may give pages and document collections (docs/security.md).

Applicants register themselves, so Wagtail's "accessible to any logged-in users" would open a page
or a collection to every applicant, and a shared password could be guessed without limit. Our
pages offer only "users in specific groups"; shared passwords are off (settings), and Wagtail's
password form is closed. A page or collection still restricted to logged-in users (set before, or
on a page type of a library) opens to staff only.
"""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from wagtail.models import BaseViewRestriction

# `Page.private_page_options` of every page type of ours.
PAGE_PRIVACY_OPTIONS = [BaseViewRestriction.GROUPS]


def staff_only_where_login_restricted(restrictions, request):
    """None when the request may go on; otherwise the refusal (the login page, or 403)."""
    if not any(r.restriction_type == BaseViewRestriction.LOGIN for r in restrictions):
        return None
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not user.is_staff:
        raise PermissionDenied
    return None
