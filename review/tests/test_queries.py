"""The reviewer queue and the applicant home cost the same number of queries however many
declarations the database holds (bench/run.py measures their time at 1,000 and 10,000)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from declarations.workflow import Decision
from review.models import ReviewStage, StageReview
from review.tests.factories import make_round, reviewer, submitted_declaration

pytestmark = pytest.mark.django_db

QUEUE = "/admin/declarations/declaration/"


@pytest.fixture
def declaration_round():
    return make_round(("初审", "复审"))


def _add_declarations(declaration_round, count: int, decided_by=None) -> None:
    first_stage = ReviewStage.objects.get(round=declaration_round, order=1)
    for n in range(count):
        declaration = submitted_declaration(declaration_round)
        if decided_by is not None and n % 2:
            StageReview.objects.create(
                declaration=declaration, stage=first_stage, sequence=1, reviewer=decided_by, decision=Decision.PASS
            )


def _queries(client, url: str) -> int:
    client.get(url)  # first visits make one-off rows (the admin user profile, the session)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("query", ["", "?o=7", "?status__exact=submitted"])
def test_queue_queries_do_not_grow_with_declarations(client, declaration_round, query, django_assert_num_queries):
    user = reviewer(real_name="李审核")
    client.force_login(user)
    _add_declarations(declaration_round, 2, decided_by=user)
    small = _queries(client, QUEUE + query)

    _add_declarations(declaration_round, 23, decided_by=user)  # more than a page of 20

    with django_assert_num_queries(small):
        response = client.get(QUEUE + query)
    assert len(response.context["object_list"]) == 20


def test_applicant_home_queries_do_not_grow_with_other_declarations(
    client, declaration_round, django_assert_num_queries
):
    mine = submitted_declaration(declaration_round, real_name="张建国")
    client.force_login(mine.applicant)
    small = _queries(client, "/applicant/")

    _add_declarations(declaration_round, 10)

    with django_assert_num_queries(small):
        response = client.get("/applicant/")
    assert "张建国" in response.content.decode()
