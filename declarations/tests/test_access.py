import re

import pytest
from django.test import Client
from django.urls import reverse

from accounts.tests.factories import StaffFactory

from .samples import make_entries

pytestmark = pytest.mark.django_db

APPLICANT_PAGES = ["/applicant/", "/applicant/profile/basic-info/", "/applicant/profile/work-experience/"]


@pytest.mark.parametrize("path", APPLICANT_PAGES)
def test_anonymous_visitor_is_sent_to_login_with_next(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={path}"


@pytest.mark.parametrize("path", APPLICANT_PAGES)
def test_staff_are_sent_to_the_admin(client, path):
    client.force_login(StaffFactory(group="审核人"))
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_applicant_home_shows_navigation_name_and_logout(applicant_client, applicant):
    response = applicant_client.get("/applicant/")
    assert response.status_code == 200
    html = response.content.decode()
    assert applicant.real_name in html
    assert "退出" in html
    for label in ("首页", "职称管理", "职称申报", "我申报的", "个人信息", "主要工作经历", "业绩成果"):
        assert label in html


def test_applicant_home_summarises_profile_completeness(applicant_client):
    response = applicant_client.get("/applicant/")
    html = response.content.decode()
    assert "个人信息填写情况" in html
    assert "0 / 7" in html
    assert "未填写" in html


def test_unknown_section_is_404(applicant_client):
    assert applicant_client.get("/applicant/profile/no-such-section/").status_code == 404


def test_basic_info_has_no_table_urls(applicant_client):
    assert applicant_client.get("/applicant/profile/basic-info/add/").status_code == 404


def test_applicant_home_counts_only_own_entries_per_section(applicant_client, applicant, other_applicant):
    make_entries(applicant, "work-experience", 2)
    make_entries(applicant, "education", 1)
    make_entries(other_applicant, "work-experience", 5)
    summary = {
        item["section"].key: item["count"] for item in applicant_client.get("/applicant/").context["profile_summary"]
    }
    assert summary["work-experience"] == 2
    assert summary["education"] == 1
    assert summary["papers"] == 0
    html = applicant_client.get("/applicant/").content.decode()
    assert "2 / 7" in html


def test_logout_button_in_the_applicant_area_works_with_csrf_checks(applicant):
    client = Client(enforce_csrf_checks=True)
    client.force_login(applicant)
    html = client.get("/applicant/").content.decode()
    form = html[html.index('class="user-area__logout"') :]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    response = client.post(reverse("accounts:logout"), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert client.get("/applicant/").status_code == 302  # logged out: sent to the login page
