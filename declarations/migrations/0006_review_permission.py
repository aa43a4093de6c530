"""The reviewer's role becomes one permission, `declarations.review_declaration`
(declarations.roles), held by the Reviewers group; any other group may be given it too."""

from django.db import migrations

CODENAME = "review_declaration"


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="declarations", model="declaration")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=CODENAME, defaults={"name": "可以审核职称申报"}
    )
    reviewers, _ = Group.objects.get_or_create(name="Reviewers")
    reviewers.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    reviewers = Group.objects.filter(name="Reviewers").first()
    if reviewers:
        reviewers.permissions.remove(*Permission.objects.filter(codename=CODENAME))


class Migration(migrations.Migration):
    dependencies = [
        ("declarations", "0005_queue_order_index"),
        ("accounts", "0002_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="declaration",
            options={
                "ordering": ["-year", "-signed_up_at"],
                "permissions": [("review_declaration", "可以审核职称申报")],
                "verbose_name": "职称申报",
                "verbose_name_plural": "职称申报",
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
