import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from accounts.tests.factories import StaffFactory
from declarations.models import DeclarationRound, TitleCatalogue
from declarations.tests.factories import make_round

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "label"),
    [
        ("/admin/snippets/declarations/titlecatalogue/", "职称目录"),
        ("/admin/snippets/declarations/declarationround/", "申报批次"),
        ("/admin/snippets/declarations/declarationround/add/", "审核结果统一退回时间"),
    ],
)
def test_catalogue_and_rounds_are_snippets_with_chinese_labels(client, url, label):
    make_round("signup")
    client.force_login(StaffFactory(is_superuser=True))

    response = client.get(url)

    assert response.status_code == 200
    assert label in response.content.decode()


def test_round_dates_must_follow_each_other():
    declaration_round = make_round("signup")
    declaration_round.results_release_at = declaration_round.signup_starts_at

    with pytest.raises(ValidationError, match="不能早于"):
        declaration_round.full_clean()


def test_seed_demo_builds_the_catalogue_and_an_open_round_once(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())

    assert TitleCatalogue.objects.count() == 28
    assert set(TitleCatalogue.objects.values_list("specialty", flat=True)) == {
        "建筑工程",
        "市政工程",
        "给排水",
        "暖通",
        "电气",
        "工程造价",
        "工程管理",
    }
    # The review demo adds an earlier round whose sign-up is over; exactly one round is open.
    declaration_round = DeclarationRound.objects.get(signup_ends_at__gte=timezone.now())
    assert declaration_round.is_signup_open()
    assert declaration_round.titles.count() == 28


def test_missing_pdf_font_is_reported_by_the_system_check(settings, tmp_path):
    from declarations.checks import pdf_font_exists

    font = tmp_path / "font.ttc"
    font.write_bytes(b"ttcf")
    settings.PDF_FONT_PATH = str(font)
    assert pdf_font_exists(None) == []
    settings.PDF_FONT_PATH = str(tmp_path / "missing.ttc")
    assert [message.id for message in pdf_font_exists(None)] == ["declarations.W001"]
