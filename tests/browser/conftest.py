"""Headless Chromium (Debian's package) driven by Playwright against pytest-django's live server.

Screenshots of failing journeys are written to test-artifacts/.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make beside it
# are ordinary synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (scripts/test.sh installs it when run as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture
def open_page(browser, live_server, request):
    """Open a page in a browser context of its own: another person at another computer, with
    their own cookies. On failure every page opened is saved as a screenshot."""
    opened = []

    def open_page(person: str = ""):
        context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}, accept_downloads=True)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.base_url = live_server.url
        opened.append((person, context, page))
        return page

    yield open_page
    report = getattr(request.node, "rep_call", None)
    for person, context, page in opened:
        if report is not None and report.failed:
            ARTIFACTS.mkdir(exist_ok=True)
            name = f"{request.node.name}-{person}" if person else request.node.name
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        context.close()


@pytest.fixture
def page(open_page):
    return open_page()


def log_in(page, client, user) -> None:
    """Give the browser the session of `user` (a user or a username), as if they had logged in."""
    if isinstance(user, str):
        user = get_user_model().objects.get(username=user)
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": page.base_url}])


def restore_migrated_data() -> None:
    """Transactional tests flush the database, and with it what the migrations put there (the
    Wagtail root page and collection, the roles and their permissions, the reviewers' approval of
    employers among them): put them back."""
    import importlib

    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection, Locale, Page

    from review.tests.factories import restore_migrated_roles

    ContentType.objects.clear_cache()
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(title="Root", slug="root")
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")
    restore_migrated_roles()
    importlib.import_module("employers.migrations.0002_approve_permission").grant(apps, None)
