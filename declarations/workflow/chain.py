"""A round's chain of steps (SPEC 6, 9): the kinds of work a submitted declaration passes through,
in their statutory order, and which of them a round uses. The transitions that enter or leave a
step do not name the next status themselves; they ask the chain, so a round that adds or skips a
step (the employer's check, the committee, the 公示) still runs on the one state machine.

Today the chain holds the department's review (资格审查, decided in the review app by the round's
stages 初审 → 复审). A new kind of step adds its statuses to `statuses.Status`, a `Step` here (with
`used_by` reading the round's setting) and its transitions to `transitions.TRANSITIONS`.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db import models

from declarations.workflow.statuses import Status


class StepKind(models.TextChoices):
    DEPARTMENT_REVIEW = "department_review", "资格审查"


def _always(declaration_round) -> bool:
    return True


@dataclass(frozen=True)
class Step:
    kind: StepKind
    entry: Status  # the status a declaration takes on reaching this step
    statuses: frozenset  # the statuses of a declaration while at this step
    used_by: Callable = _always  # (round) -> whether the round's chain includes this step


STEPS: tuple[Step, ...] = (
    Step(
        StepKind.DEPARTMENT_REVIEW,
        entry=Status.SUBMITTED,
        statuses=frozenset({Status.SUBMITTED, Status.IN_REVIEW, Status.RESUBMITTED}),
    ),
)
STEP_BY_KIND: dict[StepKind, Step] = {step.kind: step for step in STEPS}
# Where a declaration lands once the last step of its round's chain has passed it.
COMPLETED = Status.PASSED


def chain_of(declaration_round, steps: Sequence[Step] = STEPS) -> list[Step]:
    return [step for step in steps if step.used_by(declaration_round)]


def first_status(declaration_round, steps: Sequence[Step] = STEPS) -> Status:
    """Where a submitted declaration goes: the first step of the round's chain."""
    chain = chain_of(declaration_round, steps)
    return chain[0].entry if chain else COMPLETED


def status_after(declaration_round, kind: StepKind, steps: Sequence[Step] = STEPS) -> Status:
    """Where a declaration goes once step `kind` has passed it: the next step the round uses."""
    chain = chain_of(declaration_round, steps)
    kinds = [step.kind for step in chain]
    if kind not in kinds:
        raise ValueError(f"The round's chain has no step {kind!r}")
    later = chain[kinds.index(kind) + 1 :]
    return later[0].entry if later else COMPLETED


def step_of(status: str, steps: Sequence[Step] = STEPS) -> Step | None:
    """The step a declaration in `status` is at; None before submission and after the chain."""
    return next((step for step in steps if status in step.statuses), None)
