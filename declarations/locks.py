"""Whether an applicant's profile may change now (SPEC 6: locked from submission until a failed
result is released). Every profile-changing view, form and service asks `assert_profile_editable`,
and every profile change and submission first takes `lock_profile`, so they happen one at a time.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied


class ProfileLocked(PermissionDenied):
    """The profile is frozen by a submitted declaration; the message says why, in Chinese."""


def lock_profile(user) -> None:
    """Lock the applicant's user row until the end of the transaction: profile changes and the
    submission's snapshot queue up behind each other, so limits hold and nothing slips in."""
    get_user_model().objects.select_for_update().only("pk").get(pk=user.pk)


def profile_lock_reason(user) -> str | None:
    """The Chinese explanation why `user`'s profile is locked, or None when it may be edited."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    # Imported here: the profile models import this module.
    from declarations.models import Declaration
    from declarations.workflow import LOCKED_STATUSES

    declaration = (
        Declaration.objects.filter(applicant=user, status__in=LOCKED_STATUSES).select_related("title").first()
    )
    if declaration is None:
        return None
    return (
        f"您的{declaration.year}年度“{declaration.title.title_name}”申报{declaration.get_status_display()}，"
        "个人信息已随申报冻结；审核结果退回前不能修改。"
    )


def assert_profile_editable(user) -> None:
    reason = profile_lock_reason(user)
    if reason:
        raise ProfileLocked(reason)
