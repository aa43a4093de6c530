import pytest

from declarations import signup
from declarations.workflow import Decision
from review import decisions as review_decisions
from review import permissions as review_permissions
from review.models import StageReview
from review.tests.factories import all_pass, reviewer, submitted_declaration

pytestmark = pytest.mark.django_db


def test_stage_with_listed_reviewers_refuses_others(two_stage_round, stage):
    listed, other = reviewer(), reviewer()
    stage(1).reviewers.add(listed)
    declaration = submitted_declaration(two_stage_round)
    with pytest.raises(review_decisions.ReviewError, match="不是该阶段的审核人"):
        review_decisions.decide(declaration.pk, stage(1).pk, other, all_pass(), Decision.PASS, "")
    review_decisions.decide(declaration.pk, stage(1).pk, listed, all_pass(), Decision.PASS, "")
    assert StageReview.objects.get().reviewer == listed


def test_reviewer_of_the_applicants_employer_must_recuse(two_stage_round, stage):
    declaration = submitted_declaration(two_stage_round, employer="太原市第一建筑工程公司")
    colleague = reviewer(employer="太原市第一建筑工程公司 ")
    assert "回避" in review_permissions.refusal(colleague, declaration)
    with pytest.raises(review_decisions.ReviewError, match="回避"):
        review_decisions.decide(declaration.pk, stage(1).pk, colleague, all_pass(), Decision.PASS, "")
    assert not StageReview.objects.exists()


def test_editor_cannot_review(two_stage_round, stage):
    declaration = submitted_declaration(two_stage_round)
    editor = reviewer()
    editor.groups.clear()
    with pytest.raises(review_decisions.ReviewError, match="没有审核权限"):
        review_decisions.decide(declaration.pk, stage(1).pk, editor, all_pass(), Decision.PASS, "")


def test_signed_up_declaration_is_not_reviewable(two_stage_round):
    from accounts.tests.factories import UserFactory

    applicant = UserFactory()
    declaration = signup.sign_up(applicant, two_stage_round.pk, two_stage_round.titles.first().pk)
    assert "无需审核" in review_permissions.refusal(reviewer(), declaration)
