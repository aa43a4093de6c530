"""Decisions held back until the round's release time, and their release (统一退回, SPEC 7).

The review app records each declaration's decision here (`record_decision`); the applicant sees
nothing of it until `release_batch` moves the decided declarations through the workflow's batch
form, a fixed number of queries however many the batch holds, so a round of 10,000 declarations is
released in a few dozen queries.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from declarations import workflow
from declarations.models import Declaration, DeclarationRound
from declarations.workflow import Decision, IllegalTransition, Role

DEFAULT_BATCH_SIZE = 500


@transaction.atomic
def record_decision(declaration_id: int, reviewer, decision: str, comment: str = "") -> Declaration:
    """Store the reviewers' overall decision on a declaration in review; the applicant sees it
    only after release."""
    declaration = Declaration.objects.select_for_update().select_related("round").get(pk=declaration_id)
    if Role.REVIEWER not in workflow.roles_of(reviewer, declaration):
        raise IllegalTransition("您无权审核该申报。")
    if not declaration.phase.decidable:
        raise IllegalTransition(f"申报当前状态为“{declaration.phase.public_name}”，不能录入审核结论。")
    if decision not in Decision.values:
        raise IllegalTransition("审核结论只能是“通过”或“不通过”。")
    if Decision.needs_comment(decision) and not comment.strip():
        raise IllegalTransition("审核不通过时必须填写审核意见。")
    declaration.pending_decision = decision
    declaration.pending_comment = comment
    declaration.save(update_fields=["pending_decision", "pending_comment"])
    return declaration


@transaction.atomic
def withdraw_decision(declaration_id: int, reviewer) -> Declaration:
    """Take back a recorded decision before release (a stage's 不通过 corrected to 通过 reopens the
    next stage); the applicant never saw it."""
    declaration = Declaration.objects.select_for_update().select_related("round").get(pk=declaration_id)
    if Role.REVIEWER not in workflow.roles_of(reviewer, declaration):
        raise IllegalTransition("您无权审核该申报。")
    if not declaration.phase.decidable:
        raise IllegalTransition(f"申报当前状态为“{declaration.phase.public_name}”，审核结论不能再更改。")
    declaration.pending_decision = ""
    declaration.pending_comment = ""
    declaration.save(update_fields=["pending_decision", "pending_comment"])
    return declaration


@dataclass
class ReleasedBatch:
    passed: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    final_failed: list[int] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.passed) + len(self.failed) + len(self.final_failed)


# A recorded decision that the applicant has not seen yet.
AWAITING_RELEASE = Q(status__in=workflow.DECIDABLE_STATUSES) & ~Q(pending_decision="")


def pending_release(declaration_round: DeclarationRound):
    """The round's declarations with a recorded decision that the applicant has not seen yet."""
    return Declaration.objects.filter(AWAITING_RELEASE, round=declaration_round)


def due_statuses(declaration_round: DeclarationRound, now: datetime) -> list[str]:
    """The decidable statuses whose submission's release time (`DeclarationRound.release_at`) has come."""
    return [
        status
        for status in workflow.DECIDABLE_STATUSES
        if declaration_round.is_release_due(now, workflow.PHASES[status].submission)
    ]


def release_due(now: datetime) -> Q:
    """Declarations (of any round) whose submission's release time has come: a filter for queries."""
    due = Q(pk__in=[])
    for status in workflow.DECIDABLE_STATUSES:
        field = "second_results_release_at" if workflow.PHASES[status].is_second_submission else "results_release_at"
        due |= Q(status=status, **{f"round__{field}__lte": now})
    return due


def release_batch(
    declaration_round: DeclarationRound,
    actor=None,
    now: datetime | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> ReleasedBatch:
    """Release up to `batch_size` decided declarations of a due round; an empty batch means done.
    The rows are locked first, so a decision being recorded at the same moment is either in this
    batch completely or left for the next run. A released failure unlocks the profile.
    """
    now = now or timezone.now()
    statuses = due_statuses(declaration_round, now)
    if not statuses:
        raise IllegalTransition(workflow.TRANSITIONS["release_pass"].window_message)
    # Only the system (a command, a scheduled run) or an administrator releases results.
    if Role.SYSTEM not in workflow.roles_of(actor):
        raise IllegalTransition("只有管理员可以发布审核结果。")
    with transaction.atomic():
        rows = list(
            pending_release(declaration_round)
            .filter(status__in=statuses)
            .select_for_update()
            .order_by("pk")
            .only("pk", "status", "applicant_id", "round_id", "pending_decision", "pending_comment")[:batch_size]
        )
        groups: dict[str, list[Declaration]] = {}
        for declaration in rows:
            declaration.round = declaration_round
            groups.setdefault(
                workflow.release_transition(declaration.status, declaration.pending_decision), []
            ).append(declaration)
        for name, members in groups.items():
            workflow.perform_many(
                members,
                name,
                actor,
                comment=lambda d: d.pending_comment,
                update={"result_comment": F("pending_comment"), "pending_decision": "", "pending_comment": ""},
                now=now,
            )
    ids = {name: [d.pk for d in members] for name, members in groups.items()}
    return ReleasedBatch(
        passed=ids.get("release_pass", []),
        failed=ids.get("release_fail", []),
        final_failed=ids.get("release_final_fail", []),
    )
