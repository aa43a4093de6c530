"""Security headers on every kind of page (public, applicant-facing, admin, API, health)."""

import pytest

pytestmark = pytest.mark.django_db

PAGES = ["/", "/accounts/login/", "/health/", "/api/v2/pages/", "/admin/login/", "/no-such-page/"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_sends_the_security_headers(client, path):
    response = client.get(path)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "Content-Security-Policy" in response
    assert "object-src" in response["Content-Security-Policy"]


@pytest.mark.parametrize("path", ["/", "/accounts/login/"])
def test_public_pages_allow_no_inline_script_and_no_framing(client, path):
    response = client.get(path)
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert policy["script-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"


def test_admin_policy_lets_wagtail_widgets_and_preview_work(client):
    policy = client.get("/admin/login/")["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy
    assert "frame-ancestors 'self'" in policy


def test_hsts_is_sent_over_https_with_production_values(client, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get("/health/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
