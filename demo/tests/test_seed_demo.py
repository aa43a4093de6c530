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
    assert users.get(username="demo_editor").groups.filter(name="Editors").exists()
    assert users.get(username="demo_reviewer").groups.filter(name="Reviewers").exists()
    applicant = users.get(username="demo_applicant")
    assert applicant.is_applicant and applicant.check_password("Shenbao#2026")


def test_seed_demo_refuses_to_run_with_debug_off_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not get_user_model().objects.filter(username="demo_admin").exists()
    call_command("seed_demo", "--force")
    assert get_user_model().objects.filter(username="demo_admin").exists()
