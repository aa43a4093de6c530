"""What each status means, written out by hand (SPEC 6): lock, decisions, submission, released
results, the applicant's next step and its advice."""

from datetime import timedelta

import pytest
from django.utils import timezone

from declarations import workflow
from declarations.tests.factories import make_declaration, make_round
from declarations.workflow import PHASES, Status

pytestmark = pytest.mark.django_db

# status: locked, decidable, submission, released submissions (first / after a second declaration), submit
EXPECTED = {
    Status.SIGNED_UP: (False, False, 1, (0, None), "submit"),
    Status.EMPLOYER_REVIEW: (True, False, 1, (0, None), ""),
    # Not locked as a whole: the returned sections open (locks.profile_lock_reason).
    Status.EMPLOYER_RETURNED: (False, False, 1, (0, None), "correct"),
    Status.CORRECTION_EXPIRED: (False, False, 1, (0, None), ""),
    Status.RECOMMENDED: (True, False, 1, (0, None), ""),
    Status.SUBMITTED: (True, False, 1, (0, None), ""),
    Status.IN_REVIEW: (True, True, 1, (0, None), ""),
    Status.FAILED: (False, False, 1, (1, None), "resubmit"),
    Status.RESUBMITTED: (True, True, 2, (None, 1), ""),
    Status.PASSED: (False, False, 1, (1, 2), ""),
    Status.FINAL_FAILED: (False, False, 2, (None, 2), ""),
}


def test_every_status_has_a_phase():
    assert set(PHASES) == set(Status)


@pytest.mark.parametrize("status", list(Status))
def test_each_phase_is_what_the_spec_says(status):
    locked, decidable, submission, (first, second), submit = EXPECTED[status]
    phase = PHASES[status]
    assert (phase.locked, phase.decidable, phase.submission, phase.submit_transition) == (
        locked,
        decidable,
        submission,
        submit,
    )
    if first is not None:
        assert workflow.released_submissions(make_declaration(status=status)) == first
    if second is not None:
        declaration = make_declaration(status=status, resubmitted_at=timezone.now())
        assert workflow.released_submissions(declaration) == second
        assert workflow.submission_number(declaration) == 2


def test_the_status_groups_follow_the_phases():
    assert {
        Status.EMPLOYER_REVIEW,
        Status.RECOMMENDED,
        Status.SUBMITTED,
        Status.IN_REVIEW,
        Status.RESUBMITTED,
    } == workflow.LOCKED_STATUSES
    assert {Status.EMPLOYER_RETURNED} == workflow.CORRECTION_STATUSES
    assert {Status.IN_REVIEW, Status.RESUBMITTED} == workflow.DECIDABLE_STATUSES
    assert {Status.SIGNED_UP, Status.EMPLOYER_RETURNED, Status.FAILED} == workflow.SUBMITTABLE_STATUSES


def test_advice_names_the_deadline_of_the_next_step():
    declaration_round = make_round("signup")
    declaration = make_declaration(declaration_round=declaration_round)
    deadline = timezone.localtime(declaration_round.submission_ends_at)
    assert f"{deadline.year}年{deadline.month}月{deadline.day}日" in workflow.advice(declaration)


def test_advice_after_a_missed_second_declaration_says_the_year_is_over():
    declaration = make_declaration(declaration_round=make_round("closed"), status=Status.FAILED)
    assert "二次申报截止时间" in workflow.advice(declaration) and "已过" in workflow.advice(declaration)
    open_round = make_round("second")
    assert "已过" not in workflow.advice(make_declaration(declaration_round=open_round, status=Status.FAILED))


def test_a_second_declaration_in_review_is_told_to_wait_not_to_declare_again():
    declaration = make_declaration(declaration_round=make_round("second"), status=Status.RESUBMITTED)
    advice = workflow.advice(declaration)
    assert "等待审核" in advice
    assert "进行二次申报" not in advice


def test_advice_of_a_signed_up_declaration_past_the_deadline_says_so():
    declaration_round = make_round("review")
    declaration = make_declaration(declaration_round=declaration_round)
    assert "已过" in workflow.advice(declaration, now=declaration_round.submission_ends_at + timedelta(minutes=1))
