"""SITE_NAME is the one place the system's name is written: every page title and the header read it."""

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NAME = "某省建设工程职称系统"


@pytest.fixture(autouse=True)
def _site_name(settings):
    settings.SITE_NAME = NAME


@pytest.mark.parametrize(
    "url",
    [reverse("accounts:login"), reverse("accounts:register"), reverse("accounts:password-reset"), "/no-such-page/"],
)
def test_public_pages_show_the_configured_site_name(client, url):
    html = client.get(url).content.decode()
    assert f"- {NAME}</title>" in html
    assert f'<span class="site-brand__name">{NAME}</span>' in html
    assert "申报评审系统" not in html


def test_applicant_area_title_carries_the_configured_site_name(client):
    client.force_login(UserFactory())
    html = client.get(reverse("declarations:home")).content.decode()
    assert f"- {NAME}</title>" in html
