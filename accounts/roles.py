"""The staff roles (SPEC 1): the groups made by accounts/migrations/0002_roles.py."""

EDITORS_GROUP = "Editors"
REVIEWERS_GROUP = "Reviewers"


def is_reviewer(user) -> bool:
    return bool(user.is_staff and user.groups.filter(name=REVIEWERS_GROUP).exists())
