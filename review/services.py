"""Review rules (SPEC 7): who may review what, the order of a round's stages, recording one stage's
decision with its section verdicts (one winner when two reviewers decide at once), the review
log, and releasing a round's results together. Views, admin views, commands and tests call these.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone

from declarations import release, workflow
from declarations import services as declaration_services
from declarations.models import Declaration, DeclarationRound
from declarations.results import FailedSection, LogRow, ReviewRecords
from declarations.sections import SECTIONS, SECTIONS_BY_KEY
from declarations.workflow import Decision, Status
from review.models import DEFAULT_STAGE_NAME, ReviewStage, SectionVerdict, StageReview

REVIEW_PERMISSION = "review.add_stagereview"
QUEUE_PERMISSION = "declarations.view_declaration"
# Statuses in which a declaration waits for (or is in) review.
REVIEWABLE_STATUSES = (Status.SUBMITTED, *workflow.DECIDABLE_STATUSES)


class ReviewError(Exception):
    """A refused review action; the message says why, in Chinese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ReviewConflict(ReviewError):
    """Someone else decided first; nothing of this request was saved."""


# --- Who may do what ------------------------------------------------------------------------


def can_use_queue(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff and user.has_perm(QUEUE_PERMISSION))


def can_review(user) -> bool:
    return can_use_queue(user) and user.has_perm(REVIEW_PERMISSION)


