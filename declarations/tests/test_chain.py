"""The round's chain of steps: where a submission goes, where a passed step leads, and that a
step a round does not use is skipped."""

import pytest

from declarations.models import DeclarationRound
from declarations.workflow import Status, StepKind, chain
from declarations.workflow.chain import Step


class Round:
    """A stand-in round with the one setting a test chain reads."""

    def __init__(self, uses_second: bool):
        self.uses_second = uses_second


# A three-step chain made of existing statuses, to prove the resolution, not the product's steps.
FIRST = Step(StepKind.DEPARTMENT_REVIEW, entry=Status.SUBMITTED, statuses=frozenset({Status.SUBMITTED}))
SECOND = Step(
    "second", entry=Status.IN_REVIEW, statuses=frozenset({Status.IN_REVIEW}), used_by=lambda r: r.uses_second
)
THIRD = Step("third", entry=Status.RESUBMITTED, statuses=frozenset({Status.RESUBMITTED}))
STEPS = (FIRST, SECOND, THIRD)


def test_the_default_chain_is_the_department_review_ending_in_a_pass():
    round_ = DeclarationRound()
    assert [step.kind for step in chain.chain_of(round_)] == [StepKind.DEPARTMENT_REVIEW]
    assert chain.first_status(round_) == Status.SUBMITTED
    assert chain.status_after(round_, StepKind.DEPARTMENT_REVIEW) == Status.PASSED


def test_a_passed_step_leads_to_the_next_step_the_round_uses():
    assert chain.status_after(Round(uses_second=True), StepKind.DEPARTMENT_REVIEW, STEPS) == Status.IN_REVIEW
    assert chain.status_after(Round(uses_second=False), StepKind.DEPARTMENT_REVIEW, STEPS) == Status.RESUBMITTED
    assert chain.status_after(Round(uses_second=True), "third", STEPS) == chain.COMPLETED


def test_leaving_a_step_the_round_does_not_use_leads_to_the_next_step_it_uses():
    # A declaration left at a step the round stopped using still moves on, never into nowhere.
    assert chain.status_after(Round(uses_second=False), "second", STEPS) == Status.RESUBMITTED


def test_an_unknown_step_is_an_error():
    with pytest.raises(ValueError):
        chain.status_after(Round(uses_second=True), "fourth", STEPS)


def test_the_employer_step_comes_first_when_the_round_uses_it():
    round_ = DeclarationRound(uses_employer_step=True)
    assert [step.kind for step in chain.chain_of(round_)] == [StepKind.EMPLOYER_CHECK, StepKind.DEPARTMENT_REVIEW]
    assert chain.first_status(round_) == Status.EMPLOYER_REVIEW
    # Recommended by the employer: 单位已推荐, a status of the department's step.
    assert chain.status_after(round_, StepKind.EMPLOYER_CHECK) == Status.RECOMMENDED
    assert chain.step_of(Status.RECOMMENDED).kind == StepKind.DEPARTMENT_REVIEW
    assert Status.EMPLOYER_REVIEW in chain.statuses_before(StepKind.DEPARTMENT_REVIEW)
    assert Status.RECOMMENDED not in chain.statuses_before(StepKind.DEPARTMENT_REVIEW)


def test_the_first_status_is_the_first_used_step():
    steps = (SECOND, THIRD)
    assert chain.first_status(Round(uses_second=True), steps) == Status.IN_REVIEW
    assert chain.first_status(Round(uses_second=False), steps) == Status.RESUBMITTED


def test_each_review_status_belongs_to_the_department_step():
    for status in (Status.SUBMITTED, Status.IN_REVIEW, Status.RESUBMITTED):
        assert chain.step_of(status).kind == StepKind.DEPARTMENT_REVIEW
    for status in (Status.SIGNED_UP, Status.PASSED, Status.FAILED, Status.FINAL_FAILED):
        assert chain.step_of(status) is None
