"""Section pages and the applicant home run a bounded number of queries, whatever the entries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from declarations.models import PrivateFile
from declarations.samples import ENTRY_DATA
from declarations.sections import SECTIONS, get_section

from .samples import make_entries

pytestmark = pytest.mark.django_db

# Measured: 6 on each page (session, user, savepoints, one query for the entries with their
# files, one query of a count per section for the home summary). The headroom is for the lock check and the
# declaration status, which the declarations workflow adds; neither may grow with the entries.
# Up to two more for the navigation and footer of base.html: the public pages' cache generation
# (a row in the database with the embedded local-memory cache, home.cache) and, until cached, the
# footer's site settings.
SECTION_PAGE_QUERIES = 12
HOME_QUERIES = 12


def _with_files(user, key: str, count: int) -> None:
    model = get_section(key).model
    for entry in make_entries(user, key, count):
        for name in model.file_field_names():
            stored = PrivateFile.objects.create(
                owner=user, file="x.pdf", original_name="x.pdf", content_type="application/pdf", size=1, sha256=""
            )
            setattr(entry, name, stored)
        entry.save()


@pytest.mark.parametrize("count", [1, 25])
def test_section_page_queries_do_not_grow_with_entries(
    applicant_client, applicant, count, django_assert_max_num_queries
):
    _with_files(applicant, "education", count)
    with django_assert_max_num_queries(SECTION_PAGE_QUERIES):
        response = applicant_client.get(reverse("declarations:section", args=["education"]))
    assert response.content.decode().count('name="ids"') == count


@pytest.mark.parametrize("count", [1, 25])
def test_applicant_home_queries_do_not_grow_with_entries(
    applicant_client, applicant, count, django_assert_max_num_queries
):
    for key in ENTRY_DATA:
        _with_files(applicant, key, count)
    with django_assert_max_num_queries(HOME_QUERIES):
        response = applicant_client.get(reverse("declarations:home"))
    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 25])
def test_basic_info_page_queries_are_bounded(applicant_client, applicant, count, django_assert_max_num_queries):
    for key in ENTRY_DATA:
        make_entries(applicant, key, count)
    with django_assert_max_num_queries(SECTION_PAGE_QUERIES):
        response = applicant_client.get(reverse("declarations:basic-info"))
    assert response.status_code == 200


def test_home_summary_counts_every_section_in_one_query_without_a_union(applicant_client, applicant):
    for key in ENTRY_DATA:
        make_entries(applicant, key, 2)

    with CaptureQueriesContext(connection) as queries:
        response = applicant_client.get(reverse("declarations:home"))

    summary = {item["section"].key: item["count"] for item in response.context["profile_summary"]}
    assert summary == {section.key: 2 if section.key in ENTRY_DATA else 0 for section in SECTIONS}
    assert not [q for q in queries if "UNION" in q["sql"].upper()]
    counting = [q for q in queries if q["sql"].count("COUNT(*)") >= len(SECTIONS)]
    assert len(counting) == 1
