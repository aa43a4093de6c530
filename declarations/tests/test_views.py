import pytest
from django.urls import reverse

from accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from declarations import submission
from declarations.models import Declaration, DeclarationSnapshot
from declarations.tests.factories import (
    make_complete_profile,
    make_declaration,
    make_education,
    make_round,
    make_work_experience,
)
from declarations.workflow import Status

pytestmark = pytest.mark.django_db


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


# --- 职称申报 ---


def test_titles_page_lists_open_titles_with_sign_up_button(applicant_client, open_round):
    title = open_round.titles.get()
    response = applicant_client.get(reverse("declarations:titles"))

    assert response.status_code == 200
    assert title.title_name in response.text
    assert reverse("declarations:sign-up", args=[open_round.pk, title.pk]) in response.text


@pytest.mark.parametrize("phase", ["before", "submission"])
def test_titles_outside_the_window_have_no_sign_up_button(applicant_client, phase):
    declaration_round = make_round(phase)
    response = applicant_client.get(reverse("declarations:titles"))

    assert "当前没有开放报名" in response.text
    assert "/sign-up/" not in response.text
    assert declaration_round.titles.get().title_name not in response.text


def test_titles_page_hides_sign_up_after_signing_up_this_year(applicant_client, applicant, open_round):
    make_declaration(applicant, open_round)
    response = applicant_client.get(reverse("declarations:titles"))

    assert "/sign-up/" not in response.text
    assert "每人每年只能申报一个职称" in response.text


def test_confirmation_page_then_confirm_creates_the_declaration(applicant_client, applicant, open_round):
    url = reverse("declarations:sign-up", args=[open_round.pk, open_round.titles.get().pk])
    confirm = applicant_client.get(url)
    assert confirm.status_code == 200
    assert "确认报名" in confirm.text
    assert not Declaration.objects.exists()

    response = applicant_client.post(url, follow=True)

    assert response.redirect_chain[-1][0] == reverse("declarations:declaration-list")
    assert Declaration.objects.get().applicant == applicant
    assert "报名成功" in _messages(response)[0]


def test_forged_sign_up_post_outside_the_window_is_refused(applicant_client):
    declaration_round = make_round("submission")
    url = reverse("declarations:sign-up", args=[declaration_round.pk, declaration_round.titles.get().pk])

    response = applicant_client.post(url, follow=True)

    assert not Declaration.objects.exists()
    assert "不在本批次的报名时间内" in _messages(response)[0]


def test_forged_second_sign_up_post_is_refused_in_chinese(applicant_client, applicant, open_round):
    make_declaration(applicant, open_round)
    other = make_round("signup", year=open_round.year)

    response = applicant_client.post(
        reverse("declarations:sign-up", args=[other.pk, other.titles.get().pk]), follow=True
    )

    assert Declaration.objects.count() == 1
    assert "每位申报人每年只能申报一个职称" in _messages(response)[0]


def test_forged_sign_up_for_a_title_outside_the_round_is_404(applicant_client, open_round):
    other_title = make_round("signup").titles.get()
    response = applicant_client.post(reverse("declarations:sign-up", args=[open_round.pk, other_title.pk]))
    assert response.status_code == 404
    assert not Declaration.objects.exists()


def test_sign_up_needs_login(client, open_round):
    url = reverse("declarations:sign-up", args=[open_round.pk, open_round.titles.get().pk])
    response = client.post(url)
    assert response.status_code == 302
    assert "/accounts/login/" in response.url
    assert not Declaration.objects.exists()


# --- 我申报的 ---


def test_my_declarations_lists_year_title_status_and_dates(applicant_client, declaration):
    response = applicant_client.get(reverse("declarations:declaration-list"))

    assert str(declaration.year) in response.text
    assert declaration.title.title_name in response.text
    assert "已报名" in response.text
    assert reverse("declarations:declaration-submit", args=[declaration.pk]) in response.text


def test_my_declarations_shows_nobody_elses(applicant_client, open_round):
    make_declaration(UserFactory(), open_round)
    response = applicant_client.get(reverse("declarations:declaration-list"))
    assert "您还没有报名" in response.text


# --- check and submit ---


def test_check_page_walks_all_eleven_sections(applicant_client, declaration):
    response = applicant_client.get(reverse("declarations:declaration-submit", args=[declaration.pk]))

    assert response.status_code == 200
    for heading in ("2.2.1 基本信息", "2.2.3 学历信息", "2.2.11 业绩成果"):
        assert heading in response.text
    assert "太原理工大学" in response.text
    assert "必填信息已齐全" in response.text
    assert "确认提交" in response.text


def test_check_page_lists_what_is_missing_with_links(applicant_client, applicant, open_round):
    declaration = make_declaration(applicant, open_round)
    response = applicant_client.get(reverse("declarations:declaration-submit", args=[declaration.pk]))

    assert "申报信息尚不完整" in response.text
    assert 'href="/applicant/profile/qualifications/"' in response.text


def test_confirm_submit_submits_and_shows_the_snapshot(applicant_client, declaration):
    url = reverse("declarations:declaration-submit", args=[declaration.pk])
    response = applicant_client.post(url, {"pledge": "on", "expected_status": "signed_up"}, follow=True)

    declaration.refresh_from_db()
    assert declaration.status == Status.SUBMITTED
    assert response.redirect_chain[-1][0] == reverse("declarations:declaration-detail", args=[declaration.pk])
    assert "申报已提交" in _messages(response)[0]
    assert "第1次提交时冻结" in response.text


