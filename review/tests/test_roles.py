"""The reviewer's role is one permission (declarations.roles): a staff member who holds it through
any group reviews like a member of Reviewers, and one who does not is refused plainly, never with
a server error."""

import pytest
from django.contrib.auth.models import Group, Permission

from accounts.tests.factories import StaffFactory
from declarations import roles
from declarations.sections import SECTIONS
from declarations.workflow import Decision, Status
from review.models import ReviewStage, StageReview
from review.tests.factories import make_round, submitted_declaration

pytestmark = pytest.mark.django_db


def _staff_in_group(name: str, *codenames: str):
    group = Group.objects.create(name=name)
    group.permissions.add(*Permission.objects.filter(codename__in=["access_admin", *codenames]))
    staff = StaffFactory(real_name="周专家", employer="省建设科学研究院")
    staff.groups.add(group)
    return staff


def _decide_through_the_review_page(client, declaration):
    stage = ReviewStage.objects.get(round=declaration.round, order=1)
    data = {"stage_id": stage.pk, "sequence": 1, "decision": Decision.PASS, "comment": "同意", "action": "confirm"}
    for section in SECTIONS:
        data[f"verdict_{section.key}"] = Decision.PASS
        data[f"comment_{section.key}"] = ""
    return client.post(f"/admin/declarations/declaration/inspect/{declaration.pk}/", data)


def test_staff_with_the_review_permission_through_another_group_decides(client):
    declaration = submitted_declaration(make_round(("厅审核",)), real_name="赵工程")
    staff = _staff_in_group("外聘审核人", "view_declaration", "review_declaration")
    client.force_login(staff)

    response = _decide_through_the_review_page(client, declaration)

    assert response.status_code == 302
    declaration.refresh_from_db()
    assert (declaration.status, declaration.pending_decision) == (Status.IN_REVIEW, Decision.PASS)
    assert declaration.transitions.get(name="start_review").actor_role == "reviewer"
    assert roles.is_reviewer(staff) and staff in roles.reviewers()


def test_staff_who_may_only_read_is_refused_with_a_message_not_a_500(client):
    declaration = submitted_declaration(make_round(("厅审核",)), real_name="赵工程")
    staff = _staff_in_group("只读", "view_declaration")
    client.force_login(staff)

    response = _decide_through_the_review_page(client, declaration)

    assert response.status_code == 403
    assert "您没有审核权限" in response.content.decode()
    assert not StageReview.objects.exists()
    declaration.refresh_from_db()
    assert declaration.status == Status.SUBMITTED


def test_the_reviewers_choice_lists_exactly_the_reviewers():
    member = StaffFactory(group="审核人")
    other_group = _staff_in_group("外聘审核人", "review_declaration")
    editor = StaffFactory(group="编辑")
    inactive = StaffFactory(group="审核人", is_active=False)

    chosen = set(roles.reviewers())

    assert {member, other_group} <= chosen
    assert editor not in chosen and inactive not in chosen
    assert all(roles.is_reviewer(user) for user in chosen)
