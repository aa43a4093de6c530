"""Pages and downloads with personal data answer `Cache-Control: no-store` (to their owner, to
anyone else and to anonymous visitors alike); public notice pages stay cacheable."""

import pytest
from django.urls import reverse

from home.tests.factories import make_home, make_index, make_notice

from .conftest import client_for
from .routes import ROUTES
from .test_admin_views import objects, our_admin_urls  # noqa: F401 (objects is a fixture)

pytestmark = pytest.mark.django_db


def no_store(response) -> bool:
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"no-store", "private"} <= directives and "public" not in directives


def test_every_applicant_facing_url_answers_no_store(world):
    wrong = []
    for role, user in (("owner", world.a), ("applicant_b", world.b), ("anonymous", None)):
        client = client_for(user)
        for name, route in ROUTES.items():
            for filling in route.fillings(world):
                url = reverse(name, kwargs=filling.kwargs)
                response = client.get(url, filling.query)
                if not no_store(response):
                    wrong.append(f"{role} GET {url}: {response.status_code} {response.get('Cache-Control')!r}")
    assert wrong == []


def test_the_owners_pdf_zip_and_private_file_answer_no_store(world):
    client = client_for(world.a)
    for url in (
        reverse("declarations:declaration-pdf", kwargs={"pk": world.released.pk}),
        reverse("declarations:declaration-zip", kwargs={"pk": world.released.pk}),
        reverse("declarations:private-file", kwargs={"file_id": world.private_file.pk}),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert no_store(response), (url, response.get("Cache-Control"))


def test_the_reviewers_admin_pages_answer_no_store(objects):  # noqa: F811
    from accounts.tests.factories import StaffFactory

    client = client_for(StaffFactory(group="审核人"))
    reached = []
    for name, path in our_admin_urls(objects):
        response = client.get(path)
        if response.status_code == 200:
            reached.append(name)
            assert no_store(response), (name, path, response.get("Cache-Control"))
    assert "declarations_declaration_modeladmin_inspect" in reached
    assert "review-export-round" in reached


def test_public_notice_pages_stay_cacheable(client):
    home = make_home()
    listing = make_index(home, "通知公告", slug="tongzhi")
    notice = make_notice(listing, "公开的通知")
    for url in ("/", listing.url, notice.url, "/api/v2/pages/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" not in response.get("Cache-Control", ""), url
        assert getattr(response, "anonymous_cacheable", False), url
