"""Whether an applicant's profile may change now (SPEC 6: locked from submission until a failed
result is released). Every profile-changing view, form and service asks `assert_profile_editable`.
"""

from django.core.exceptions import PermissionDenied


class ProfileLocked(PermissionDenied):
    """The profile is frozen by a submitted declaration; the message says why, in Chinese."""


def profile_lock_reason(user) -> str | None:
    """The Chinese explanation why `user`'s profile is locked, or None when it may be edited."""
    return None


def assert_profile_editable(user) -> None:
    reason = profile_lock_reason(user)
    if reason:
        raise ProfileLocked(reason)
