import pytest

from home.tests.factories import make_home, make_index


@pytest.fixture
def home(db):
    return make_home()


@pytest.fixture
def listing(home):
    return make_index(home, "通知公告", slug="tongzhi")
