import pytest

from accounts.tests.conftest import CAPTCHA_OK, sent_codes  # noqa: F401 (used by the tests)
from employers.tests.factories import employer_round, make_employer, make_officer


@pytest.fixture
def employer(db):
    return make_employer()


@pytest.fixture
def officer(employer):
    return make_officer(employer, real_name="王经办")


@pytest.fixture
def other_officer(db):
    return make_officer(make_employer(name="另一建设有限公司"), real_name="赵他人")


@pytest.fixture
def round_with_employer_step(db):
    return employer_round()
