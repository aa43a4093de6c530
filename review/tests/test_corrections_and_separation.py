"""Decisions that are hard to get wrong (SPEC 7): nothing preselected, a summary to confirm, the
same stage's reviewer correcting a decision until release (old value kept), and one person
deciding at most one stage of a declaration unless the round allows it."""

import re

import pytest
from django.urls import reverse

from declarations.models import DeclarationRound
from declarations.round_phases import RoundPhase
from declarations.sections import SECTIONS
from declarations.tests.factories import move_to_phase
from declarations.workflow import Decision, Status
from review import decisions as review_decisions
from review import release as review_release
from review import stages as review_stages
from review.log import review_log
from review.models import DecisionCorrection, SectionVerdict, StageReview
from review.tests.factories import all_pass, failing, reviewer, submitted_declaration

pytestmark = pytest.mark.django_db


def inspect_url(declaration) -> str:
    return reverse("declarations_declaration_modeladmin_inspect", args=[declaration.pk])


def form_data(stage, decision=Decision.PASS, comment="同意", verdicts=None, **extra) -> dict:
    data = {"stage_id": stage.pk, "sequence": 1, "decision": decision, "comment": comment}
    for section in SECTIONS:
        data[f"verdict_{section.key}"] = (verdicts or {}).get(section.key, Decision.PASS)
        data[f"comment_{section.key}"] = ""
    data.update(extra)
    return data


# --- no verdict preselected, every section decided, a summary to confirm ------------------------


def test_no_verdict_is_preselected_on_the_review_page(client, two_stage_round):
    declaration = submitted_declaration(two_stage_round)
    client.force_login(reviewer())

    page = client.get(inspect_url(declaration)).content.decode()

    assert page.count('type="radio"') == 2 * (len(SECTIONS) + 1)
    assert "checked" not in page.split('id="section-basic-info"')[1]


def test_a_section_left_undecided_is_named_and_nothing_is_saved(client, two_stage_round, stage):
    declaration = submitted_declaration(two_stage_round)
    client.force_login(reviewer())
    data = form_data(stage(1), action="confirm")
    del data["verdict_papers"]

    response = client.post(inspect_url(declaration), data)

    assert response.status_code == 400
    assert "请为“2.2.7 论文”选择通过或不通过。" in response.content.decode()
    assert not StageReview.objects.exists()


def test_the_overall_decision_is_confirmed_on_a_summary_before_it_is_saved(client, two_stage_round, stage):
    declaration = submitted_declaration(two_stage_round)
    client.force_login(reviewer())
    data = form_data(stage(1), Decision.FAIL, "论文不合格", {"papers": Decision.FAIL}, comment_papers="刊物不符")

    summary = client.post(inspect_url(declaration), data)

    page = summary.content.decode()
    assert summary.status_code == 200
    assert "确认审核结论" in page and "确认保存" in page and "返回修改" in page
    assert "总体结论：" in page and "刊物不符" in page
    assert not StageReview.objects.exists()

    back = client.post(inspect_url(declaration), {**data, "action": "edit"})
    assert back.status_code == 200 and "下一步：确认审核结论" in back.content.decode()
    assert re.search(r'<input[^>]*name="verdict_papers" value="fail"[^>]*checked', back.content.decode())
    assert not StageReview.objects.exists()

    saved = client.post(inspect_url(declaration), {**data, "action": "confirm"})
    assert saved.status_code == 302
    review = StageReview.objects.get()
    assert (review.decision, review.comment) == (Decision.FAIL, "论文不合格")


# --- corrections until release -------------------------------------------------------------------


def test_the_stage_reviewer_corrects_a_decision_before_release_and_the_old_one_is_kept(two_stage_round, stage):
    declaration = submitted_declaration(two_stage_round)
    first = reviewer(real_name="钱初审")
    review = review_decisions.decide(
        declaration.pk, stage(1).pk, first, failing(papers="刊物不符"), Decision.FAIL, "论文不合格"
    )

    correction = review_decisions.correct(
        review.pk, first, all_pass(), Decision.PASS, "复核后材料齐全", "误将论文判为不通过"
    )

    review.refresh_from_db()
    declaration.refresh_from_db()
    assert (review.decision, review.comment) == (Decision.PASS, "复核后材料齐全")
    assert not SectionVerdict.objects.filter(review=review, verdict=Decision.FAIL).exists()
    assert (correction.old_decision, correction.old_comment, correction.old_reviewer) == (
        Decision.FAIL,
        "论文不合格",
        first,
    )
    assert {"section_key": "papers", "verdict": "fail", "comment": "刊物不符"} in correction.old_verdicts
    # The 不通过 had ended the chain; corrected to 通过 the next stage opens again.
    assert declaration.pending_decision == ""
    assert review_stages.progress(declaration).current_stage == stage(2)
    log = review_log(declaration)
    row = next(r for r in log if r.action == "更正结论")
    assert row.result == "原结论：不通过" and "误将论文判为不通过" in row.comment and row.reviewer == "钱初审"


def test_a_pass_corrected_to_fail_becomes_the_pending_decision(two_stage_round, stage):
    declaration = submitted_declaration(two_stage_round)
    first = reviewer()
    review = review_decisions.decide(declaration.pk, stage(1).pk, first, all_pass(), Decision.PASS, "同意")

    review_decisions.correct(review.pk, first, failing(papers="刊物不符"), Decision.FAIL, "论文不合格", "漏看论文")

    declaration.refresh_from_db()
    assert (declaration.pending_decision, declaration.pending_comment) == (Decision.FAIL, "论文不合格")
    assert review_stages.progress(declaration).current_stage is None