def test_double_click_submits_once(applicant_client, declaration):
    url = reverse("declarations:declaration-submit", args=[declaration.pk])
    data = {"pledge": "on", "expected_status": "signed_up"}
    applicant_client.post(url, data)
    response = applicant_client.post(url, data, follow=True)

    assert "无需重复提交" in _messages(response)[-1]
    assert DeclarationSnapshot.objects.count() == 1
    assert declaration.transitions.filter(to_status=Status.SUBMITTED).count() == 1


def test_submit_without_the_pledge_is_refused(applicant_client, declaration):
    url = reverse("declarations:declaration-submit", args=[declaration.pk])
    response = applicant_client.post(url, {"expected_status": "signed_up"})

    assert response.status_code == 200
    assert "请先阅读并勾选诚信承诺" in response.text
    declaration.refresh_from_db()
    assert declaration.status == Status.SIGNED_UP


def test_forged_submit_after_the_deadline_is_refused(applicant_client, applicant):
    make_complete_profile(applicant)
    declaration = make_declaration(applicant, make_round("review"))
    url = reverse("declarations:declaration-submit", args=[declaration.pk])

    page = applicant_client.get(url)
    assert "不在本批次的提交时间内" in page.text
    assert "确认提交</button>" not in page.text
    response = applicant_client.post(url, {"pledge": "on", "expected_status": "signed_up"}, follow=True)

    declaration.refresh_from_db()
    assert declaration.status == Status.SIGNED_UP
    assert "提交时间" in _messages(response)[0]


def test_check_and_submit_query_count_does_not_grow_with_entries(
    applicant_client, applicant, declaration, django_assert_max_num_queries
):
    url = reverse("declarations:declaration-submit", args=[declaration.pk])
    with django_assert_max_num_queries(30) as few:
        applicant_client.get(url)
    for _ in range(6):
        make_work_experience(applicant)
        make_education(applicant)
    with django_assert_max_num_queries(len(few.captured_queries)):
        applicant_client.get(url)


# --- another applicant ---


@pytest.mark.parametrize("name", ["declaration-detail", "declaration-submit", "declaration-pdf", "declaration-zip"])
def test_another_applicant_gets_404(client, declaration, name):
    submission.submit(declaration.pk, declaration.applicant, pledge=True)
    other = UserFactory()
    client.login(username=other.username, password=DEFAULT_PASSWORD)

    response = client.get(reverse(f"declarations:{name}", args=[declaration.pk]))

    assert response.status_code == 404


def test_forged_submit_of_another_applicants_declaration_is_404(client, declaration):
    client.force_login(UserFactory())
    url = reverse("declarations:declaration-submit", args=[declaration.pk])

    response = client.post(url, {"pledge": "on", "expected_status": "signed_up"})

    assert response.status_code == 404
    declaration.refresh_from_db()
    assert declaration.status == Status.SIGNED_UP


def test_second_declaration_is_offered_and_submitted_once(applicant_client, applicant):
    make_complete_profile(applicant)
    declaration = make_declaration(applicant, make_round("second"), status=Status.FAILED)
    url = reverse("declarations:declaration-submit", args=[declaration.pk])

    titles = applicant_client.get(reverse("declarations:titles"))
    assert "二次申报" in titles.text
    assert url in titles.text
    applicant_client.post(url, {"pledge": "on", "expected_status": "failed"})
    applicant_client.post(url, {"pledge": "on", "expected_status": "failed"})

    declaration.refresh_from_db()
    assert declaration.status == Status.RESUBMITTED
    assert list(declaration.snapshots.values_list("sequence", flat=True)) == [2]


def test_no_second_declaration_is_offered_after_its_deadline(applicant_client, applicant):
    make_declaration(applicant, make_round("closed"), status=Status.FAILED)
    response = applicant_client.get(reverse("declarations:titles"))
    assert "二次申报" not in response.text


def test_confirmation_page_after_signing_up_this_year_sends_back_with_the_reason(
    applicant_client, applicant, open_round
):
    make_declaration(applicant, open_round)
    url = reverse("declarations:sign-up", args=[open_round.pk, open_round.titles.get().pk])

    response = applicant_client.get(url, follow=True)

    assert response.redirect_chain[-1][0] == reverse("declarations:titles")
    assert "每位申报人每年只能申报一个职称" in _messages(response)[0]


def test_check_page_of_a_submitted_declaration_shows_the_snapshot(applicant_client, declaration):
    submission.submit(declaration.pk, declaration.applicant, pledge=True)
    response = applicant_client.get(reverse("declarations:declaration-submit", args=[declaration.pk]))
    assert response.url == reverse("declarations:declaration-detail", args=[declaration.pk])


def test_an_incomplete_post_on_a_submitted_declaration_shows_what_was_sent(applicant_client, declaration):
    submission.submit(declaration.pk, declaration.applicant, pledge=True)
    response = applicant_client.post(reverse("declarations:declaration-submit", args=[declaration.pk]), {})
    assert response.url == reverse("declarations:declaration-detail", args=[declaration.pk])
