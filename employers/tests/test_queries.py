"""The officer's queue and check page cost the same number of queries whatever the number of
declarations (asserted at two sizes)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from employers.tests.factories import declaration_at_employer, employer_round

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_queue_and_the_check_page_do_not_grow_with_the_declarations(
    client, officer, django_assert_max_num_queries
):
    declaration_round = employer_round()
    first = declaration_at_employer(officer.employer, declaration_round)
    client.force_login(officer.user)
    queue = reverse("employers:queue")
    page = reverse("employers:declaration", args=[first.pk])
    client.get(queue)  # the first page of all reads the footer's site settings, cached afterwards
    small = (_queries(client, queue), _queries(client, page))
    for _ in range(6):
        declaration_at_employer(officer.employer, declaration_round)
    large = (_queries(client, queue), _queries(client, page))
    assert large == small
    with django_assert_max_num_queries(small[0]):
        client.get(queue)
    with django_assert_max_num_queries(small[1]):
        client.get(page)
    assert small[0] <= 15 and small[1] <= 25, small
