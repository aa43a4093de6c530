"""Row 1 of the security matrix: nobody but applicant A reaches A's data.

Every applicant-facing URL pattern (under APPLICANT_FACING_PREFIXES) has an entry in ROUTES,
filled with A's object ids, and is requested by applicant B, an editor (staff, not a reviewer)
and an anonymous visitor, with GET and POST. A URL pattern added without an entry fails
`test_every_applicant_facing_url_pattern_is_in_the_table`."""

import pytest
from django.urls import reverse

from .conftest import belongs_to, client_for, database_rows
from .routes import ROUTES
from .urlconf import applicant_facing

LOGIN_URL = reverse("accounts:login")

ROLES = ["applicant_b", "editor", "anonymous"]


def content(response) -> str:
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    headers = " ".join(f"{k}: {v}" for k, v in response.headers.items())
    return raw.decode("utf-8", errors="ignore") + headers


def test_every_applicant_facing_url_pattern_is_in_the_table():
    assert set(applicant_facing()) == set(ROUTES), "add the new URL pattern to ROUTES (and to the CSRF table)"


@pytest.mark.parametrize("name", [name for name, route in ROUTES.items() if route.owned])
def test_owner_reaches_her_own_objects(world, name):
    client = client_for(world.a)
    for filling in ROUTES[name].fillings(world):
        response = client.get(reverse(name, kwargs=filling.kwargs), filling.query)
        assert response.status_code == ROUTES[name].owner_status, (name, filling)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(ROUTES))
def test_nobody_else_reaches_or_changes_a_data(world, name, role):
    user = {"applicant_b": world.b, "editor": world.editor, "anonymous": None}[role]
    route = ROUTES[name]
    for filling in route.fillings(world):
        url = reverse(name, kwargs=filling.kwargs)
        for method in ("get", "post"):
            client = client_for(user)
            before = database_rows()
            if method == "get":
                first = client.get(url, filling.query)
            else:
                first = client.post(url + ("?" + "&".join(f"{k}={v}" for k, v in filling.query.items())), filling.data)
            where = f"{role} {method.upper()} {url} {filling}"
            page = content(first)
            if first.status_code in (301, 302):
                target = first["Location"]
                if user is None and route.owned:
                    assert target.startswith(LOGIN_URL), where
                if not target.startswith((LOGIN_URL, "/admin/")):  # neither shows anything of A's
                    page += content(client.get(target, follow=True))
            after = database_rows()

            sent = " ".join(str(v) for v in (*filling.data.values(), *filling.query.values()))
            for marker in world.markers:
                if marker in sent:  # a form may show back what the requester typed
                    continue
                assert marker not in page, f"{where}: shows {marker!r}"
            if route.owned:
                assert first.status_code in (302, 403, 404, 405), f"{where}: {first.status_code}"
            # Only the requester's own rows may change (B signing up, an editor's authenticator).
            changed = [key for key, values in before.items() if after.get(key) != values]
            assert [key for key in changed if not belongs_to(user, key, before[key])] == [], f"{where}: {changed}"
            new_rows = [key for key in after if key not in before]
            assert [key for key in new_rows if not belongs_to(user, key, after[key])] == [], f"{where}: {new_rows}"
            if route.owned:
                assert new_rows == [], f"{where}: created {new_rows}"
