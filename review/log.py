"""The review log the manual shows (SPEC 7): submissions, each stage's decision and the releases,
oldest first; and what of it the applicant sees once released (`released_records`, handed to
`declarations.results`).
"""

from declarations import workflow
from declarations.models import Declaration
from declarations.results import FailedSection, LogRow, ReviewRecords
from declarations.workflow import Decision, Role
from review.models import DecisionCorrection, SectionVerdict

# Declaration transitions that belong in the review log, with the action shown for them.
LOGGED_TRANSITIONS = {
    "submit": "提交申报",
    "resubmit": "二次申报",
    "release_pass": "结果退回",
    "release_fail": "结果退回",
    "release_final_fail": "结果退回",
}
SYSTEM_NAME = "系统"


def _person(user) -> str:
    return user.get_short_name() if user else SYSTEM_NAME


def _submission_of(step) -> int:
    """The submission a logged transition belongs to: the later of the statuses it joins."""
    return max(
        workflow.PHASES[workflow.Status(status)].submission for status in (step.from_status, step.to_status) if status
    )


def _transitions_up_to(declaration: Declaration, submission: int | None) -> list:
    """The logged transitions of the declaration's first `submission` submissions (all if None)."""
    steps = declaration.transitions.filter(name__in=LOGGED_TRANSITIONS).select_related("actor")
    return [step for step in steps if submission is None or _submission_of(step) <= submission]


def review_log(declaration: Declaration, up_to_submission: int | None = None, with_names: bool = True) -> list[LogRow]:
    """The log: submissions, each stage's decision and the releases, oldest first.
    `up_to_submission` limits it to released submissions (the applicant's view)."""
    entries = []
    reviews = declaration.stage_reviews.select_related("stage", "reviewer")
    if up_to_submission is not None:
        reviews = reviews.filter(sequence__lte=up_to_submission)
    for review in reviews:
        entries.append(
            (
                review.decided_at,
                review.stage.name,
                "审核" if review.sequence == 1 else "二次申报审核",
                review.get_decision_display(),
                review.comment,
                _person(review.reviewer) if with_names else "",
            )
        )
    if with_names:
        # Corrections before release are the reviewers' record; the applicant sees the result.
        corrections = DecisionCorrection.objects.filter(review__declaration=declaration).select_related(
            "review__stage", "corrected_by", "old_reviewer"
        )
        for correction in corrections:
            entries.append(
                (
                    correction.corrected_at,
                    correction.review.stage.name,
                    "更正结论",
                    f"原结论：{correction.get_old_decision_display()}",
                    f"更正原因：{correction.reason}\n原审核人：{_person(correction.old_reviewer)}"
                    + (f"\n原审核意见：{correction.old_comment}" if correction.old_comment else ""),
                    _person(correction.corrected_by),
                )
            )
    for step in _transitions_up_to(declaration, up_to_submission):
        is_applicant = step.actor_role == Role.APPLICANT
        entries.append(
            (
                step.created_at,
                "",
                LOGGED_TRANSITIONS[step.name],
                step.get_to_status_display(),
                "" if is_applicant else step.comment,
                (Role.APPLICANT.label if is_applicant else _person(step.actor)) if with_names else "",
            )
        )
    entries.sort(key=lambda e: e[0])
    return [
        LogRow(number=n, time=t, stage=stage, action=action, result=result, comment=comment, reviewer=who)
        for n, (t, stage, action, result, comment, who) in enumerate(entries, start=1)
    ]


def released_records(declaration: Declaration, released: int) -> ReviewRecords:
    """The provider `declarations.results` calls: failed sections of the latest released submission
    and the log of the released submissions, without reviewer names."""
    verdicts = (
        SectionVerdict.objects.filter(
            review__declaration=declaration, review__sequence=released, verdict=Decision.FAIL
        )
        .select_related("review__stage")
        .order_by("review__stage__order", "id")
    )
    failed = [FailedSection(v.section_key, v.comment, v.review.stage.name) for v in verdicts]
    return ReviewRecords(failed_sections=failed, log=review_log(declaration, released, with_names=False))
