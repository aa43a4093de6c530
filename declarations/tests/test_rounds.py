"""A round's calendar: its moments in order (the error names both dates), the second declaration's
own release time, and times typed in the admin in Beijing time."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.users.models import UserProfile

from accounts.tests.factories import StaffFactory
from declarations import release, workflow
from declarations.models import DeclarationRound
from declarations.tests.factories import TitleFactory, make_declaration, make_round, move_to_phase
from declarations.workflow import Status

pytestmark = pytest.mark.django_db

BEIJING = ZoneInfo("Asia/Shanghai")


def test_the_date_error_names_the_date_and_the_one_it_may_not_precede():
    declaration_round = make_round("signup")
    declaration_round.results_release_at = declaration_round.submission_ends_at - timedelta(days=1)

    with pytest.raises(ValidationError) as error:
        declaration_round.full_clean()

    message = error.value.message_dict["results_release_at"][0]
    assert message.startswith("审核结果统一退回时间（")
    assert "不能早于提交截止时间（" in message
    assert timezone.localtime(declaration_round.submission_ends_at).strftime("%Y-%m-%d %H:%M") in message


def test_the_second_declarations_results_cannot_be_released_before_the_second_deadline():
    declaration_round = make_round("signup")
    declaration_round.second_results_release_at = declaration_round.second_declaration_ends_at - timedelta(hours=1)

    with pytest.raises(ValidationError) as error:
        declaration_round.full_clean()

    assert "二次申报结果统一退回时间" in error.value.message_dict["second_results_release_at"][0]
    assert "不能早于二次申报截止时间" in error.value.message_dict["second_results_release_at"][0]


def test_a_second_declaration_waits_for_its_own_release_time():
    declaration_round = make_round("second_review")
    reviewer = StaffFactory(group="审核人")
    second = make_declaration(declaration_round=declaration_round, status=Status.RESUBMITTED)
    first = make_declaration(declaration_round=declaration_round, status=Status.IN_REVIEW)
    release.record_decision(second.pk, reviewer, "pass")
    release.record_decision(first.pk, reviewer, "pass")

    # The first release time has passed: the late first submission is released, the second is not.
    batch = release.release_batch(declaration_round)

    assert batch.passed == [first.pk]
    second.refresh_from_db()
    assert second.status == Status.RESUBMITTED
    with pytest.raises(workflow.IllegalTransition):
        workflow.check(second, "release_pass", None)

    move_to_phase(declaration_round, "closed")
    assert release.release_batch(declaration_round).passed == [second.pk]


def test_a_second_declaration_is_promised_its_own_release_time_and_never_a_past_one():
    declaration_round = make_round("second_review")
    declaration = make_declaration(declaration_round=declaration_round, status=Status.RESUBMITTED)
    second_release = timezone.localtime(declaration_round.second_results_release_at).strftime("%Y年%-m月%-d日 %H:%M")

    advice = workflow.advice(declaration)

    assert second_release in advice
    assert declaration_round.results_release_at < timezone.now()
    first_release = timezone.localtime(declaration_round.results_release_at).strftime("%Y年%-m月%-d日")
    assert first_release not in advice
    later = workflow.advice(declaration, now=declaration_round.second_results_release_at + timedelta(minutes=1))
    assert "年" not in later and "正在统一退回" in later


def _round_form(**moments) -> dict:
    title = TitleFactory()
    data = {
        "year": "2027",
        "name": "2027年度测试批次",
        "titles": [str(title.pk)],
        "signup_starts_at": "2027-03-01",
        "signup_ends_at": "2027-03-31",
        "submission_ends_at": "2027-04-15",
        "results_release_at": "2027-05-01 09:00",
        "second_declaration_ends_at": "2027-05-20",
        "second_results_release_at": "2027-06-01 09:00",
        "employer_publicity_workdays": "5",
        "correction_workdays": "5",
    }
    data.update(moments)
    return data


def test_round_times_typed_as_dates_are_beijing_time_whatever_the_admins_time_zone(client):
    admin = StaffFactory(is_superuser=True)
    UserProfile.get_for_user(admin).__class__.objects.filter(user=admin).update(current_time_zone="UTC")
    client.force_login(admin)

    response = client.post("/admin/snippets/declarations/declarationround/add/", _round_form())

    assert response.status_code == 302, response.content.decode()[:2000]
    saved = DeclarationRound.objects.get(name="2027年度测试批次")
    assert saved.signup_starts_at == datetime(2027, 3, 1, 0, 0, tzinfo=BEIJING)
    assert saved.results_release_at == datetime(2027, 5, 1, 9, 0, tzinfo=BEIJING)
    # A deadline typed as a bare date lasts to the end of that day.
    assert saved.submission_ends_at == datetime(2027, 4, 15, 23, 59, 59, tzinfo=BEIJING)
    page = client.get(f"/admin/snippets/declarations/declarationround/edit/{saved.pk}/").content.decode()
    assert 'value="2027-03-01 00:00"' in page
    assert 'value="2027-05-01 09:00"' in page


def test_the_admin_form_refuses_dates_out_of_order_and_saves_nothing(client):
    client.force_login(StaffFactory(is_superuser=True))

    response = client.post(
        "/admin/snippets/declarations/declarationround/add/", _round_form(second_results_release_at="2027-05-10")
    )

    assert response.status_code == 200
    assert "二次申报结果统一退回时间（2027-05-10 00:00）不能早于二次申报截止时间（2027-05-20 23:59）" in (
        response.content.decode()
    )
    assert not DeclarationRound.objects.filter(name="2027年度测试批次").exists()
