import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission

pytestmark = pytest.mark.django_db


def test_editors_and_reviewers_groups_exist_with_admin_access():
    for name in ("编辑", "审核人"):
        group = Group.objects.get(name=name)
        assert group.permissions.filter(codename="access_admin").exists()


def test_editors_can_publish_pages_and_manage_documents():
    editors = Group.objects.get(name="编辑")
    page_codenames = set(
        GroupPagePermission.objects.filter(group=editors, page__depth=1).values_list("permission__codename", flat=True)
    )
    assert {"add_page", "change_page", "publish_page"} <= page_codenames
    collection_codenames = set(editors.collection_permissions.values_list("permission__codename", flat=True))
    assert {"add_document", "change_document", "add_image"} <= collection_codenames


def test_reviewers_get_no_page_permissions():
    reviewers = Group.objects.get(name="审核人")
    assert not GroupPagePermission.objects.filter(group=reviewers).exists()
    assert not reviewers.collection_permissions.exists()