def test_a_correction_needs_a_reason_and_saves_nothing_without_one(two_stage_round, stage):
    declaration = submitted_declaration(two_stage_round)
    first = reviewer()
    review = review_decisions.decide(declaration.pk, stage(1).pk, first, all_pass(), Decision.PASS, "同意")

    with pytest.raises(review_decisions.ReviewError, match="请填写更正原因"):
        review_decisions.correct(review.pk, first, all_pass(), Decision.PASS, "同意", "  ")

    assert not DecisionCorrection.objects.exists()


def test_no_correction_once_a_later_stage_decided(two_stage_round, stage):
    declaration = submitted_declaration(two_stage_round)
    first = reviewer()
    review = review_decisions.decide(declaration.pk, stage(1).pk, first, all_pass(), Decision.PASS, "同意")
    review_decisions.decide(declaration.pk, stage(2).pk, reviewer(), all_pass(), Decision.PASS, "同意")

    with pytest.raises(review_decisions.ReviewError, match="已作出结论"):
        review_decisions.correct(review.pk, first, all_pass(), Decision.FAIL, "不同意", "改判")

    assert not DecisionCorrection.objects.exists()


def test_no_correction_after_release(two_stage_round, stage):
    declaration = submitted_declaration(two_stage_round)
    first = reviewer()
    review = review_decisions.decide(
        declaration.pk, stage(1).pk, first, failing(papers="刊物不符"), Decision.FAIL, "论文不合格"
    )
    move_to_phase(two_stage_round, RoundPhase.RELEASE_DUE)
    review_release.release_round(two_stage_round)

    with pytest.raises(review_decisions.ReviewError, match="已统一退回"):
        review_decisions.correct(review.pk, first, all_pass(), Decision.PASS, "同意", "改判")

    declaration.refresh_from_db()
    assert declaration.status == Status.FAILED


def test_a_reviewer_of_another_stage_cannot_correct(two_stage_round, stage):
    declaration = submitted_declaration(two_stage_round)
    first, second = reviewer(), reviewer()
    stage(1).reviewers.set([first])
    review = review_decisions.decide(declaration.pk, stage(1).pk, first, all_pass(), Decision.PASS, "同意")

    with pytest.raises(review_decisions.ReviewError, match="不是“初审”阶段的审核人"):
        review_decisions.correct(review.pk, second, all_pass(), Decision.FAIL, "不同意", "改判")


def test_correcting_through_the_review_page_goes_through_the_summary(client, two_stage_round, stage):
    declaration = submitted_declaration(two_stage_round)
    first = reviewer()
    review = review_decisions.decide(declaration.pk, stage(1).pk, first, all_pass(), Decision.PASS, "同意")
    client.force_login(first)

    page = client.get(inspect_url(declaration)).content.decode()
    assert "更正该结论" in page and f"?correct={review.pk}" in page
    form_page = client.get(f"{inspect_url(declaration)}?correct={review.pk}").content.decode()
    assert "更正原因" in form_page and 'name="review_id"' in form_page
    data = form_data(
        stage(1),
        Decision.FAIL,
        "论文不合格",
        {"papers": Decision.FAIL},
        comment_papers="刊物不符",
        review_id=review.pk,
        expected_decided_at=review.decided_at.isoformat(),
        reason="漏看论文",
    )

    summary = client.post(inspect_url(declaration), data)
    assert summary.status_code == 200 and "原结论：通过" in summary.content.decode()
    assert not DecisionCorrection.objects.exists()

    saved = client.post(inspect_url(declaration), {**data, "action": "confirm"})
    assert saved.status_code == 302
    assert DecisionCorrection.objects.get().reason == "漏看论文"
    stale = client.post(inspect_url(declaration), {**data, "action": "confirm"})
    assert stale.status_code == 409
    assert DecisionCorrection.objects.count() == 1


# --- separation of duties --------------------------------------------------------------------------


def test_one_person_decides_at_most_one_stage_of_a_declaration(client, two_stage_round, stage):
    declaration = submitted_declaration(two_stage_round)
    same = reviewer()
    review_decisions.decide(declaration.pk, stage(1).pk, same, all_pass(), Decision.PASS, "同意")

    with pytest.raises(review_decisions.ReviewError, match="各审核阶段须由不同的人审核"):
        review_decisions.decide(declaration.pk, stage(2).pk, same, all_pass(), Decision.PASS, "同意")

    assert StageReview.objects.count() == 1
    client.force_login(same)
    response = client.post(inspect_url(declaration), form_data(stage(2), action="confirm"))
    assert response.status_code == 403
    assert "您已审核过该申报的“初审”阶段" in response.content.decode()
    assert StageReview.objects.count() == 1


def test_a_round_with_one_reviewer_may_let_one_person_decide_every_stage(two_stage_round, stage):
    DeclarationRound.objects.filter(pk=two_stage_round.pk).update(one_reviewer_for_all_stages=True)
    declaration = submitted_declaration(two_stage_round)
    only = reviewer()

    review_decisions.decide(declaration.pk, stage(1).pk, only, all_pass(), Decision.PASS, "同意")
    review_decisions.decide(declaration.pk, stage(2).pk, only, all_pass(), Decision.PASS, "同意通过")

    declaration.refresh_from_db()
    assert declaration.pending_decision == Decision.PASS


def test_the_same_stage_of_the_second_declaration_may_be_decided_by_the_same_person(two_stage_round, stage):
    declaration = submitted_declaration(two_stage_round)
    first = reviewer()
    review_decisions.decide(declaration.pk, stage(1).pk, first, failing(papers="刊物不符"), Decision.FAIL, "不合格")

    assert review_decisions.correction_refusal(first, StageReview.objects.get()) == ""
