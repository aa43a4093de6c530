"""The groups that hold the staff roles (SPEC 1), made by accounts/migrations/0002_roles.py and named
in Chinese by 0008 (the administrators read the names in the admin). What a role may do is a
permission; `declarations.roles` asks for the reviewer's, whichever group holds it. A migration
that grants a group a permission looks it up by the name below."""

EDITORS_GROUP = "编辑"
REVIEWERS_GROUP = "审核人"
