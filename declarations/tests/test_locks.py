import pytest

from declarations.locks import ProfileLocked, assert_profile_editable, profile_lock_reason
from declarations.tests.factories import (
    make_declaration,
)
from declarations.workflow import Status

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.IN_REVIEW, Status.RESUBMITTED])
def test_profile_is_locked_from_submission_until_release(applicant, status):
    make_declaration(applicant, status=status)

    assert "冻结" in profile_lock_reason(applicant)
    with pytest.raises(ProfileLocked):
        assert_profile_editable(applicant)


@pytest.mark.parametrize("status", [Status.SIGNED_UP, Status.FAILED, Status.PASSED, Status.FINAL_FAILED])
def test_profile_is_editable_outside_review(applicant, status):
    make_declaration(applicant, status=status)
    assert profile_lock_reason(applicant) is None
    assert_profile_editable(applicant)
