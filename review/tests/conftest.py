import pytest

from review.tests.factories import make_round


@pytest.fixture
def two_stage_round():
    return make_round(("初审", "复审"))


@pytest.fixture
def stage(two_stage_round):
    """`stage(1)`: the round's 初审, `stage(2)` its 复审."""
    return lambda order: two_stage_round.review_stages.get(order=order)
