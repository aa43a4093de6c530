"""The seeded public pages in headless Chromium: four panels side by side, two by two when narrow
(a 390 px phone too), one column only on the narrowest phones; a notice reads as an article, not
as a warning."""

import pytest

from home import demo

from .conftest import restore_migrated_data


@pytest.fixture(autouse=True)
def _seeded_site(live_server, settings, db):
    settings.WAGTAILAPI_BASE_URL = live_server.url
    restore_migrated_data()
    demo.seed(None)


def _panel_rows(page) -> list[int]:
    boxes = [panel.bounding_box() for panel in page.locator(".home-panel").all()]
    return sorted({round(box["y"]) for box in boxes})


@pytest.mark.django_db(transaction=True)
def test_homepage_shows_four_panels_in_a_row_and_two_by_two_when_narrow(page, live_server, tmp_path):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/")
    assert page.locator(".home-panel").count() == 4
    assert len(_panel_rows(page)) == 1
    page.screenshot(path=tmp_path / "home-wide.png", full_page=True)

    for width in (600, 390, 360):
        page.set_viewport_size({"width": width, "height": 900})
        page.reload()
        assert len(_panel_rows(page)) == 2, width
        assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.set_viewport_size({"width": 320, "height": 900})
    page.reload()
    assert len(_panel_rows(page)) == 4


@pytest.mark.django_db(transaction=True)
def test_a_notice_is_drawn_as_a_neutral_article_and_a_warning_keeps_its_warning_style(page, live_server):
    page.goto(live_server.url + "/")
    page.locator(".home-panel .notice-list__title").first.click()
    article = page.locator("article")
    style = article.evaluate("e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).color]")
    assert style == ["rgb(255, 255, 255)", "rgb(34, 34, 34)"]  # white card, body text (not cream and brown)

    # The warning style itself is unchanged for real warnings (the profile lock message).
    page.set_content(
        f'<link rel="stylesheet" href="{live_server.url}/static/css/site.css"><p class="notice">已锁定</p>'
    )
    warning = page.locator("p.notice").evaluate("e => getComputedStyle(e).backgroundColor")
    assert warning == "rgb(255, 246, 229)"


@pytest.mark.django_db(transaction=True)
def test_visitor_goes_from_a_panel_to_a_notice_downloads_its_attachment_and_searches_in_chinese(page, live_server):
    page.goto(live_server.url + "/")
    page.locator("a.home-panel__more", has_text="通知公告").click()
    assert page.locator("h1").inner_text() == "通知公告"

    page.get_by_role("link", name="查看：山西省建设工程专业技术职务评审通知").click()
    assert page.locator("h1").inner_text() == "山西省建设工程专业技术职务评审通知"
    with page.expect_download() as download:
        page.get_by_role("link", name="2026年度职称评审工作通知（全文）").click()
    assert download.value.suggested_filename == "pingshen-tongzhi-2026.pdf"
    assert download.value.path().read_bytes().startswith(b"%PDF-")

    # Search in Chinese from the header: a word inside a longer run of characters is found.
    page.get_by_label("站内搜索").fill("技术职务")
    page.get_by_role("button", name="搜索").click()
    page.wait_for_url("**/search/?q=*")
    assert page.get_by_role("link", name="山西省建设工程专业技术职务评审通知").count() >= 1
