import pytest

from declarations.models import DeclarationRound
from declarations.workflow import Decision, Status
from review import services
from review.models import ReviewStage, SectionVerdict, StageReview
from review.tests.factories import all_pass, failing, make_round, reviewer, submitted_declaration

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_stage_round():
    return make_round(("初审", "复审"))


def _stage(declaration_round, order):
    return ReviewStage.objects.get(round=declaration_round, order=order)


def test_new_round_gets_the_default_stage():
    declaration_round = make_round(())  # builder removes the stages; the signal made one first
    assert not declaration_round.review_stages.exists()
    created = DeclarationRound.objects.create(
        year=2030,
        name="2030年度",
        signup_starts_at=declaration_round.signup_starts_at,
        signup_ends_at=declaration_round.signup_ends_at,
        submission_ends_at=declaration_round.submission_ends_at,
        results_release_at=declaration_round.results_release_at,
        second_declaration_ends_at=declaration_round.second_declaration_ends_at,
    )
    assert [s.name for s in created.review_stages.all()] == ["厅审核"]


def test_round_without_stages_gets_the_default_stage_when_reviewed():
    declaration_round = make_round(())
    assert [s.name for s in services.ensure_stages(declaration_round)] == ["厅审核"]


def test_first_decision_starts_the_review_and_passes_to_the_next_stage(two_stage_round):
    declaration = submitted_declaration(two_stage_round)
    services.decide(declaration.pk, _stage(two_stage_round, 1).pk, reviewer(), all_pass(), Decision.PASS, "同意")
    declaration.refresh_from_db()
    assert declaration.status == Status.IN_REVIEW
    assert declaration.pending_decision == ""
    assert services.progress(declaration).current_stage == _stage(two_stage_round, 2)


def test_last_stage_decision_becomes_the_pending_decision(two_stage_round):
    declaration = submitted_declaration(two_stage_round)
    services.decide(declaration.pk, _stage(two_stage_round, 1).pk, reviewer(), all_pass(), Decision.PASS, "同意")
    services.decide(declaration.pk, _stage(two_stage_round, 2).pk, reviewer(), all_pass(), Decision.PASS, "同意通过")
    declaration.refresh_from_db()
    assert (declaration.pending_decision, declaration.pending_comment) == (Decision.PASS, "同意通过")
    assert services.progress(declaration).current_stage is None


def test_a_failing_stage_ends_the_chain(two_stage_round):
    declaration = submitted_declaration(two_stage_round)
    services.decide(
        declaration.pk,
        _stage(two_stage_round, 1).pk,
        reviewer(),
        failing(papers="刊物不符"),
        Decision.FAIL,
        "论文不合格",
    )
    declaration.refresh_from_db()
    assert declaration.pending_decision == Decision.FAIL
    assert services.progress(declaration).current_stage is None


def test_later_stage_cannot_decide_before_the_earlier_one(two_stage_round):
    declaration = submitted_declaration(two_stage_round)
    with pytest.raises(services.ReviewConflict):
        services.decide(declaration.pk, _stage(two_stage_round, 2).pk, reviewer(), all_pass(), Decision.PASS, "")
    assert not StageReview.objects.exists()


def test_stage_with_listed_reviewers_refuses_others(two_stage_round):
    listed, other = reviewer(), reviewer()
    _stage(two_stage_round, 1).reviewers.add(listed)
    declaration = submitted_declaration(two_stage_round)
    with pytest.raises(services.ReviewError, match="不是该阶段的审核人"):
        services.decide(declaration.pk, _stage(two_stage_round, 1).pk, other, all_pass(), Decision.PASS, "")
    services.decide(declaration.pk, _stage(two_stage_round, 1).pk, listed, all_pass(), Decision.PASS, "")
    assert StageReview.objects.get().reviewer == listed


def test_reviewer_of_the_applicants_employer_must_recuse(two_stage_round):
    declaration = submitted_declaration(two_stage_round, employer="太原市第一建筑工程公司")
    colleague = reviewer(employer="太原市第一建筑工程公司 ")
    assert "回避" in services.refusal(colleague, declaration)
    with pytest.raises(services.ReviewError, match="回避"):
        services.decide(declaration.pk, _stage(two_stage_round, 1).pk, colleague, all_pass(), Decision.PASS, "")
    assert not StageReview.objects.exists()


def test_failed_section_without_comment_is_refused(two_stage_round):
    declaration = submitted_declaration(two_stage_round)
    with pytest.raises(services.ReviewError, match="不通过时必须填写意见"):
        services.decide(
            declaration.pk, _stage(two_stage_round, 1).pk, reviewer(), failing(papers=" "), Decision.FAIL, "不合格"
        )
    assert not StageReview.objects.exists()


def test_overall_pass_with_a_failed_section_is_refused(two_stage_round):
    declaration = submitted_declaration(two_stage_round)
    with pytest.raises(services.ReviewError, match="总体结论不能为通过"):
        services.decide(
            declaration.pk, _stage(two_stage_round, 1).pk, reviewer(), failing(papers="不符"), Decision.PASS, ""
        )


def test_overall_fail_needs_a_comment(two_stage_round):
    declaration = submitted_declaration(two_stage_round)
    with pytest.raises(services.ReviewError, match="必须填写审核意见"):
        services.decide(
            declaration.pk, _stage(two_stage_round, 1).pk, reviewer(), failing(papers="不符"), Decision.FAIL, ""
        )


def test_every_section_needs_a_verdict(two_stage_round):
    declaration = submitted_declaration(two_stage_round)
    with pytest.raises(services.ReviewError, match="请为“2.2.11 业绩成果”选择"):
        services.decide(declaration.pk, _stage(two_stage_round, 1).pk, reviewer(), all_pass()[:-1], Decision.PASS, "")


def test_section_verdicts_are_stored_per_section(two_stage_round):
    declaration = submitted_declaration(two_stage_round)
    services.decide(
        declaration.pk, _stage(two_stage_round, 1).pk, reviewer(), failing(papers="刊物不符"), Decision.FAIL, "不合格"
    )
    assert SectionVerdict.objects.count() == 11
    assert SectionVerdict.objects.get(verdict=Decision.FAIL).section_key == "papers"


def test_deciding_a_stage_already_decided_is_a_conflict_naming_the_winner(two_stage_round):
    declaration = submitted_declaration(two_stage_round)
    first, second = reviewer(real_name="李审核"), reviewer()
    stage = _stage(two_stage_round, 1)
    services.decide(declaration.pk, stage.pk, first, all_pass(), Decision.PASS, "同意")
    with pytest.raises(services.ReviewConflict, match="已由李审核于.*作出结论（通过），您的结论未保存"):
        services.decide(declaration.pk, stage.pk, second, failing(papers="x"), Decision.FAIL, "不同意", sequence=1)
    assert StageReview.objects.get().reviewer == first


def test_editor_cannot_review(two_stage_round):
    declaration = submitted_declaration(two_stage_round)
    editor = reviewer()
    editor.groups.clear()
    with pytest.raises(services.ReviewError, match="没有审核权限"):
        services.decide(declaration.pk, _stage(two_stage_round, 1).pk, editor, all_pass(), Decision.PASS, "")


def test_signed_up_declaration_is_not_reviewable(two_stage_round):
    from accounts.tests.factories import UserFactory
    from declarations import services as declaration_services

    applicant = UserFactory()
    declaration = declaration_services.sign_up(applicant, two_stage_round.pk, two_stage_round.titles.first().pk)
    assert "无需审核" in services.refusal(reviewer(), declaration)
