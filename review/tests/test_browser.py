"""The key review screens in headless Chromium, on the demo data: the queue, the review view and
the applicant home after a failed release. Screenshots go to $SCREENSHOT_DIR (or a temp dir)."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from declarations.models import Declaration

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Chromium (scripts/system-packages.txt)"),
]


@pytest.fixture
def screenshots(tmp_path) -> Path:
    target = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    target.mkdir(parents=True, exist_ok=True)
    return target


@pytest.fixture
def browser(monkeypatch):
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API keeps an event loop in this thread; the test's own ORM calls are sync.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield chromium
        chromium.close()


def _page_as(browser, live_server, username: str):
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context.new_page()


def test_review_screens_in_chromium(live_server, browser, screenshots):
    call_command("seed_demo", "--force", stdout=open(os.devnull, "w"))  # noqa: SIM115
    in_review = Declaration.objects.get(applicant__username="demo_in_review")

    page = _page_as(browser, live_server, "demo_reviewer")
    page.goto(f"{live_server.url}/admin/declarations/declaration/")
    assert "孙审核" in page.content()
    assert "1401**********" in page.content()
    page.screenshot(path=screenshots / "review-queue.png", full_page=True)

    page.goto(f"{live_server.url}/admin/declarations/declaration/inspect/{in_review.pk}/")
    assert page.locator("text=复审：总体结论").count() == 1
    photo = page.locator(".review-file img").first
    assert photo.evaluate("img => img.complete && img.naturalWidth > 0")
    assert page.locator('.review-file object[type="application/pdf"]').count() >= 1
    page.screenshot(path=screenshots / "review-view.png", full_page=False)

    page = _page_as(browser, live_server, "demo_failed")
    page.goto(f"{live_server.url}/applicant/")
    assert "审核结果：审核未通过" in page.content()
    assert "论文所载刊物不在认定期刊目录内" in page.content()
    page.locator(".review-result").scroll_into_view_if_needed()
    page.screenshot(path=screenshots / "applicant-home-failed.png", full_page=True)
