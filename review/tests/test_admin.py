import pytest
from django.contrib.auth.models import Group

from accounts.tests.factories import StaffFactory, UserFactory
from declarations import signup
from declarations.sections import SECTIONS
from declarations.workflow import Decision, Status
from review import decisions as review_decisions
from review.models import ReviewStage, StageReview
from review.tests.factories import all_pass, make_round, reviewer, submitted_declaration

pytestmark = pytest.mark.django_db

QUEUE = "/admin/declarations/declaration/"


def inspect_url(declaration) -> str:
    return f"{QUEUE}inspect/{declaration.pk}/"


@pytest.fixture
def declaration_round():
    return make_round(("初审", "复审"))


@pytest.fixture
def declaration(declaration_round):
    return submitted_declaration(
        declaration_round, real_name="赵工程", id_number="140105198503120018", phone="+8613800000123"
    )


@pytest.fixture
def reviewer_client(client):
    user = reviewer(real_name="李审核")
    client.force_login(user)
    client.user = user
    return client


def _post_decision(client, declaration, stage, decision=Decision.PASS, comment="同意", **overrides):
    data = {"stage_id": stage.pk, "sequence": 1, "decision": decision, "comment": comment, "action": "confirm"}
    for section in SECTIONS:
        data[f"verdict_{section.key}"] = Decision.PASS
        data[f"comment_{section.key}"] = ""
    data.update(overrides)
    return client.post(inspect_url(declaration), data)


# --- Access ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", [QUEUE, "/admin/review/rounds/", "/admin/review/rounds/{round}/export.xlsx", "inspect"]
)
def test_editor_gets_no_review_pages(client, declaration, url):
    client.force_login(StaffFactory(group="编辑"))
    url = inspect_url(declaration) if url == "inspect" else url.format(round=declaration.round_id)
    response = client.get(url)
    assert response.status_code in (302, 403)
    assert "赵工程" not in response.content.decode()


@pytest.mark.parametrize("url", [QUEUE, "/admin/review/rounds/", "inspect"])
def test_applicant_and_anonymous_are_sent_to_login(client, declaration, url):
    url = inspect_url(declaration) if url == "inspect" else url
    assert client.get(url).status_code == 302
    client.force_login(declaration.applicant)
    response = client.get(url)
    assert response.status_code in (302, 403)
    assert "140105" not in response.content.decode()


def test_editor_menu_has_no_review_entry(client):
    client.force_login(StaffFactory(group="编辑"))
    assert "职称评审" not in client.get("/admin/").content.decode()


def test_reviewer_menu_has_the_review_entry(reviewer_client):
    assert "职称评审" in reviewer_client.get("/admin/").content.decode()


@pytest.mark.parametrize("action", ["create/", "edit/{pk}/", "delete/{pk}/"])
def test_reviewer_cannot_change_applicant_data(reviewer_client, declaration, action):
    url = QUEUE + action.format(pk=declaration.pk)
    # Wagtail answers a refused admin page with a redirect to the dashboard.
    for response in (reviewer_client.get(url), reviewer_client.post(url, {"status": Status.PASSED})):
        assert (response.status_code, response.get("Location")) in ((403, None), (302, "/admin/"))
    declaration.refresh_from_db()
    assert declaration.status == Status.SUBMITTED


def test_reviewers_group_has_the_review_permissions():
    codenames = set(Group.objects.get(name="审核人").permissions.values_list("codename", flat=True))
    assert {"view_declaration", "add_stagereview"} <= codenames
    editor_codenames = set(Group.objects.get(name="编辑").permissions.values_list("codename", flat=True))
    assert not {"view_declaration", "add_stagereview"} & editor_codenames


# --- Queue ----------------------------------------------------------------------------------


def test_queue_lists_masked_id_numbers_and_phones(reviewer_client, declaration):
    page = reviewer_client.get(QUEUE).content.decode()
    assert "赵工程" in page
    assert "1401**********0018" in page
    assert "138****0123" in page
    assert "140105198503120018" not in page


def test_queue_leaves_out_declarations_not_yet_submitted(reviewer_client, declaration_round):

    applicant = UserFactory(real_name="钱未交")
    signup.sign_up(applicant, declaration_round.pk, declaration_round.titles.first().pk)
    assert "钱未交" not in reviewer_client.get(QUEUE).content.decode()


@pytest.mark.parametrize("query", ["赵工程", "140105198503120018", "晋中路桥"])
def test_queue_search_by_name_id_number_and_employer(reviewer_client, declaration, declaration_round, query):
    submitted_declaration(declaration_round, real_name="孙其他", employer="大同市政公司")
    declaration.applicant.employer = "晋中路桥集团"
    declaration.applicant.save()
    page = reviewer_client.get(QUEUE, {"q": query}).content.decode()
    assert "赵工程" in page
    assert "孙其他" not in page


def test_queue_filters_by_stage(reviewer_client, declaration, declaration_round):
    other = submitted_declaration(declaration_round, real_name="孙其他")
    first = ReviewStage.objects.get(round=declaration_round, order=1)
    second = ReviewStage.objects.get(round=declaration_round, order=2)
    review_decisions.decide(other.pk, first.pk, reviewer(), all_pass(), Decision.PASS, "同意")
    waiting_first = reviewer_client.get(QUEUE, {"stage": first.pk}).content.decode()
    waiting_second = reviewer_client.get(QUEUE, {"stage": second.pk}).content.decode()
    assert "赵工程" in waiting_first and "孙其他" not in waiting_first
    assert "孙其他" in waiting_second and "赵工程" not in waiting_second


