import pytest

from home.tests.factories import make_home, make_index


@pytest.fixture
def listing(db):
    return make_index(make_home(), "通知公告", slug="tongzhi")
