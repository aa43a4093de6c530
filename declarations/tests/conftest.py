import pytest

from accounts.tests.factories import StaffFactory, UserFactory
from declarations import services
from declarations.tests.factories import make_complete_profile, make_round


@pytest.fixture
def applicant(db):
    return UserFactory(real_name="张建国")


@pytest.fixture
def other_applicant(db):
    return UserFactory()


@pytest.fixture
def applicant_client(client, applicant):
    client.force_login(applicant)
    return client


@pytest.fixture
def reviewer(db):
    return StaffFactory(group="Reviewers")


@pytest.fixture
def locked_profile(monkeypatch):
    """The declarations workflow says the profile is locked."""
    reason = "您的申报已提交，审核结果公布前不能修改个人信息。"
    monkeypatch.setattr("declarations.locks.profile_lock_reason", lambda user: reason)
    return reason


@pytest.fixture
def open_round(db):
    return make_round("signup")


@pytest.fixture
def declaration(applicant, open_round):
    make_complete_profile(applicant)
    return services.sign_up(applicant, open_round.pk, open_round.titles.get().pk)
