"""Whether an applicant's profile may change now (SPEC 6: locked from submission until a failed
result is released; SPEC 9: while the employer has returned the declaration for correction, only
the returned sections may change). Every profile-changing view, form and service asks `assert_profile_editable`,
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


def profile_lock_reason(user, section_key: str | None = None) -> str | None:
    """The Chinese explanation why `user`'s profile section `section_key` is locked (None: any
    section), or None when it may be edited."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    # Imported here: the profile models import this module.
    from declarations.models import Declaration
    from declarations.sections import SECTIONS_BY_KEY
    from declarations.workflow import CORRECTION_STATUSES, LOCKED_STATUSES

    declaration = (
        Declaration.objects.filter(applicant=user, status__in=LOCKED_STATUSES | CORRECTION_STATUSES)
        .select_related("title")
        .first()
    )
    if declaration is None:
        return None
    if declaration.status in CORRECTION_STATUSES:
        opened = declaration.correction_sections or {}
        if section_key is None or section_key in opened:
            return None
        names = "、".join(SECTIONS_BY_KEY[key].title for key in opened if key in SECTIONS_BY_KEY)
        return f"您的申报已被所在单位退回补正，只能修改退回的栏目（{names}）；其他栏目已随申报冻结。"
    return (
        f"您的{declaration.year}年度“{declaration.title.title_name}”申报当前状态为“{declaration.get_status_display()}”，"
        "个人信息已随申报冻结，审核结果退回前不能修改。"
    )


def assert_profile_editable(user, section_key: str | None = None) -> None:
    reason = profile_lock_reason(user, section_key)
    if reason:
        raise ProfileLocked(reason)
