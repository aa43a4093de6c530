"""Recording one stage's decision with its section verdicts (SPEC 7): the verdict rules, one
winner when two reviewers decide the same declaration at once, and the correction of a decision
before release (logged with the decision it replaced).
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from declarations import workflow
from declarations.models import Declaration
from declarations.release import record_decision, withdraw_decision
from declarations.sections import SECTIONS, SECTIONS_BY_KEY
from declarations.workflow import Decision, IllegalTransition
from review.models import DecisionCorrection, SectionVerdict, StageReview
from review.permissions import has_conflict_of_interest, may_decide_stage, refusal, separation_refusal
from review.stages import REVIEWABLE_STATUSES, progress

SECTION_COMMENT_REQUIRED = "不通过时必须填写意见。"


class ReviewError(Exception):
    """A refused review action; the message says why, in Chinese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ReviewConflict(ReviewError):
    """Someone else decided first; nothing of this request was saved."""


@dataclass(frozen=True)
class SectionInput:
    key: str
    verdict: str
    comment: str = ""


def validate_verdicts(sections: list[SectionInput], decision: str, comment: str) -> list[str]:
    """The rules for one stage's verdicts; returns the Chinese errors (empty when valid)."""
    errors = []
    given = {s.key: s for s in sections}
    for section in SECTIONS:
        item = given.get(section.key)
        if item is None or item.verdict not in Decision.values:
            errors.append(f"请为“{section.heading}”选择通过或不通过。")
        elif Decision.needs_comment(item.verdict) and not item.comment.strip():
            errors.append(f"“{section.heading}”{SECTION_COMMENT_REQUIRED}")
    unknown = set(given) - set(SECTIONS_BY_KEY)
    if unknown:
        errors.append("包含未知的栏目。")
    if decision not in Decision.values:
        errors.append("请选择总体结论：通过或不通过。")
    elif Decision.needs_comment(decision) and not comment.strip():
        errors.append("总体结论为不通过时必须填写审核意见。")
    elif decision == Decision.PASS and any(s.verdict == Decision.FAIL for s in sections):
        errors.append("有栏目不通过时，总体结论不能为通过。")
    return errors


def _conflict_message(declaration: Declaration, stage_id: int, sequence: int) -> str:
    earlier = (
        StageReview.objects.filter(declaration=declaration, stage_id=stage_id, sequence=sequence)
        .select_related("reviewer", "stage")
        .first()
    )
    if earlier:
        when = timezone.localtime(earlier.decided_at).strftime("%Y-%m-%d %H:%M:%S")
        return (
            f"审核冲突：该申报的“{earlier.stage.name}”已由{earlier.reviewer.get_short_name()}于{when}作出结论"
            f"（{earlier.get_decision_display()}），您的结论未保存。请刷新页面查看。"
        )
    return "审核冲突：该申报的审核进度已发生变化，您的结论未保存。请刷新页面查看。"


def decide(
    declaration_id: int,
    stage_id: int,
    reviewer,
    sections: list[SectionInput],
    decision: str,
    comment: str = "",
    sequence: int | None = None,
    now: datetime | None = None,
) -> StageReview:
    """Record one stage's decision on the declaration's current submission.

    The declaration row is locked and the stage re-checked inside the transaction: of two
    reviewers deciding at once, the second finds the stage decided and gets `ReviewConflict`
    (the unique constraint backs this up). The last stage's decision, or any 不通过, becomes the
    declaration's pending decision, which the applicant sees only after release.
    """
    errors = validate_verdicts(sections, decision, comment)
    if errors:
        raise ReviewError("".join(errors))
    now = now or timezone.now()
    with transaction.atomic():
        declaration = (
            Declaration.objects.select_for_update().select_related("round", "applicant").get(pk=declaration_id)
        )
        stage_progress = progress(declaration)
        current = stage_progress.current_stage
        expected_sequence = sequence or stage_progress.sequence
        if current is None or current.pk != stage_id or expected_sequence != stage_progress.sequence:
            if current is None and not declaration.pending_decision and declaration.status not in REVIEWABLE_STATUSES:
                raise ReviewError(refusal(reviewer, declaration, stage_progress))
            raise ReviewConflict(_conflict_message(declaration, stage_id, expected_sequence))
        reason = refusal(reviewer, declaration, stage_progress)
        if reason:
            raise ReviewError(reason)
        try:
            if declaration.status in workflow.TRANSITIONS["start_review"].sources:
                workflow.perform(declaration, "start_review", reviewer, f"{current.name}开始审核", now)
            with transaction.atomic():
                review = StageReview.objects.create(
                    declaration=declaration,
                    stage=current,
                    sequence=stage_progress.sequence,
                    reviewer=reviewer,
                    decision=decision,
                    comment=comment.strip(),
                    decided_at=now,
                )
            SectionVerdict.objects.bulk_create(
                SectionVerdict(review=review, section_key=s.key, verdict=s.verdict, comment=s.comment.strip())
                for s in sections
            )
            # A 不通过 ends the chain of stages; a 通过 of the last stage decides the declaration.
            if decision == Decision.FAIL or current == stage_progress.stages[-1]:
                record_decision(declaration.pk, reviewer, decision, comment.strip())
        except IntegrityError as error:
            raise ReviewConflict(_conflict_message(declaration, stage_id, stage_progress.sequence)) from error
        except IllegalTransition as error:
            # The review app and the workflow read the same role; a refusal here is a message, never a 500.
            raise ReviewError(error.message) from error
    return review


