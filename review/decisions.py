"""Recording one stage's decision with its section verdicts (SPEC 7): the verdict rules, and one
winner when two reviewers decide the same declaration at once.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from declarations import workflow
from declarations.models import Declaration
from declarations.release import record_decision
from declarations.sections import SECTIONS, SECTIONS_BY_KEY
from declarations.workflow import Decision, IllegalTransition
from review.models import SectionVerdict, StageReview
from review.permissions import refusal
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
