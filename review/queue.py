"""Reads of the reviewers' queue and dashboard (SPEC 7): which declarations wait for which stage,
which wait for release, the current round and its counts per status.
"""

from datetime import datetime

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.utils import timezone

from declarations import workflow
from declarations.models import Declaration, DeclarationRound
from declarations.release import AWAITING_RELEASE
from declarations.workflow import Decision, Status
from review.models import ReviewStage, StageReview
from review.stages import REVIEWABLE_STATUSES


def with_submission_number(queryset: QuerySet) -> QuerySet:
    return queryset.annotate(review_sequence=workflow.SUBMISSION_NUMBER)


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
    return queryset.filter(AWAITING_RELEASE)


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
