"""Who may decide which declaration now (SPEC 7): the reviewer's role (`declarations.roles`), the
stage's listed reviewers, 回避, and the separation of duties (one person decides at most one stage
of a declaration unless the round allows otherwise). Each refusal says why in Chinese.
"""

from declarations.models import Declaration
from declarations.roles import is_administrator, is_reviewer
from review.models import ReviewStage
from review.stages import Progress, progress


def _normalized(employer: str | None) -> str:
    return "".join((employer or "").split()).casefold()


def has_conflict_of_interest(reviewer, declaration: Declaration) -> bool:
    """回避: a reviewer never reviews an applicant of the same employer."""
    own = _normalized(reviewer.employer)
    return bool(own) and own == _normalized(declaration.applicant.employer)


def may_decide_stage(reviewer, stage: ReviewStage) -> bool:
    """A stage with listed reviewers is theirs (and the administrators'); otherwise any reviewer's."""
    if not is_reviewer(reviewer):
        return False
    listed = {user.pk for user in stage.reviewers.all()}
    return is_administrator(reviewer) or not listed or reviewer.pk in listed


def other_stage_decided(reviewer, declaration: Declaration, stage: ReviewStage) -> ReviewStage | None:
    """The stage of `declaration` other than `stage` that `reviewer` decided (any submission), when the
    round separates the stages' duties; None when they may decide `stage`. Reads prefetched
    `stage_reviews` when the caller has them."""
    if declaration.round.one_reviewer_for_all_stages:
        return None
    for review in declaration.stage_reviews.all():
        if review.reviewer_id == reviewer.pk and review.stage_id != stage.pk:
            return review.stage
    return None


def separation_refusal(reviewer, declaration: Declaration, stage: ReviewStage) -> str:
    other = other_stage_decided(reviewer, declaration, stage)
    if other is None:
        return ""
    return (
        f"您已审核过该申报的“{other.name}”阶段。同一申报的各审核阶段须由不同的人审核，您不能再审核“{stage.name}”阶段。"
    )


def refusal(reviewer, declaration: Declaration, stage_progress: Progress | None = None) -> str:
    """Why `reviewer` may not decide the declaration now ('' when they may)."""
    stage_progress = stage_progress or progress(declaration)
    if not is_reviewer(reviewer):
        return "您没有审核权限。"
    if has_conflict_of_interest(reviewer, declaration):
        return "您与申报人工作单位相同，按回避规定不能审核该申报。"
    stage = stage_progress.current_stage
    if stage is None:
        if declaration.pending_decision:
            return "该申报已审核完毕，等待统一退回审核结果。"
        return f"申报当前状态为“{declaration.phase.public_name}”，无需审核。"
    if not may_decide_stage(reviewer, stage):
        return f"该申报正处于“{stage.name}”阶段，您不是该阶段的审核人。"
    return separation_refusal(reviewer, declaration, stage)
