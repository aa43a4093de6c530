"""Every word a Chinese editor, reviewer or administrator reads in the admin is Chinese: the
rendered admin pages of each role, built on the demo site, hold no Latin word outside a short
allow-list (abbreviations and names that are written in Latin letters in Chinese too)."""

import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Site

from accounts.models import SmsMessage
from accounts.sms.services import queue_sms
from declarations.models import Declaration, DeclarationRound
from employers.models import Employer

pytestmark = pytest.mark.django_db

# Written in Latin letters in Chinese text too.
ALLOWED = {
    *("PDF", "XLSX", "ZIP", "JPG", "JPEG", "PNG", "GIF", "Word", "Excel", "JavaScript"),
    *("ICP", "ID", "IP", "URL", "API", "TOTP", "SMS", "ISSN", "CN"),
}
# The demo data itself holds Latin text (example addresses, file names, certificate numbers):
# not the admin's words.
DEMO_TEXT = re.compile(
    r"\b[0-9A-HJ-NP-RTUW-Y]{18}\b|[\w.+-]+@[\w.-]+|[\w.-]+\.(?:pdf|png|jpe?g|gif|docx?|xlsx?)\b|https?://\S+|demo_\w+|\b[A-Z]{1,4}\d{4,}\b",
    re.I,
)
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# What a person reads of an element besides its text.
READ_ATTRIBUTES = {"placeholder", "title", "aria-label", "alt"}
NOT_READ = {"script", "style", "svg", "template"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class VisibleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: list[str] = []

    def handle_starttag(self, tag, attrs):
        # Not shown: scripts, icons, templates, and elements marked hidden.
        if tag not in VOID and (tag in NOT_READ or self.skipping or any(name == "hidden" for name, _ in attrs)):
            self.skipping.append(tag)
            return
        if not self.skipping:
            self.parts += [value or "" for name, value in attrs if name in READ_ATTRIBUTES]

    def handle_startendtag(self, tag, attrs):
        if not self.skipping:
            self.parts += [value or "" for name, value in attrs if name in READ_ATTRIBUTES]

    def handle_endtag(self, tag):
        # An element left open inside a skipped one must not hide the rest of the page.
        if tag in self.skipping:
            while self.skipping.pop() != tag:
                pass

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def visible_text(page: str) -> str:
    parser = VisibleText()
    parser.feed(page)
    return " ".join(parser.parts)


def latin_words(page: str) -> set[str]:
    text = DEMO_TEXT.sub(" ", visible_text(page))
    return {word for word in LATIN_WORD.findall(text) if word not in ALLOWED}


def pages_of(role: str) -> list[str]:
    home = Site.objects.get(is_default_site=True).root_page
    notice = Page.objects.filter(depth=4).live().first()
    listing = notice.get_parent()
    declaration = Declaration.objects.filter(status__in=["submitted", "in_review"]).order_by("pk").first()
    declaration_round = DeclarationRound.objects.order_by("pk").first()
    common = ["/admin/", "/admin/account/"]
    return {
        "editor": [
            *common,
            "/admin/pages/",
            f"/admin/pages/{home.pk}/",
            f"/admin/pages/{listing.pk}/",
            f"/admin/pages/{notice.pk}/edit/",
            f"/admin/pages/add/home/noticepage/{listing.pk}/",
            f"/admin/pages/{notice.pk}/history/",
            "/admin/documents/",
            "/admin/images/",
            "/admin/pages/search/?q=评审",
        ],
        "reviewer": [
            *common,
            "/admin/declarations/declaration/",
            f"/admin/declarations/declaration/inspect/{declaration.pk}/",
            "/admin/review/rounds/",
            "/admin/review/reviewstage/",
            "/admin/employers/employer/",
            f"/admin/employers/employer/inspect/{Employer.objects.order_by('status').first().pk}/",
        ],
        "administrator": [
            *common,
            "/admin/users/",
            "/admin/groups/",
            "/admin/workflows/list/",
            "/admin/workflows/tasks/index/",
            f"/admin/settings/home/sitefootersettings/{home.get_site().pk}/",
            "/admin/review/rounds/",
            f"/admin/review/rounds/{declaration_round.pk}/release/",
            "/admin/snippets/declarations/declarationround/",
            "/admin/snippets/workdays/calendarday/",
            "/admin/accounts/sms/",
            f"/admin/accounts/sms/inspect/{SmsMessage.objects.order_by('pk').first().pk}/",
            "/admin/accounts/audit/",
        ],
    }[role]


USERS = {"editor": "demo_editor", "reviewer": "demo_reviewer", "administrator": "demo_admin"}


def test_admin_pages_of_every_role_hold_no_english(client, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    settings.DEBUG = False
    queue_sms("+8613800000004", "review_passed", {"name": "吴通过", "title": "工程师"})
    queue_sms("+8613800000004", "verification_code", {"code": "123456", "minutes": 5})
    found: dict[str, set[str]] = {}

    login = client.get("/admin/login/")
    found["/admin/login/ (anonymous)"] = latin_words(login.content.decode())
    for role, username in USERS.items():
        client.force_login(get_user_model().objects.get(username=username))
        for url in pages_of(role):
            response = client.get(url)
            assert response.status_code == 200, (role, url, response.status_code)
            page = response.content.decode()
            # The scan reads the page: a parser that skipped it all would find nothing wrong.
            assert len(re.findall(r"[\u4e00-\u9fff]", visible_text(page))) > 20, (role, url)
            words = latin_words(page)
            if words:
                found[f"{url} ({role})"] = words
        client.logout()

    assert {url: words for url, words in found.items() if words} == {}


def test_the_project_catalogue_is_compiled_from_its_po_file():
    """The committed .mo holds every entry of locale/zh_Hans/LC_MESSAGES/django.po."""
    from pathlib import Path

    from django.conf import settings
    from django.utils import translation

    po = (Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    singular = re.findall(r'^msgid "(.+)"\nmsgstr "(.+)"$', po, re.M)
    plural = re.findall(r'^msgid "(.+)"\nmsgid_plural ".+"\nmsgstr\[0\] "(.+)"$', po, re.M)
    assert len(singular) + len(plural) > 50
    unescape = lambda text: text.replace('\\"', '"')  # noqa: E731
    with translation.override("zh-hans"):
        for msgid, msgstr in singular:
            assert translation.gettext(unescape(msgid)) == unescape(msgstr)
        for msgid, msgstr in plural:
            assert translation.ngettext(unescape(msgid), "-", 1) == unescape(msgstr)
