"""Editors may delete notices and take part in the moderation workflow (SPEC 1 and 3).

The accounts migration gives Editors add/change/publish/lock on the page tree. Here they also get
delete, and Wagtail's default approval task (or a new one if it is missing) gains the Editors
group, so an editor can approve what a colleague submits for moderation.
"""

from django.db import migrations


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    editors, _ = Group.objects.get_or_create(name="Editors")
    root = Page.objects.filter(depth=1).first()
    if root is None:
        return
    page_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
    delete_page, _ = Permission.objects.get_or_create(
        content_type=page_type, codename="delete_page", defaults={"name": "Can delete page"}
    )
    GroupPagePermission.objects.get_or_create(group=editors, page=root, permission=delete_page)

    workflow_page = WorkflowPage.objects.filter(page=root).select_related("workflow").first()
    if workflow_page is None:
        workflow = Workflow.objects.create(name="审核发布", active=True)
        WorkflowPage.objects.create(page=root, workflow=workflow)
    else:
        workflow = workflow_page.workflow
    tasks = GroupApprovalTask.objects.filter(task_ptr__workflow_tasks__workflow=workflow, active=True)
    if not tasks.exists():
        task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
        task = GroupApprovalTask.objects.create(name="编辑审核", active=True, content_type=task_type)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        tasks = [task]
    for task in tasks:
        task.groups.add(editors)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_notice_pages"),
        ("accounts", "0002_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