def can_release(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def _normalized(employer: str | None) -> str:
    return "".join((employer or "").split()).casefold()


def has_conflict_of_interest(reviewer, declaration: Declaration) -> bool:
    """回避: a reviewer never reviews an applicant of the same employer."""
    own = _normalized(reviewer.employer)
    return bool(own) and own == _normalized(declaration.applicant.employer)


# --- Stages ---------------------------------------------------------------------------------


def ensure_stages(declaration_round: DeclarationRound) -> list[ReviewStage]:
    """The round's stages in order; a round without any gets the single default stage 厅审核."""
    stages = list(declaration_round.review_stages.all())
    if not stages:
        stage, _ = ReviewStage.objects.get_or_create(
            round=declaration_round, order=1, defaults={"name": DEFAULT_STAGE_NAME}
        )
        stages = [stage]
    return stages


def stage_reviewer_ids(stage: ReviewStage) -> set[int]:
    return {user.pk for user in stage.reviewers.all()}


def may_decide_stage(reviewer, stage: ReviewStage) -> bool:
    """A stage with listed reviewers is theirs (and the administrators'); otherwise any reviewer's."""
    if not can_review(reviewer):
        return False
    listed = stage_reviewer_ids(stage)
    return reviewer.is_superuser or not listed or reviewer.pk in listed


def submission_number(declaration: Declaration) -> int:
    """1 for the first submission, 2 once the second declaration (二次申报) was submitted."""
    return 2 if declaration.resubmitted_at else 1


@dataclass
class Progress:
    sequence: int
    stages: list[ReviewStage]
    reviews: dict[int, StageReview]  # by stage id, for this submission
    current_stage: ReviewStage | None  # the stage that decides next; None when nothing is open

    @property
    def rows(self) -> list[tuple[ReviewStage, StageReview | None]]:
        return [(stage, self.reviews.get(stage.pk)) for stage in self.stages]


def progress(declaration: Declaration) -> Progress:
    """Where the declaration's current submission stands in the round's chain of stages.
    Reads prefetched `round.review_stages` and `stage_reviews` when the caller has them.
    """
    sequence = submission_number(declaration)
    stages = ensure_stages(declaration.round)
    reviews = {r.stage_id: r for r in declaration.stage_reviews.all() if r.sequence == sequence}
    current = None
    if declaration.status in REVIEWABLE_STATUSES and not declaration.pending_decision:
        for stage in stages:
            review = reviews.get(stage.pk)
            if review is None:
                current = stage
                break
            if review.decision == Decision.FAIL:
                break
    return Progress(sequence, stages, reviews, current)


def refusal(reviewer, declaration: Declaration, stage_progress: Progress | None = None) -> str:
    """Why `reviewer` may not decide the declaration now ('' when they may)."""
    stage_progress = stage_progress or progress(declaration)
    if not can_review(reviewer):
        return "您没有审核权限。"
    if has_conflict_of_interest(reviewer, declaration):
        return "您与申报人工作单位相同，按回避规定不能审核该申报。"
    stage = stage_progress.current_stage
    if stage is None:
        if declaration.pending_decision:
            return "该申报已审核完毕，等待统一退回审核结果。"
        return f"申报当前状态为“{declaration.get_status_display()}”，无需审核。"
    if not may_decide_stage(reviewer, stage):
        return f"该申报正处于“{stage.name}”阶段，您不是该阶段的审核人。"
    return ""


# --- Deciding -------------------------------------------------------------------------------


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
        label = f"{section.number} {section.title}"
        if item is None or item.verdict not in Decision.values:
            errors.append(f"请为“{label}”选择通过或不通过。")
        elif item.verdict == Decision.FAIL and not item.comment.strip():
            errors.append(f"“{label}”不通过时必须填写意见。")
    unknown = set(given) - set(SECTIONS_BY_KEY)
    if unknown:
        errors.append("包含未知的栏目。")
    if decision not in Decision.values:
        errors.append("请选择总体结论：通过或不通过。")
    elif decision == Decision.FAIL and not comment.strip():
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
        who = earlier.reviewer.real_name or earlier.reviewer.get_username()
        when = timezone.localtime(earlier.decided_at).strftime("%Y-%m-%d %H:%M:%S")
        return (
            f"审核冲突：该申报的“{earlier.stage.name}”已由{who}于{when}作出结论"
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
        if declaration.status == Status.SUBMITTED:
            workflow.perform(declaration, "start_review", reviewer, f"{current.name}开始审核", now)
        try:
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
        except IntegrityError as error:
            raise ReviewConflict(_conflict_message(declaration, stage_id, stage_progress.sequence)) from error
        SectionVerdict.objects.bulk_create(
            SectionVerdict(review=review, section_key=s.key, verdict=s.verdict, comment=s.comment.strip())
            for s in sections
        )
        if decision == Decision.FAIL or current == stage_progress.stages[-1]:
            declaration_services.record_decision(declaration.pk, reviewer, decision, comment.strip())
    return review


# --- The review log -------------------------------------------------------------------------

# Declaration transitions that belong in the review log, with the action shown for them.
LOGGED_TRANSITIONS = {
    "submit": "提交申报",
    "resubmit": "二次申报",
    "release_pass": "结果退回",
    "release_fail": "结果退回",
    "release_final_fail": "结果退回",
}


def _person(user) -> str:
    return (user.real_name or user.get_username()) if user else "系统"


def review_log(declaration: Declaration, up_to_submission: int | None = None, with_names: bool = True) -> list[LogRow]:
    """The log the manual shows: submissions, each stage's decision and the releases, oldest first.
    `up_to_submission` limits it to released submissions (the applicant's view)."""
    entries = []
    reviews = declaration.stage_reviews.select_related("stage", "reviewer")
    transitions = declaration.transitions.filter(name__in=LOGGED_TRANSITIONS).select_related("actor")
    if up_to_submission is not None:
        reviews = reviews.filter(sequence__lte=up_to_submission)
        if up_to_submission < 2:
            transitions = transitions.exclude(name__in=["resubmit", "release_pass", "release_final_fail"]).exclude(
                from_status=Status.RESUBMITTED
            )
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
    for step in transitions:
        is_applicant = step.actor_role == workflow.Role.APPLICANT
        entries.append(
            (
                step.created_at,
                "",
                LOGGED_TRANSITIONS[step.name],
                step.get_to_status_display(),
                "" if is_applicant else step.comment,
                ("申报人" if is_applicant else _person(step.actor)) if with_names else "",
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


# --- The queue ------------------------------------------------------------------------------


def with_submission_number(queryset: QuerySet) -> QuerySet:
    return queryset.annotate(
        review_sequence=Case(
            When(resubmitted_at__isnull=False, then=Value(2)), default=Value(1), output_field=IntegerField()
        )
    )


def awaiting_stage(queryset: QuerySet, stage: ReviewStage) -> QuerySet:
    """Declarations whose current submission waits for `stage`'s decision."""
    queryset = with_submission_number(queryset).filter(
        round_id=stage.round_id, status__in=REVIEWABLE_STATUSES, pending_decision=""
    )
    decided_here = StageReview.objects.filter(
        declaration=OuterRef("pk"), stage=stage, sequence=OuterRef("review_sequence")
    )
    queryset = queryset.filter(~Exists(decided_here))
    previous = ReviewStage.objects.filter(round_id=stage.round_id, order__lt=stage.order).order_by("-order").first()
    if previous is not None:
        passed_before = StageReview.objects.filter(
            declaration=OuterRef("pk"), stage=previous, sequence=OuterRef("review_sequence"), decision=Decision.PASS
        )
        queryset = queryset.filter(Exists(passed_before))
    return queryset


def awaiting_release(queryset: QuerySet) -> QuerySet:
    return queryset.filter(status__in=workflow.DECIDABLE_STATUSES).filter(~Q(pending_decision=""))


# --- Release --------------------------------------------------------------------------------


@dataclass
class ReleaseSummary:
    round: DeclarationRound
    passed: int = 0
    failed: int = 0
    final_failed: int = 0
    batches: int = 0
    notified: list[int] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.passed + self.failed + self.final_failed


def release_round(
    declaration_round: DeclarationRound,
    actor=None,
    now: datetime | None = None,
    batch_size: int = release.DEFAULT_BATCH_SIZE,
) -> ReleaseSummary:
    """Release every decided declaration of a due round (统一退回), batch by batch. Each batch
    commits together with one queued job that puts the passed applicants' SMS in the outbox, so
    no SMS is ever sent inline. Running it again releases nothing twice.
    """
    from review.tasks import enqueue_passed_notifications

    now = now or timezone.now()
    summary = ReleaseSummary(declaration_round)
    while True:
        with transaction.atomic():
            batch = release.release_batch(declaration_round, actor, now, batch_size)
            if not len(batch):
                return summary
            if batch.passed:
                enqueue_passed_notifications(batch.passed)
        summary.batches += 1
        summary.passed += len(batch.passed)
        summary.failed += len(batch.failed)
        summary.final_failed += len(batch.final_failed)
        summary.notified.extend(batch.passed)


def due_rounds(now: datetime | None = None) -> list[DeclarationRound]:
    """Rounds whose release time has come and that still hold unreleased decisions."""
    now = now or timezone.now()
    waiting = (
        awaiting_release(Declaration.objects.filter(round__results_release_at__lte=now)).values("round_id").distinct()
    )
    return list(DeclarationRound.objects.filter(pk__in=waiting).order_by("pk"))


def release_due_rounds(now: datetime | None = None, actor=None) -> list[ReleaseSummary]:
    return [release_round(r, actor, now) for r in due_rounds(now)]


# --- Dashboard ------------------------------------------------------------------------------


def current_round(now: datetime | None = None) -> DeclarationRound | None:
    """The latest round that has opened."""
    now = now or timezone.now()
    return DeclarationRound.objects.filter(signup_starts_at__lte=now).order_by("-signup_starts_at").first()


def status_counts(declaration_round: DeclarationRound) -> list[tuple[str, int]]:
    counts = {
        row["status"]: row["n"]
        for row in Declaration.objects.filter(round=declaration_round).values("status").annotate(n=Count("pk"))
    }
    return [(status.label, counts.get(status.value, 0)) for status in Status]