def test_queue_filters_by_status(reviewer_client, declaration, declaration_round):
    other = submitted_declaration(declaration_round, real_name="孙其他")
    review_decisions.decide(
        other.pk, ReviewStage.objects.get(round=declaration_round, order=1).pk, reviewer(), all_pass(), "pass", ""
    )
    page = reviewer_client.get(QUEUE, {"status__exact": Status.IN_REVIEW}).content.decode()
    assert "孙其他" in page and "赵工程" not in page


def test_queue_is_paginated(reviewer_client, declaration_round, django_assert_max_num_queries):
    for _ in range(21):
        submitted_declaration(declaration_round)
    with django_assert_max_num_queries(40):
        first_page = reviewer_client.get(QUEUE)
    assert first_page.status_code == 200
    assert first_page.context["paginator"].num_pages == 2
    assert len(first_page.context["object_list"]) == 20


# --- Review view ----------------------------------------------------------------------------


def test_review_view_shows_all_sections_and_previews_attachments(reviewer_client, declaration):
    page = reviewer_client.get(inspect_url(declaration)).content.decode()
    for section in SECTIONS:
        assert f"{section.number} {section.title}" in page
    photo = declaration.latest_snapshot.files.get(label="红底免冠照片").file
    pdf = declaration.latest_snapshot.files.get(label="毕业证书扫描件").file
    assert f'<img src="/applicant/files/{photo.pk}/"' in page
    assert f'<object data="/applicant/files/{pdf.pk}/" type="application/pdf"' in page
    assert f'href="/applicant/files/{pdf.pk}/?download=1" download' in page
    assert "1401**********0018" in page


def test_review_view_records_a_stage_decision(reviewer_client, declaration, declaration_round):
    stage = ReviewStage.objects.get(round=declaration_round, order=1)
    response = _post_decision(reviewer_client, declaration, stage)
    assert response.status_code == 302
    review = StageReview.objects.get()
    assert (review.stage, review.reviewer, review.decision) == (stage, reviewer_client.user, Decision.PASS)
    page = reviewer_client.get(inspect_url(declaration)).content.decode()
    assert "李审核" in page  # the review log names the reviewer
    # 复审 is someone else's (one person, one stage); 李审核 may still correct the 初审.
    assert "复审：总体结论" not in page and "您已审核过该申报的“初审”阶段" in page and "更正该结论" in page
    reviewer_client.force_login(reviewer(real_name="周复审"))
    assert "复审：总体结论" in reviewer_client.get(inspect_url(declaration)).content.decode()


def test_review_view_refuses_a_failed_section_without_comment(reviewer_client, declaration, declaration_round):
    stage = ReviewStage.objects.get(round=declaration_round, order=1)
    response = _post_decision(
        reviewer_client, declaration, stage, Decision.FAIL, "不合格", **{"verdict_papers": Decision.FAIL}
    )
    assert response.status_code == 400
    assert "不通过时必须填写意见" in response.content.decode()
    assert not StageReview.objects.exists()


def test_review_view_reports_a_conflict_when_the_stage_was_decided_meanwhile(
    reviewer_client, declaration, declaration_round
):
    stage = ReviewStage.objects.get(round=declaration_round, order=1)
    review_decisions.decide(declaration.pk, stage.pk, reviewer(real_name="周先到"), all_pass(), Decision.PASS, "同意")
    response = _post_decision(reviewer_client, declaration, stage, Decision.PASS, "也同意")
    assert response.status_code == 409
    assert "已由周先到于" in response.content.decode()
    assert StageReview.objects.get().comment == "同意"


def test_review_view_tells_a_recused_reviewer_why(client, declaration, declaration_round):
    colleague = reviewer(employer=declaration.applicant.employer)
    client.force_login(colleague)
    page = client.get(inspect_url(declaration)).content.decode()
    assert "按回避规定不能审核该申报" in page
    assert "保存审核结论" not in page
    stage = ReviewStage.objects.get(round=declaration_round, order=1)
    assert _post_decision(client, declaration, stage).status_code == 403
    assert not StageReview.objects.exists()


def test_dashboard_panel_counts_statuses_of_the_current_round(reviewer_client, declaration, declaration_round):
    submitted_declaration(declaration_round)
    page = reviewer_client.get("/admin/").content.decode()
    assert f"职称评审：{declaration.round.name}" in page
    assert "<tr><td>已提交</td><td>2</td></tr>" in page
    assert "<tr><td>审核中</td><td>0</td></tr>" in page


def test_editor_dashboard_has_no_review_panel(client, declaration):
    client.force_login(StaffFactory(group="编辑"))
    assert "职称评审：" not in client.get("/admin/").content.decode()


def test_reviewer_may_frame_an_attachment_from_the_same_site_only(reviewer_client, declaration):
    pdf = declaration.latest_snapshot.files.get(label="毕业证书扫描件").file
    response = reviewer_client.get(f"/applicant/files/{pdf.pk}/")
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert "inline" in response["Content-Disposition"]
    download = reviewer_client.get(f"/applicant/files/{pdf.pk}/?download=1")
    assert download["Content-Disposition"].startswith("attachment")


def test_admin_pages_allow_embedding_attachments(reviewer_client, declaration):
    policy = reviewer_client.get(inspect_url(declaration))["Content-Security-Policy"]
    assert "object-src 'self'" in policy
    assert "frame-src 'self'" in policy
