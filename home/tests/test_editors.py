"""The Editors group runs the public site in the admin and reaches nothing else."""

import datetime
import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.models import GroupApprovalTask, Page

from home.models import NoticePage
from home.tests.factories import make_document, make_notice

BODY = json.dumps(
    {
        "blocks": [
            {
                "key": "a1",
                "text": "评审工作通知正文",
                "type": "unstyled",
                "depth": 0,
                "inlineStyleRanges": [],
                "entityRanges": [],
            }
        ],
        "entityMap": {},
    }
)


@pytest.fixture
def editor(db):
    # Through the user model alone: the public site's tests need no other app of ours.
    user = get_user_model().objects.create_user(username="editor", real_name="王编辑", is_staff=True)
    user.groups.add(Group.objects.get(name="编辑"))
    return user


def _notice_form(**overrides):
    data = {
        "title": "编辑发布的通知",
        "slug": "bianji-fabu",
        "publish_date": "2026-11-20",
        "summary": "",
        "body": BODY,
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
        "action-publish": "action-publish",
    }
    data.update(overrides)
    return data


def test_editor_publishes_a_notice_with_an_attachment_from_the_page_editor(client, editor, listing):
    document = make_document()
    client.force_login(editor)
    form = _notice_form(
        **{
            "attachments-TOTAL_FORMS": "1",
            "attachments-0-document": str(document.pk),
            "attachments-0-title": "",
            "attachments-0-ORDER": "1",
            "attachments-0-id": "",
            "attachments-0-DELETE": "",
        }
    )

    response = client.post(f"/admin/pages/add/home/noticepage/{listing.pk}/", form)

    assert response.status_code == 302, response.context["form"].errors if response.context else response
    notice = NoticePage.objects.get(slug="bianji-fabu")
    assert notice.live
    assert [attachment.document for attachment in notice.attachments.all()] == [document]


def test_editor_schedules_a_notice_to_go_live_later(client, editor, listing):
    client.force_login(editor)
    go_live = (timezone.localtime() + datetime.timedelta(days=2)).strftime("%Y-%m-%d %H:%M")

    response = client.post(f"/admin/pages/add/home/noticepage/{listing.pk}/", _notice_form(go_live_at=go_live))

    assert response.status_code == 302
    notice = NoticePage.objects.get(slug="bianji-fabu")
    assert not notice.live
    assert notice.get_latest_revision().approved_go_live_at is not None


def test_editor_opens_the_homepage_editor_with_its_panels(client, editor, home):
    client.force_login(editor)

    response = client.get(f"/admin/pages/{home.pk}/edit/")

    assert response.status_code == 200
    assert "首页栏目" in response.content.decode()


def test_editor_may_approve_in_the_moderation_workflow(editor, listing):
    notice = make_notice(listing)
    task = GroupApprovalTask.objects.get(groups__name="编辑")

    assert task.active
    assert "approve" in [action for action, *_ in task.get_actions(notice, editor)]
    assert Page.objects.get(pk=notice.pk).get_workflow() is not None


def test_editor_may_delete_notices(editor, listing):
    notice = make_notice(listing)

    assert notice.permissions_for_user(editor).can_delete()


def test_editors_hold_no_permission_in_declarations_or_review(db):
    editors = Group.objects.get(name="编辑")

    assert not Permission.objects.filter(
        group=editors, content_type__app_label__in=["accounts", "declarations", "review"]
    ).exists()
