"""Who may do what with declarations (SPEC 1). Each staff role is a permission on `Declaration`;
the groups that hold them by default are named in `accounts.roles` and granted by migrations, and
an administrator may give the same permissions through any other group. Everything that asks
"is this a reviewer?" asks here.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

READ_PERMISSION = "declarations.view_declaration"
REVIEW_PERMISSION = "declarations.review_declaration"


def _active_staff(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active and user.is_staff)


def is_reviewer(user) -> bool:
    """May record review decisions, and read what they decide on."""
    return _active_staff(user) and user.has_perm(REVIEW_PERMISSION)


def may_read_declarations(user) -> bool:
    """The reviewers' queue, the submitted snapshots and their files."""
    return _active_staff(user) and (user.has_perm(READ_PERMISSION) or user.has_perm(REVIEW_PERMISSION))


def is_administrator(user) -> bool:
    """Releases results and acts as the system."""
    return _active_staff(user) and user.is_superuser


def reviewers() -> QuerySet:
    """Every account `is_reviewer` accepts, for choosing a stage's reviewers."""
    app_label, codename = REVIEW_PERMISSION.split(".")
    holds = Q(is_superuser=True)
    for relation in ("groups__permissions", "user_permissions"):
        holds |= Q(**{f"{relation}__codename": codename, f"{relation}__content_type__app_label": app_label})
    return get_user_model().objects.filter(holds, is_active=True, is_staff=True).distinct()


def reviewer_choices() -> dict:
    """`limit_choices_to` of a field that picks reviewers."""
    return {"pk__in": reviewers().values("pk")}
