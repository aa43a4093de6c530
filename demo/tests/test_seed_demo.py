import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import Site

from home.models import HomePage

pytestmark = pytest.mark.django_db


def _counts():
    return {
        "users": get_user_model().objects.count(),
        "homes": HomePage.objects.count(),
        "sites": Site.objects.count(),
    }


def test_seed_demo_is_idempotent_and_prints_credentials(settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    first = _counts()
    out = capsys.readouterr().out
    call_command("seed_demo")
    assert _counts() == first
    for login in ("13800000001", "demo_admin", "demo_editor", "demo_reviewer"):
        assert login in out
    assert first["homes"] == 1
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage


def test_seed_demo_creates_one_user_per_role(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    users = get_user_model().objects
    assert users.get(username="demo_admin").is_superuser
    assert users.get(username="demo_editor").groups.filter(name="编辑").exists()
    assert users.get(username="demo_reviewer").groups.filter(name="审核人").exists()
    applicant = users.get(username="demo_applicant")
    assert applicant.is_applicant and applicant.check_password("Shenbao#2026")


def test_seed_demo_refuses_to_run_with_debug_off_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not get_user_model().objects.filter(username="demo_admin").exists()
    call_command("seed_demo", "--force")
    assert get_user_model().objects.filter(username="demo_admin").exists()


def test_printed_links_follow_the_server_address_and_the_code_hint_is_a_whole_command(settings, capsys):
    settings.DEBUG = True
    settings.WAGTAILADMIN_BASE_URL = "http://0.0.0.0:8062"  # what start.sh sets from HOST and PORT

    call_command("seed_demo")

    out = capsys.readouterr().out
    assert "http://0.0.0.0:8062/accounts/login/" in out and "http://0.0.0.0:8062/admin/" in out
    assert "127.0.0.1:8000" not in out
    assert "（动态口令：.venv/bin/python manage.py demo_totp demo_reviewer）" in out


ROUND_MOMENTS = (
    "signup_starts_at",
    "signup_ends_at",
    "submission_ends_at",
    "results_release_at",
    "second_declaration_ends_at",
)


def test_the_summary_says_whether_sign_up_is_open(settings, capsys):
    import datetime

    from django.db.models import F

    from declarations.models import DeclarationRound

    settings.DEBUG = True
    call_command("seed_demo")
    assert "正在报名，报名截止" in capsys.readouterr().out

    # The same demo database weeks later: the open round's sign-up has closed.
    earlier = datetime.timedelta(days=40)
    DeclarationRound.objects.filter(name__endswith="职称评审").update(
        **{name: F(name) - earlier for name in ROUND_MOMENTS}
    )
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert "报名已于" in out and "截止，现在不能新报名" in out and "正在报名" not in out
