"""Give the Reviewers group what the review admin needs: read declarations and the stages,
record stage decisions. Editors get none of it. Rounds that exist get the default stage 厅审核."""

from django.db import migrations

REVIEWER_PERMISSIONS = (
    ("declarations", "declaration", "view_declaration"),
    ("review", "reviewstage", "view_reviewstage"),
    ("review", "stagereview", "add_stagereview"),
    ("review", "stagereview", "view_stagereview"),
)


def _permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ")}
    )
    return permission


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    reviewers, _ = Group.objects.get_or_create(name="Reviewers")
    for app_label, model, codename in REVIEWER_PERMISSIONS:
        reviewers.permissions.add(_permission(apps, app_label, model, codename))
    DeclarationRound = apps.get_model("declarations", "DeclarationRound")
    ReviewStage = apps.get_model("review", "ReviewStage")
    for declaration_round in DeclarationRound.objects.all():
        if not ReviewStage.objects.filter(round=declaration_round).exists():
            ReviewStage.objects.create(round=declaration_round, order=1, name="厅审核")


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    reviewers = Group.objects.filter(name="Reviewers").first()
    if reviewers:
        codenames = [codename for _, _, codename in REVIEWER_PERMISSIONS]
        reviewers.permissions.remove(*Permission.objects.filter(codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0001_initial"),
        ("accounts", "0002_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
