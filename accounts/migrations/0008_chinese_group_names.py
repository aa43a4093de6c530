"""The staff groups, Wagtail's moderation workflow and its task, and the page tree's root get
Chinese names: the administrators read them in 用户, 组 and 工作流, and editors in 提交给….

Runs after every earlier migration that looks a group up by its English name (the review and
employers apps' grants to Reviewers); later migrations use the names in `accounts.roles`.
"""

from django.db import migrations

GROUPS = {"Editors": "编辑", "Reviewers": "审核人", "Moderators": "内容审核员"}
WORKFLOWS = {"Moderators approval": "编辑审核发布", "审核发布": "编辑审核发布"}
TASKS = {"Moderators approval": "编辑审核", "编辑审核": "编辑审核"}
ROOT_TITLE = ("Root", "根目录")


def _rename(model, names: dict[str, str], field: str = "name") -> None:
    for old, new in names.items():
        if old != new and not model.objects.filter(**{field: new}).exists():
            model.objects.filter(**{field: old}).update(**{field: new})


def forwards(apps, schema_editor):
    _rename(apps.get_model("auth", "Group"), GROUPS)
    _rename(apps.get_model("wagtailcore", "Workflow"), WORKFLOWS)
    _rename(apps.get_model("wagtailcore", "Task"), TASKS)
    Page = apps.get_model("wagtailcore", "Page")
    Page.objects.filter(depth=1, title=ROOT_TITLE[0]).update(title=ROOT_TITLE[1], draft_title=ROOT_TITLE[1])


def backwards(apps, schema_editor):
    _rename(apps.get_model("auth", "Group"), {new: old for old, new in GROUPS.items()})
    _rename(apps.get_model("wagtailcore", "Workflow"), {"编辑审核发布": "Moderators approval"})
    _rename(apps.get_model("wagtailcore", "Task"), {"编辑审核": "Moderators approval"})
    Page = apps.get_model("wagtailcore", "Page")
    Page.objects.filter(depth=1, title=ROOT_TITLE[1]).update(title=ROOT_TITLE[0], draft_title=ROOT_TITLE[0])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0007_user_account_type"),
        ("home", "0003_editors_workflow"),
        ("employers", "0002_approve_permission"),
        ("declarations", "0006_review_permission"),
        ("review", "0003_reviewers_by_permission"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
