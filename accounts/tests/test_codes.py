import pytest

from accounts import codes
from accounts.models import VerificationCode
from accounts.tests.conftest import sent_codes
from tests.concurrency import run_together

PHONE = "+8613800138000"


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


def issue() -> str:
    codes.request_code(PHONE, codes.Purpose.PASSWORD_RESET, ip="10.0.0.1")
    [code] = sent_codes(PHONE)
    return code


@pytest.mark.django_db
def test_code_for_one_purpose_does_not_work_for_another():
    code = issue()

    with pytest.raises(codes.CodeInvalid):
        codes.check_code(PHONE, codes.Purpose.REGISTER, code)
    assert codes.check_code(PHONE, codes.Purpose.PASSWORD_RESET, code).used_at is not None


@pytest.mark.django_db
def test_used_code_cannot_be_used_again():
    code = issue()
    codes.check_code(PHONE, codes.Purpose.PASSWORD_RESET, code)

    with pytest.raises(codes.CodeInvalid):
        codes.check_code(PHONE, codes.Purpose.PASSWORD_RESET, code)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_wrong_guesses_are_all_counted_and_stop_at_five():
    code = issue()

    results = run_together(lambda: codes.check_code(PHONE, codes.Purpose.PASSWORD_RESET, wrong(code)), 8)

    assert all(isinstance(result, codes.CodeInvalid) for result in results)
    assert VerificationCode.objects.get().failed_attempts == 5
    with pytest.raises(codes.CodeInvalid):
        codes.check_code(PHONE, codes.Purpose.PASSWORD_RESET, code)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_uses_of_one_code_succeed_once():
    code = issue()

    results = run_together(lambda: codes.check_code(PHONE, codes.Purpose.PASSWORD_RESET, code), 4)

    assert sum(isinstance(result, VerificationCode) for result in results) == 1
