"""Releasing a round's results together (统一退回, SPEC 7): batch by batch through
`declarations.release`, each batch committed with the job that queues the passed applicants' SMS.
The scheduled command and the administrator's button both call `release_round`.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from declarations import release, workflow
from declarations.models import Declaration, DeclarationRound
from review.queue import awaiting_release
from review.tasks import enqueue_release_notifications


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
    now = now or timezone.now()
    summary = ReleaseSummary(declaration_round)
    while True:
        with transaction.atomic():
            batch = release.release_batch(declaration_round, actor, now, batch_size)
            if not len(batch):
                return summary
            enqueue_release_notifications(batch.passed, batch.failed)
        summary.batches += 1
        summary.passed += len(batch.passed)
        summary.failed += len(batch.failed)
        summary.final_failed += len(batch.final_failed)
        summary.notified.extend(batch.passed)


OUTCOMES = {"release_pass": "passed", "release_fail": "failed", "release_final_fail": "final_failed"}


def preview_round(declaration_round: DeclarationRound) -> ReleaseSummary:
    """What `release_round` would release now, counted per outcome, without changing anything:
    the administrator confirms these numbers before releasing."""
    summary = ReleaseSummary(declaration_round)
    rows = (
        release.pending_release(declaration_round)
        .values("status", "pending_decision")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for row in rows:
        outcome = OUTCOMES[workflow.release_transition(row["status"], row["pending_decision"])]
        setattr(summary, outcome, getattr(summary, outcome) + row["count"])
    return summary


def due_rounds(now: datetime | None = None) -> list[DeclarationRound]:
    """Rounds whose release time has come and that still hold unreleased decisions."""
    now = now or timezone.now()
    waiting = awaiting_release(Declaration.objects.filter(release.release_due(now))).values("round_id").distinct()
    return list(DeclarationRound.objects.filter(pk__in=waiting).order_by("pk"))


def release_due_rounds(now: datetime | None = None, actor=None) -> list[ReleaseSummary]:
    return [release_round(r, actor, now) for r in due_rounds(now)]
