"""What every public page carries around its content: the page title, the favicon and the footer
a government site shows (site identification code, ICP filing, contact), edited as site settings."""

import re

from django.conf import settings
from wagtail.models import Site

from home.models import SiteFooterSettings
from home.tests.factories import make_home, make_notice


def _title(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1).strip()


def test_homepage_title_names_the_system_once(client, home):
    assert _title(client.get("/")) == settings.SITE_NAME


def test_a_notice_title_is_the_notice_then_the_system(client, listing):
    notice = make_notice(listing, "评审工作通知")

    assert _title(client.get(notice.url)) == f"评审工作通知 - {settings.SITE_NAME}"


def test_favicon_is_served_at_the_site_root(client, db):
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] in ("image/x-icon", "image/vnd.microsoft.icon")
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file


def test_footer_shows_the_site_settings_the_administrator_entered(client, home):
    SiteFooterSettings.objects.create(
        site=Site.objects.get(is_default_site=True),
        organizer="山西省住房和城乡建设厅",
        site_code="1400000012",
        icp_number="晋ICP备05001234号",
        police_number="晋公网安备 14010502000001号",
        phone="0351-3580000",
        email="zcps@example.gov.cn",
    )

    html = client.get("/").content.decode()

    assert "主办单位：山西省住房和城乡建设厅" in html
    assert "网站标识码：1400000012" in html
    assert '<a href="https://beian.miit.gov.cn/" rel="noopener" target="_blank">晋ICP备05001234号</a>' in html
    assert "晋公网安备 14010502000001号" in html
    assert "咨询电话：0351-3580000" in html and "mailto:zcps@example.gov.cn" in html


def test_a_page_without_saved_settings_shows_the_defaults_and_writes_nothing(client, home):
    html = client.get("/").content.decode()

    assert "主办单位：省住房和城乡建设厅" in html and "网站标识码" not in html
    assert not SiteFooterSettings.objects.exists()


def test_changing_the_footer_settings_refreshes_cached_pages(client, listing):
    make_home()
    footer = SiteFooterSettings.objects.create(site=Site.objects.get(is_default_site=True))
    assert "晋ICP备" not in client.get(listing.url).content.decode()

    footer.icp_number = "晋ICP备05001234号"
    footer.save()

    assert "晋ICP备05001234号" in client.get(listing.url).content.decode()


def test_administrators_edit_the_footer_in_the_settings_menu(admin_client, home):
    site = Site.objects.get(is_default_site=True)
    response = admin_client.get(f"/admin/settings/home/sitefootersettings/{site.pk}/")

    assert response.status_code == 200
    assert "网站标识码" in response.content.decode() and "ICP备案号" in response.content.decode()
