"""The groups that hold the staff roles (SPEC 1), made by accounts/migrations/0002_roles.py. What a
role may do is a permission; `declarations.roles` asks for the reviewer's, whichever group holds it."""

EDITORS_GROUP = "Editors"
REVIEWERS_GROUP = "Reviewers"
