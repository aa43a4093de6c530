import pytest

from declarations.workflow import Decision, Status
from review import decisions as review_decisions
from review import stages as review_stages
from review.models import SectionVerdict, StageReview
from review.tests.factories import all_pass, failing, reviewer, submitted_declaration

pytestmark = pytest.mark.django_db


def test_first_decision_starts_the_review_and_passes_to_the_next_stage(two_stage_round, stage):
    declaration = submitted_declaration(two_stage_round)
    review_decisions.decide(declaration.pk, stage(1).pk, reviewer(), all_pass(), Decision.PASS, "同意")
    declaration.refresh_from_db()
    assert declaration.status == Status.IN_REVIEW
    assert declaration.pending_decision == ""
    assert review_stages.progress(declaration).current_stage == stage(2)


def test_last_stage_decision_becomes_the_pending_decision(two_stage_round, stage):
    declaration = submitted_declaration(two_stage_round)
    review_decisions.decide(declaration.pk, stage(1).pk, reviewer(), all_pass(), Decision.PASS, "同意")
    review_decisions.decide(
        declaration.pk,
        stage(2).pk,
        reviewer(),
        all_pass(),
        Decision.PASS,
        "同意通过",
    )
    declaration.refresh_from_db()
    assert (declaration.pending_decision, declaration.pending_comment) == (Decision.PASS, "同意通过")
    assert review_stages.progress(declaration).current_stage is None


def test_a_failing_stage_ends_the_chain(two_stage_round, stage):
    declaration = submitted_declaration(two_stage_round)
    review_decisions.decide(
        declaration.pk,
        stage(1).pk,
        reviewer(),
        failing(papers="刊物不符"),
        Decision.FAIL,
        "论文不合格",
    )
    declaration.refresh_from_db()
    assert declaration.pending_decision == Decision.FAIL
    assert review_stages.progress(declaration).current_stage is None


def test_later_stage_cannot_decide_before_the_earlier_one(two_stage_round, stage):
    declaration = submitted_declaration(two_stage_round)
    with pytest.raises(review_decisions.ReviewConflict):
        review_decisions.decide(declaration.pk, stage(2).pk, reviewer(), all_pass(), Decision.PASS, "")
    assert not StageReview.objects.exists()


@pytest.mark.parametrize(
    ("sections", "decision", "comment", "message"),
    [
        (lambda: failing(papers=" "), Decision.FAIL, "不合格", "不通过时必须填写意见"),
        (lambda: failing(papers="不符"), Decision.PASS, "", "总体结论不能为通过"),
        (lambda: failing(papers="不符"), Decision.FAIL, "", "必须填写审核意见"),
        (lambda: all_pass()[:-1], Decision.PASS, "", "请为“2.2.11 业绩成果”选择"),
    ],
    ids=["failed-section-without-comment", "pass-with-a-failed-section", "fail-without-comment", "missing-verdict"],
)
def test_a_decision_breaking_the_verdict_rules_is_refused_and_saves_nothing(
    two_stage_round, stage, sections, decision, comment, message
):
    declaration = submitted_declaration(two_stage_round)
    with pytest.raises(review_decisions.ReviewError, match=message):
        review_decisions.decide(declaration.pk, stage(1).pk, reviewer(), sections(), decision, comment)
    assert not StageReview.objects.exists()
    declaration.refresh_from_db()
    assert (declaration.status, declaration.pending_decision) == (Status.SUBMITTED, "")


def test_section_verdicts_are_stored_per_section(two_stage_round, stage):
    declaration = submitted_declaration(two_stage_round)
    review_decisions.decide(
        declaration.pk,
        stage(1).pk,
        reviewer(),
        failing(papers="刊物不符"),
        Decision.FAIL,
        "不合格",
    )
    assert SectionVerdict.objects.count() == 11
    assert SectionVerdict.objects.get(verdict=Decision.FAIL).section_key == "papers"


def test_deciding_a_stage_already_decided_is_a_conflict_naming_the_winner(two_stage_round, stage):
    declaration = submitted_declaration(two_stage_round)
    first, second = reviewer(real_name="李审核"), reviewer()
    stage = stage(1)
    review_decisions.decide(declaration.pk, stage.pk, first, all_pass(), Decision.PASS, "同意")
    with pytest.raises(review_decisions.ReviewConflict, match="已由李审核于.*作出结论（通过），您的结论未保存"):
        review_decisions.decide(
            declaration.pk, stage.pk, second, failing(papers="x"), Decision.FAIL, "不同意", sequence=1
        )
    assert StageReview.objects.get().reviewer == first
