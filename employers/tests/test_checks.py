"""The employer's check of a declaration (SPEC 9): submission needs an approved employer, 退回补正
opens only the returned sections until a working-day deadline and does not use the second
declaration, a missed deadline ends the declaration, 推荐 waits for the 单位公示 counted in
working days, and a recommended declaration reaches the department's queue."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import SmsMessage
from accounts.tests.factories import StaffFactory, UserFactory
from declarations import signup, submission, workflow
from declarations.errors import DeclarationError
from declarations.samples import ENTRY_DATA
from declarations.tests.factories import make_complete_profile, move_to_phase
from declarations.workflow import Status
from employers import checks, publicity
from employers.models import Affiliation, CorrectionRequest, Employer, Publicity, Recommendation, Remark
from employers.tests.factories import declaration_at_employer, make_employer, past_publicity
from workdays.models import CalendarDay

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(year, month, day, hour=10) -> datetime:
    return datetime(year, month, day, hour, tzinfo=SHANGHAI)


# --- entering the employer's step ---------------------------------------------------------------


def test_a_round_with_the_employer_step_refuses_submission_without_an_approved_employer(round_with_employer_step):
    applicant = UserFactory()
    make_complete_profile(applicant)
    declaration = signup.sign_up(applicant, round_with_employer_step.pk, round_with_employer_step.titles.get().pk)
    with pytest.raises(DeclarationError, match="从单位库选择您的工作单位"):
        submission.submit(declaration.pk, applicant, pledge=True)
    Affiliation.objects.create(applicant=applicant, employer=make_employer(status=Employer.Status.PENDING))
    with pytest.raises(DeclarationError, match="已认证"):
        submission.submit(declaration.pk, applicant, pledge=True)
    declaration.refresh_from_db()
    assert declaration.status == Status.SIGNED_UP and not declaration.snapshots.exists()


def test_with_an_approved_employer_the_declaration_goes_to_the_employer_first(employer, round_with_employer_step):
    declaration = declaration_at_employer(employer, round_with_employer_step)
    assert declaration.status == Status.EMPLOYER_REVIEW
    assert "所在单位审核" in workflow.advice(declaration)
    # The applicant's profile is frozen while the employer checks it.
    client_user = declaration.applicant
    from declarations.locks import profile_lock_reason

    assert profile_lock_reason(client_user, "papers")


def test_the_applicant_chooses_the_employer_from_the_register(client, employer):
    make_employer(name="待审核单位", status=Employer.Status.PENDING)
    applicant = UserFactory()
    client.force_login(applicant)
    url = reverse("employers-applicant:choose-employer")
    page = client.get(url, {"q": employer.name[:4]}).content.decode()
    assert employer.name in page and "待审核单位" not in page
    assert employer.name in client.get(url, {"q": employer.credit_code[:8].lower()}).content.decode()
    pending = Employer.objects.get(name="待审核单位")
    assert client.post(url, {"employer": pending.pk}).status_code == 400
    assert not Affiliation.objects.exists()
    assert client.post(url, {"employer": employer.pk}).status_code == 302
    assert Affiliation.objects.get(applicant=applicant).employer == employer
    assert employer.name in client.get(reverse("declarations:basic-info")).content.decode()


def test_the_employer_cannot_be_changed_while_the_profile_is_frozen(client, employer, round_with_employer_step):
    declaration = declaration_at_employer(employer, round_with_employer_step)
    other = make_employer()
    client.force_login(declaration.applicant)
    response = client.post(reverse("employers-applicant:choose-employer"), {"employer": other.pk})
    assert response.status_code == 403
    assert Affiliation.objects.get(applicant=declaration.applicant).employer == employer


# --- 退回补正 -------------------------------------------------------------------------------------


def test_return_for_correction_round_trip_with_its_working_day_deadline(officer, round_with_employer_step, client):
    declaration = declaration_at_employer(officer.employer, round_with_employer_step)
    applicant = declaration.applicant
    checks.save_remarks(officer, declaration.pk, {"papers": "内部备注：论文待核"})
    # The remark is the employer's own until it is sent.
    client.force_login(applicant)
    assert "论文待核" not in client.get(reverse("declarations:home")).content.decode()

    # Returned on Thursday 24 September 2026: five working days skip Mid-Autumn and National Day.
    returned_at = at(2026, 9, 24)
    checks.return_for_correction(
        officer, declaration.pk, {"papers": "论文刊物不在认定目录内，请更换。"}, now=returned_at
    )
    declaration.refresh_from_db()
    assert declaration.status == Status.EMPLOYER_RETURNED
    assert timezone.localtime(declaration.correction_due) == datetime(2026, 10, 9, 23, 59, 59, tzinfo=SHANGHAI)
    assert declaration.correction_sections == {"papers": "论文刊物不在认定目录内，请更换。"}
    assert CorrectionRequest.objects.get(declaration=declaration).sections == declaration.correction_sections
    sms = SmsMessage.objects.get(template="employer_correction")
    assert sms.phone == str(applicant.phone) and "2026年10月9日" in sms.params["due"]
    home = client.get(reverse("declarations:home")).content.decode()
    assert "论文刊物不在认定目录内" in home and "2026年10月9日" in home

    # Only the returned section opens.
    papers_before = applicant.paper_entries.count()
    papers = client.post(reverse("declarations:entry-add", args=["papers"]), ENTRY_DATA["papers"])
    assert papers.status_code == 302
    assert applicant.paper_entries.count() == papers_before + 1
    before = applicant.monograph_entries.count()
    response = client.post(
        reverse("declarations:entry-add", args=["monographs"]), ENTRY_DATA["monographs"], follow=True
    )
    assert "只能修改退回的栏目" in response.content.decode()
    assert applicant.monograph_entries.count() == before

    # The resubmission goes back to the employer, on the same first submission (a new revision).
    result = submission.submit(declaration.pk, applicant, pledge=True, now=at(2026, 10, 9, 20))
    assert result.submitted_now
    declaration.refresh_from_db()
    assert declaration.status == Status.EMPLOYER_REVIEW
    assert declaration.correction_sections == {} and declaration.correction_due is None
    assert declaration.resubmitted_at is None and workflow.submission_number(declaration) == 1
    assert [(s.sequence, s.revision) for s in declaration.snapshots.order_by("revision")] == [(1, 1), (1, 2)]
    assert declaration.latest_snapshot.revision == 2
    assert Remark.objects.filter(declaration=declaration).exists()


def test_a_resubmission_after_the_deadline_is_refused(officer, round_with_employer_step):
    declaration = declaration_at_employer(officer.employer, round_with_employer_step)
    checks.return_for_correction(officer, declaration.pk, {"papers": "请补充"}, now=at(2026, 9, 24))
    with pytest.raises(DeclarationError, match="补正期限已过"):
        submission.submit(declaration.pk, declaration.applicant, pledge=True, now=at(2026, 10, 10, 0))
    declaration.refresh_from_db()
    assert declaration.status == Status.EMPLOYER_RETURNED and declaration.snapshots.count() == 1


def test_a_missed_deadline_ends_the_declaration_with_a_clear_status(officer, round_with_employer_step):
    declaration = declaration_at_employer(officer.employer, round_with_employer_step)
    checks.return_for_correction(officer, declaration.pk, {"papers": "请补充"}, now=at(2026, 9, 24))
    assert checks.expire_corrections(now=at(2026, 10, 9, 23)) == 0
    assert checks.expire_corrections(now=at(2026, 10, 10, 0)) == 1
    declaration.refresh_from_db()
    assert declaration.status == Status.CORRECTION_EXPIRED
    assert declaration.transitions.last().actor_role == "system"
    assert "补正期限（2026年10月9日 23:59）" in workflow.advice(declaration)
    assert checks.expire_corrections(now=at(2026, 10, 11)) == 0  # nothing left; safe to repeat


def test_the_return_needs_a_reason_and_a_future_deadline(officer, round_with_employer_step):
    declaration = declaration_at_employer(officer.employer, round_with_employer_step)
    with pytest.raises(checks.CheckRefused, match="至少选择一个"):
        checks.return_for_correction(officer, declaration.pk, {})
    with pytest.raises(checks.CheckRefused, match="退回原因"):
        checks.return_for_correction(officer, declaration.pk, {"papers": "  "})
    with pytest.raises(checks.CheckRefused, match="晚于今天"):
        checks.return_for_correction(officer, declaration.pk, {"papers": "请补充"}, due_date=timezone.localdate())
    declaration.refresh_from_db()
    assert declaration.status == Status.EMPLOYER_REVIEW and not CorrectionRequest.objects.exists()


def test_the_return_form_refuses_bad_input_in_chinese(client, officer, round_with_employer_step):
    declaration = declaration_at_employer(officer.employer, round_with_employer_step)
    client.force_login(officer.user)
    url = reverse("employers:declaration-return", args=[declaration.pk])
    response = client.post(url, {"due_date": "2099-13-40", "return_papers": "on", "reason_papers": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "请输入正确的日期" in page and "请填写“论文”的退回原因" in page
    declaration.refresh_from_db()
    assert declaration.status == Status.EMPLOYER_REVIEW


def test_correction_does_not_use_the_second_declaration(officer, round_with_employer_step):
    declaration = declaration_at_employer(officer.employer, round_with_employer_step)
    checks.return_for_correction(officer, declaration.pk, {"papers": "请补充"})
    submission.submit(declaration.pk, declaration.applicant, pledge=True)
    past_publicity(officer, [declaration])
    checks.recommend(officer, declaration.pk, guarantee_confirmed=True)
    declaration.refresh_from_db()
    assert declaration.status == Status.RECOMMENDED
    # The department fails it; the one second declaration is still there.
    workflow.perform(declaration, "start_review", StaffFactory(group="审核人"))
    move_to_phase(declaration.round, "second")
    declaration.refresh_from_db()
    workflow.perform(declaration, "release_fail", None)
    assert workflow.allowed(declaration, "resubmit", declaration.applicant)
    assert declaration.phase.submit_transition == "resubmit"


# --- 单位公示 and 推荐 -------------------------------------------------------------------------------


def test_recommendation_is_refused_before_the_publicity_ends(officer, round_with_employer_step):
    declaration = declaration_at_employer(officer.employer, round_with_employer_step)
    with pytest.raises(checks.CheckRefused, match="须先进行单位公示"):
        checks.recommend(officer, declaration.pk, True)
    today = timezone.localdate()
    past_publicity(officer, [declaration], start_date=today - timedelta(days=14), end_date=today + timedelta(days=3))
    with pytest.raises(checks.CheckRefused, match="公示期满后方可推荐"):
        checks.recommend(officer, declaration.pk, True)
    declaration.refresh_from_db()
    assert declaration.status == Status.EMPLOYER_REVIEW and not Recommendation.objects.exists()


def test_recommendation_needs_the_outcome_and_the_guarantee(officer, round_with_employer_step):
    declaration = declaration_at_employer(officer.employer, round_with_employer_step)
    past_publicity(officer, [declaration], outcome=Publicity.Outcome.RUNNING)
    with pytest.raises(checks.CheckRefused, match="登记公示结果"):
        checks.recommend(officer, declaration.pk, True)
    Publicity.objects.update(outcome=Publicity.Outcome.NO_OBJECTION)
    with pytest.raises(checks.CheckRefused, match="真实性保证"):
        checks.recommend(officer, declaration.pk, False)
    recommendation = checks.recommend(officer, declaration.pk, True)
    assert recommendation.guarantee == checks.GUARANTEE and recommendation.officer == officer.user


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        (date(2026, 9, 20), date(2026, 9, 24), 5),  # the make-up Sunday 20 September counts
        (date(2026, 9, 28), date(2026, 10, 8), 4),  # across National Day: four working days
        (date(2026, 9, 28), date(2026, 10, 9), 5),
        (date(2026, 10, 8), date(2026, 10, 12), 4),  # the make-up Saturday 10 October counts, Sunday not
    ],
)
def test_the_publicity_counts_working_days_on_the_chinese_calendar(start, end, days):
    item = Publicity(start_date=start, end_date=end, outcome=Publicity.Outcome.NO_OBJECTION)
    assert publicity.working_days(item) == days
    refusal = publicity.refusal(item, 5, today=date(2026, 10, 20))
    if days >= 5:
        assert refusal == ""
    else:
        assert f"只有 {days} 个工作日" in refusal and "不足本批次要求的 5 个工作日" in refusal


def test_the_departments_calendar_overrides_the_library(officer, round_with_employer_step):
    declaration = declaration_at_employer(officer.employer, round_with_employer_step)
    past_publicity(officer, [declaration], start_date=date(2026, 9, 20), end_date=date(2026, 9, 24))
    now = at(2026, 10, 20)
    assert checks.recommendation_refusal(declaration, officer, now) == ""
    CalendarDay.objects.create(date=date(2026, 9, 22), kind=CalendarDay.Kind.HOLIDAY, note="测试调整")
    assert "只有 4 个工作日" in checks.recommendation_refusal(declaration, officer, now)
    with pytest.raises(checks.CheckRefused):
        checks.recommend(officer, declaration.pk, True, now=now)
    CalendarDay.objects.create(date=date(2026, 9, 19), kind=CalendarDay.Kind.WORKDAY, note="测试调休")
    Publicity.objects.update(start_date=date(2026, 9, 19))
    checks.recommend(officer, declaration.pk, True, now=now)
    declaration.refresh_from_db()
    assert declaration.status == Status.RECOMMENDED


def test_a_recommended_declaration_reaches_the_department_queue(client, officer, round_with_employer_step):
    declaration = declaration_at_employer(officer.employer, round_with_employer_step)
    reviewer = StaffFactory(group="审核人")
    client.force_login(reviewer)
    queue_url = reverse("declarations_declaration_modeladmin_index")
    inspect_url = reverse("declarations_declaration_modeladmin_inspect", args=[declaration.pk])
    name = declaration.applicant.real_name
    assert name not in client.get(queue_url).content.decode()
    assert client.get(inspect_url).status_code == 404
    past_publicity(officer, [declaration])
    checks.recommend(officer, declaration.pk, True)
    assert name in client.get(queue_url).content.decode()
    page = client.get(inspect_url)
    assert page.status_code == 200 and "单位已推荐" in page.content.decode()
    log = declaration.transitions.order_by("pk")
    assert [(t.to_status, t.actor_role) for t in log][-2:] == [
        (Status.EMPLOYER_REVIEW, "applicant"),
        (Status.RECOMMENDED, "employer"),
    ]


def test_the_publicity_form_checks_its_input(client, officer, round_with_employer_step):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from declarations.samples import MINIMAL_PDF

    declaration = declaration_at_employer(officer.employer, round_with_employer_step)
    client.force_login(officer.user)
    url = reverse("employers:publicity-new")
    bad = {
        "declarations": [declaration.pk],
        "start_date": "2026-09-20",
        "end_date": "2026-09-10",
        "place": "公告栏",
        "outcome": "objection_settled",
        "report_file": SimpleUploadedFile("公示.pdf", MINIMAL_PDF, "application/pdf"),
    }
    response = client.post(url, bad)
    assert response.status_code == 400
    page = response.content.decode()
    assert "公示结束日期不能早于开始日期" in page and "有异议时请填写异议情况" in page
    assert not Publicity.objects.exists()
    good = {**bad, "end_date": "2026-09-24", "outcome": "no_objection"}
    good["report_file"] = SimpleUploadedFile("公示.pdf", MINIMAL_PDF, "application/pdf")
    assert client.post(url, good).status_code == 302
    item = Publicity.objects.get()
    assert list(item.declarations.all()) == [declaration] and item.report.owner == officer.user


def test_the_expiry_command_ends_missed_corrections(officer, round_with_employer_step):
    from io import StringIO

    from django.core.management import call_command

    declaration = declaration_at_employer(officer.employer, round_with_employer_step)
    checks.return_for_correction(officer, declaration.pk, {"papers": "请补充"})
    out = StringIO()
    call_command("expire_corrections", stdout=out)
    assert "没有逾期未补正的申报" in out.getvalue()
    from declarations.models import Declaration

    Declaration.objects.filter(pk=declaration.pk).update(correction_due=timezone.now() - timedelta(minutes=1))
    call_command("expire_corrections", stdout=out)
    declaration.refresh_from_db()
    assert declaration.status == Status.CORRECTION_EXPIRED and "1 份" in out.getvalue()


@pytest.mark.parametrize("where", ["waiting", "returned", "expired", "recommended"])
def test_the_applicant_home_says_what_to_do_at_each_step_of_the_employer(
    client, officer, round_with_employer_step, where
):
    declaration = declaration_at_employer(officer.employer, round_with_employer_step)
    if where in ("returned", "expired"):
        checks.return_for_correction(officer, declaration.pk, {"papers": "请补充论文封面"})
    if where == "expired":
        from declarations.models import Declaration

        Declaration.objects.filter(pk=declaration.pk).update(correction_due=timezone.now() - timedelta(minutes=1))
        checks.expire_corrections()
    if where == "recommended":
        past_publicity(officer, [declaration])
        checks.recommend(officer, declaration.pk, True)
    declaration.refresh_from_db()
    client.force_login(declaration.applicant)
    page = client.get(reverse("declarations:home")).content.decode()
    assert declaration.phase.public_name in page
    assert workflow.advice(declaration).split("，")[0] in page
    submit_url = reverse("declarations:declaration-submit", args=[declaration.pk])
    assert (submit_url in page) is (where == "returned")
    # The list of returned sections to fix is shown only while they may be fixed.
    assert ("退回补正的栏目" in page) is (where == "returned")
    if where == "returned":
        assert "提交补正" in page
        check_page = client.get(submit_url).content.decode()
        assert "提交补正：" in check_page


def test_reviewers_read_the_evidence_only_once_the_declaration_reached_the_department(client, officer):
    declaration = declaration_at_employer(officer.employer)
    file_id = declaration.latest_snapshot.files.first().file_id
    client.force_login(StaffFactory(group="审核人"))
    url = reverse("declarations:private-file", args=[file_id])
    assert client.get(url).status_code == 404
    past_publicity(officer, [declaration])
    checks.recommend(officer, declaration.pk, True)
    assert client.get(url).status_code == 200
