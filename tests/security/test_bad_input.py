"""Row 12 of the security matrix: malformed input is the client's error (400 or 404), never a 500.

Every query parameter of the Wagtail API endpoints and of our admin list views is filled with NUL
bytes, numbers past bigint, negative numbers and values of the wrong type."""

import re
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.test import Client

from accounts.tests.conftest import CAPTCHA_OK
from accounts.tests.factories import StaffFactory
from config.api import api_router
from tests.security.test_admin_views import objects, our_admin_urls  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

BAD_VALUES = ["\x00", "a\x00b", "9" * 30, "-1", "-" + "9" * 30, "abc", "1.5", "2026-13-45", "[]"]
# Parameters every admin list view reads, whether or not its page links to them.
ADMIN_LIST_PARAMETERS = {"q", "p", "o", "page", "ordering", "export", "status", "submitted_at__gte"}


def api_endpoints() -> list[tuple[str, set[str]]]:
    endpoints = []
    for name, viewset in api_router._endpoints.items():
        parameters = set(viewset.known_query_parameters) | set(viewset.find_query_parameters)
        parameters |= set(viewset.get_available_fields(viewset.model, db_fields_only=True))
        endpoints += [(f"/api/v2/{name}/", parameters), (f"/api/v2/{name}/find/", parameters)]
    return endpoints


def admin_list_parameters(html: str) -> set[str]:
    """The parameters a list page's filter forms and its links (filters, ordering, pages) send."""
    names = set(re.findall(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"', html))
    for query in re.findall(r'href="[^"]*\?([^"#]+)', html):
        names |= {pair.split("=", 1)[0] for pair in query.replace("&amp;", "&").split("&")}
    return (names | ADMIN_LIST_PARAMETERS) - {"csrfmiddlewaretoken", "next"}


def failures(client: Client, path: str, parameters: set[str]) -> list[str]:
    wrong = []
    for parameter in sorted(parameters):
        for value in BAD_VALUES:
            response = client.get(path, {parameter: value})
            if response.status_code >= 500:
                wrong.append(f"{path}?{parameter}={value!r}: {response.status_code}")
    return wrong


@pytest.mark.parametrize(("path", "parameters"), api_endpoints())
def test_bad_values_in_any_api_parameter_are_not_a_server_error(path, parameters):
    assert failures(Client(raise_request_exception=False), path, parameters) == []


def test_bad_values_in_any_admin_list_parameter_are_not_a_server_error(objects):  # noqa: F811
    client = Client(raise_request_exception=False)
    client.force_login(StaffFactory(is_superuser=True))
    lists = [path for name, path in our_admin_urls(objects) if re.search(r"(_index|:list|:index)$", name)]
    assert len(lists) >= 6
    wrong = []
    for path in lists:
        page = client.get(path)
        assert page.status_code == 200, path
        wrong += failures(client, path, admin_list_parameters(page.content.decode()))
    assert wrong == [], "\n".join(wrong)


@pytest.mark.parametrize("instance_pk", ["abc", "1.5", "9" * 30, "-1"])
def test_a_malformed_id_in_the_inspect_url_is_not_found(objects, instance_pk):  # noqa: F811
    client = Client(raise_request_exception=False)
    client.force_login(StaffFactory(is_superuser=True))
    assert client.get(f"/admin/declarations/declaration/inspect/{instance_pk}/").status_code == 404


@pytest.mark.parametrize("encode", [urlencode, None])
def test_a_nul_byte_in_a_form_value_is_refused(encode):
    client = Client(raise_request_exception=False, enforce_csrf_checks=True)
    client.get("/accounts/login/")
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    data = {"account": "138\x00", "password": "x", "csrfmiddlewaretoken": token, **CAPTCHA_OK}
    if encode:
        response = client.post("/accounts/login/", encode(data), content_type="application/x-www-form-urlencoded")
    else:
        response = client.post("/accounts/login/", data)  # multipart
    assert response.status_code == 400
