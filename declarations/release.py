"""Releasing a round's decided declarations in batches (统一退回, SPEC 7): one batch is a fixed
number of queries however many declarations it holds (bulk updates and one bulk insert into the
transition log), so a round of 10,000 declarations is released in a few dozen queries.
`services.release_results` does the same one declaration at a time.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from declarations import workflow
from declarations.models import Declaration, DeclarationRound, DeclarationTransition
from declarations.workflow import Decision, IllegalTransition, Status

DEFAULT_BATCH_SIZE = 500


@dataclass
class ReleasedBatch:
    passed: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    final_failed: list[int] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.passed) + len(self.failed) + len(self.final_failed)


def _transition_name(status: str, decision: str) -> str:
    if decision == Decision.PASS:
        return "release_pass"
    return "release_fail" if status == Status.IN_REVIEW else "release_final_fail"


def pending_release(declaration_round: DeclarationRound):
    """The round's declarations with a recorded decision that the applicant has not seen yet."""
    return Declaration.objects.filter(round=declaration_round, status__in=workflow.DECIDABLE_STATUSES).exclude(
        pending_decision=""
    )


def release_batch(
    declaration_round: DeclarationRound,
    actor=None,
    now: datetime | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> ReleasedBatch:
    """Release up to `batch_size` decided declarations of a due round; an empty batch means done.
    The rows are locked first, so a decision being recorded at the same moment is either in this
    batch completely or left for the next run.
    """
    now = now or timezone.now()
    if not declaration_round.is_release_due(now):
        raise IllegalTransition("尚未到审核结果统一退回时间。")
    # Only the system (a command, a scheduled run) or an administrator releases results.
    if workflow.Role.SYSTEM not in workflow.roles_of(Declaration(), actor):
        raise IllegalTransition("只有管理员可以发布审核结果。")
    role = workflow.Role.SYSTEM
    batch = ReleasedBatch()
    with transaction.atomic():
        rows = list(
            pending_release(declaration_round)
            .select_for_update()
            .order_by("pk")
            .values_list("pk", "status", "pending_decision", "pending_comment")[:batch_size]
        )
        log = []
        groups: dict[str, list[int]] = {}
        for pk, status, decision, comment in rows:
            name = _transition_name(status, decision)
            transition = workflow.TRANSITIONS[name]
            groups.setdefault(name, []).append(pk)
            log.append(
                DeclarationTransition(
                    declaration_id=pk,
                    name=name,
                    from_status=status,
                    to_status=transition.target,
                    actor=actor,
                    actor_role=role,
                    comment=comment,
                )
            )
        for name, ids in groups.items():
            Declaration.objects.filter(pk__in=ids).update(
                status=workflow.TRANSITIONS[name].target,
                released_at=now,
                result_comment=F("pending_comment"),
                pending_decision="",
                pending_comment="",
            )
        DeclarationTransition.objects.bulk_create(log)
    batch.passed = groups.get("release_pass", [])
    batch.failed = groups.get("release_fail", [])
    batch.final_failed = groups.get("release_final_fail", [])
    return batch
