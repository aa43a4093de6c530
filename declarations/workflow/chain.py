"""A round's chain of steps (SPEC 6, 9): the kinds of work a submitted declaration passes through,
in their statutory order, and which of them a round uses. The transitions that enter or leave a
step do not name the next status themselves; they ask the chain, so a round that adds or skips a
step (the employer's check, the committee, the 公示) still runs on the one state machine.

The chain holds the employer's check (单位审核, in the employers app, for rounds that use it) and
the department's review (资格审查, decided in the review app by the round's stages 初审 → 复审).
A new kind of step adds its statuses to `statuses.Status`, a `Step` here (with
`used_by` reading the round's setting) and its transitions to `transitions.TRANSITIONS`.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db import models

from declarations.workflow.statuses import Status


class StepKind(models.TextChoices):
    EMPLOYER_CHECK = "employer_check", "单位审核"
    DEPARTMENT_REVIEW = "department_review", "资格审查"


def _always(declaration_round) -> bool:
    return True


@dataclass(frozen=True)
class Step:
    kind: StepKind
    entry: Status  # the status a declaration takes on reaching this step
    statuses: frozenset  # the statuses of a declaration while at this step
    used_by: Callable = _always  # (round) -> whether the round's chain includes this step
    # The status a declaration takes on arriving from a given earlier step, where it differs
    # from `entry` (recommended by the employer: 单位已推荐 rather than 已提交).
    entry_from: tuple[tuple[StepKind, Status], ...] = ()

    def entry_after(self, kind: StepKind) -> Status:
        return dict(self.entry_from).get(kind, self.entry)


def _uses_employer_step(declaration_round) -> bool:
    return declaration_round.uses_employer_step


STEPS: tuple[Step, ...] = (
    Step(
        StepKind.EMPLOYER_CHECK,
        entry=Status.EMPLOYER_REVIEW,
        # 逾期未补正 ends the declaration at this step.
        statuses=frozenset({Status.EMPLOYER_REVIEW, Status.EMPLOYER_RETURNED, Status.CORRECTION_EXPIRED}),
        used_by=_uses_employer_step,
    ),
    Step(
        StepKind.DEPARTMENT_REVIEW,
        entry=Status.SUBMITTED,
        statuses=frozenset({Status.SUBMITTED, Status.RECOMMENDED, Status.IN_REVIEW, Status.RESUBMITTED}),
        entry_from=((StepKind.EMPLOYER_CHECK, Status.RECOMMENDED),),
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
    kinds = [step.kind for step in steps]
    later = [step for step in steps[kinds.index(kind) + 1 :] if step.used_by(declaration_round)]
    return later[0].entry_after(kind) if later else COMPLETED


def step_of(status: str, steps: Sequence[Step] = STEPS) -> Step | None:
    """The step a declaration in `status` is at; None before submission and after the chain."""
    return next((step for step in steps if status in step.statuses), None)


def statuses_before(kind: StepKind, steps: Sequence[Step] = STEPS) -> frozenset:
    """The statuses of the steps ahead of step `kind`: a declaration in one of them has not
    reached that step (the department's queue leaves out those still with the employer)."""
    kinds = [step.kind for step in steps]
    return frozenset().union(*(step.statuses for step in steps[: kinds.index(kind)]))


# Statuses of a declaration that has not reached the department's review (still with the employer).
BEFORE_DEPARTMENT = statuses_before(StepKind.DEPARTMENT_REVIEW)


# Conditions a declaration must meet to enter a step, registered by the step's app at start-up
# (the employer's check needs an approved employer chosen): (declaration) -> refusal or "".
_entry_checks: dict[StepKind, list[Callable]] = {}


def register_entry_check(kind: StepKind, check: Callable) -> None:
    checks = _entry_checks.setdefault(kind, [])
    if check not in checks:
        checks.append(check)


def entry_refusal(declaration, target: str, steps: Sequence[Step] = STEPS) -> str:
    """Why `declaration` may not enter the step holding status `target` ('' when it may)."""
    step = step_of(target, steps)
    if step is None:
        return ""
    for check in _entry_checks.get(step.kind, ()):
        refusal = check(declaration)
        if refusal:
            return refusal
    return ""
