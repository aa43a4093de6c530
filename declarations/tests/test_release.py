import pytest
from django.utils import timezone

from accounts.tests.factories import StaffFactory
from declarations import release
from declarations.locks import profile_lock_reason
from declarations.tests.factories import (
    make_declaration,
    make_round,
)
from declarations.workflow import IllegalTransition, Status

pytestmark = pytest.mark.django_db


def test_decision_stays_hidden_until_release_and_a_failure_unlocks_the_profile(applicant):
    reviewer = StaffFactory(group="审核人")
    declaration = make_declaration(applicant, make_round("review"), status=Status.IN_REVIEW)

    release.record_decision(declaration.pk, reviewer, "fail", "学历证书不清晰")
    declaration.refresh_from_db()
    assert declaration.status == Status.IN_REVIEW
    assert declaration.result_comment == ""
    assert profile_lock_reason(applicant)

    with pytest.raises(IllegalTransition, match="统一退回时间"):
        release.release_batch(declaration.round)

    released = release.release_batch(declaration.round, now=declaration.round.results_release_at)
    declaration.refresh_from_db()
    assert released.failed == [declaration.pk]
    assert (declaration.status, declaration.result_comment) == (Status.FAILED, "学历证书不清晰")
    assert profile_lock_reason(applicant) is None


def test_a_decision_before_the_review_started_is_refused(applicant):
    # The review app starts the review (a logged transition) before it records a decision.
    declaration = make_declaration(applicant, make_round("review"), status=Status.SUBMITTED)
    with pytest.raises(IllegalTransition, match="不能录入审核结论"):
        release.record_decision(declaration.pk, StaffFactory(group="审核人"), "pass")
    declaration.refresh_from_db()
    assert (declaration.status, declaration.pending_decision) == (Status.SUBMITTED, "")


def test_release_is_idempotent():
    declaration = make_declaration(declaration_round=make_round("second"), status=Status.IN_REVIEW)
    release.record_decision(declaration.pk, StaffFactory(group="审核人"), "pass")

    assert release.release_batch(declaration.round).passed == [declaration.pk]
    assert len(release.release_batch(declaration.round)) == 0
    assert declaration.transitions.filter(to_status=Status.PASSED).count() == 1


def test_a_resubmitted_declaration_that_fails_again_is_final():
    declaration = make_declaration(declaration_round=make_round("closed"), status=Status.RESUBMITTED)
    release.record_decision(declaration.pk, StaffFactory(group="审核人"), "fail", "业绩不足")

    release.release_batch(declaration.round, now=timezone.now())

    declaration.refresh_from_db()
    assert declaration.status == Status.FINAL_FAILED


def test_failing_without_a_comment_is_refused():
    declaration = make_declaration(declaration_round=make_round("review"), status=Status.IN_REVIEW)
    with pytest.raises(IllegalTransition, match="审核意见"):
        release.record_decision(declaration.pk, StaffFactory(group="审核人"), "fail", " ")


def test_applicant_cannot_record_a_decision(applicant):
    declaration = make_declaration(applicant, make_round("review"), status=Status.IN_REVIEW)
    with pytest.raises(IllegalTransition, match="无权"):
        release.record_decision(declaration.pk, applicant, "pass")
