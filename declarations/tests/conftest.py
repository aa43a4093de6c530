import pytest

from accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from declarations.tests.factories import make_complete_profile, make_declaration, make_round


@pytest.fixture
def applicant(db):
    return UserFactory(real_name="张建国")


@pytest.fixture
def applicant_client(client, applicant):
    assert client.login(username=applicant.username, password=DEFAULT_PASSWORD)
    return client


@pytest.fixture
def open_round(db):
    return make_round("signup")


@pytest.fixture
def declaration(applicant, open_round):
    make_complete_profile(applicant)
    return make_declaration(applicant, open_round)