CORRECTION_REASON_REQUIRED = "请填写更正原因。"


def correction_refusal(reviewer, review: StageReview) -> str:
    """Why `reviewer` may not correct `review` now ('' when they may): only before the results of
    its submission are released, only the latest decided stage, only a reviewer of that stage."""
    declaration = review.declaration
    if not declaration.phase.decidable or review.sequence != workflow.submission_number(declaration):
        return "审核结果已统一退回，该结论不能再更正。"
    later = [
        other
        for other in declaration.stage_reviews.all()
        if other.sequence == review.sequence and other.stage.order > review.stage.order
    ]
    if later:
        return f"“{later[0].stage.name}”已作出结论，不能再更正“{review.stage.name}”的结论。"
    if not may_decide_stage(reviewer, review.stage):
        return f"您不是“{review.stage.name}”阶段的审核人，不能更正该结论。"
    if has_conflict_of_interest(reviewer, declaration):
        return "您与申报人工作单位相同，按回避规定不能审核该申报。"
    return separation_refusal(reviewer, declaration, review.stage)


def correct(
    review_id: int,
    reviewer,
    sections: list[SectionInput],
    decision: str,
    comment: str,
    reason: str,
    expected_decided_at: datetime | None = None,
    now: datetime | None = None,
) -> DecisionCorrection:
    """Correct a stage's decision before release: the old decision, verdicts and reviewer are kept
    in a `DecisionCorrection`, the stage review carries the new one, and the declaration's pending
    decision follows (a 不通过 or the last stage's 通过 is recorded; a 通过 of an earlier stage
    reopens the next stage). `expected_decided_at` is the decision the reviewer saw: if someone
    corrected it meanwhile, nothing is saved."""
    errors = validate_verdicts(sections, decision, comment)
    if not reason.strip():
        errors.append(CORRECTION_REASON_REQUIRED)
    if errors:
        raise ReviewError("".join(errors))
    now = now or timezone.now()
    with transaction.atomic():
        declaration_id = StageReview.objects.values_list("declaration_id", flat=True).get(pk=review_id)
        declaration = Declaration.objects.select_for_update().select_related("round").get(pk=declaration_id)
        review = (
            StageReview.objects.select_related("stage", "declaration__round", "reviewer")
            .prefetch_related("verdicts", "declaration__stage_reviews__stage")
            .get(pk=review_id)
        )
        reason_refused = correction_refusal(reviewer, review)
        if reason_refused:
            raise ReviewError(reason_refused)
        if expected_decided_at is not None and review.decided_at != expected_decided_at:
            raise ReviewConflict(
                f"审核冲突：“{review.stage.name}”的结论已于{timezone.localtime(review.decided_at):%Y-%m-%d %H:%M:%S}"
                f"由{review.reviewer.get_short_name()}更改，您的更正未保存。请刷新页面查看。"
            )
        correction = DecisionCorrection.objects.create(
            review=review,
            corrected_by=reviewer,
            corrected_at=now,
            reason=reason.strip(),
            old_reviewer=review.reviewer,
            old_decision=review.decision,
            old_comment=review.comment,
            old_decided_at=review.decided_at,
            old_verdicts=[
                {"section_key": v.section_key, "verdict": v.verdict, "comment": v.comment}
                for v in review.verdicts.all()
            ],
        )
        review.reviewer = reviewer
        review.decision = decision
        review.comment = comment.strip()
        review.decided_at = now
        review.save(update_fields=["reviewer", "decision", "comment", "decided_at"])
        review.verdicts.all().delete()
        SectionVerdict.objects.bulk_create(
            SectionVerdict(review=review, section_key=s.key, verdict=s.verdict, comment=s.comment.strip())
            for s in sections
        )
        try:
            if decision == Decision.FAIL or review.stage == progress(declaration).stages[-1]:
                record_decision(declaration.pk, reviewer, decision, comment.strip())
            else:
                withdraw_decision(declaration.pk, reviewer)
        except IllegalTransition as error:
            raise ReviewError(error.message) from error
    return correction
