"""Row 2 of the security matrix: every POST endpoint refuses a request without a CSRF token.

The applicant-facing endpoints come from the URLconf (the same table as the access tests), as
applicant A (whose data a forged request would change) and as an anonymous visitor; the
Wagtail admin login and the admin API are added by hand. No view of the whole URLconf skips the
check except Django REST framework's, which check it themselves for session-authenticated users."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.views import APIView

from accounts.tests.conftest import CAPTCHA_OK
from accounts.tests.factories import DEFAULT_PASSWORD, StaffFactory

from .conftest import database_rows
from .routes import ROUTES
from .urlconf import applicant_facing, walk


def forging_client(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("who", ["applicant_a", "anonymous"])
@pytest.mark.parametrize("name", sorted(applicant_facing()))
def test_post_without_csrf_token_is_refused(world, name, who):
    user = world.a if who == "applicant_a" else None
    client = forging_client(user)
    for filling in ROUTES[name].fillings(world):
        before = database_rows()
        response = client.post(reverse(name, kwargs=filling.kwargs), filling.data)
        assert response.status_code == 403, (name, filling)
        assert database_rows() == before


def test_the_same_post_with_its_token_is_accepted(world):
    """The refusals above are the CSRF check's, not the views': with the token, logout works."""
    client = forging_client(world.a)
    client.get(reverse("declarations:home"))
    response = client.post(reverse("accounts:logout"), {"csrfmiddlewaretoken": client.cookies["csrftoken"].value})
    assert response.status_code == 302


@pytest.mark.django_db
def test_wagtail_admin_login_without_csrf_token_is_refused():
    staff = StaffFactory()
    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": staff.username, "password": DEFAULT_PASSWORD, **CAPTCHA_OK})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_wagtail_admin_api_action_without_csrf_token_is_refused():
    from wagtail.models import Page

    client = forging_client(StaffFactory(is_superuser=True))
    page = Page.objects.get(depth=2)
    response = client.post(f"/admin/api/main/pages/{page.pk}/action/copy/", {"destination_page_id": 1})
    assert response.status_code == 403
    assert Page.objects.filter(title=page.title).count() == 1


def test_only_rest_framework_views_skip_the_middleware_check():
    exempt = [
        (route, name)
        for route, name, callback in walk()
        if getattr(callback, "csrf_exempt", False) and not issubclass(getattr(callback, "cls", object), APIView)
    ]
    assert exempt == []
