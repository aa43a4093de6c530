"""Demo data of the employers app, run by `manage.py seed_demo` before the review app's: the demo
employer (已认证) with its officer, a registration waiting for the department's approval, the
demo applicant's choice of employer, and declarations of the open round waiting at the employer,
returned for correction and recommended. `through_employer` brings the review app's demo
declarations of the open round through the employer's check. Idempotent."""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.demo import Credential, demo_url, demo_user
from accounts.id_numbers import make_id_number
from accounts.models import AccountType
from declarations import workflow
from declarations.demo import seed_complete_profile, stored_upload
from declarations.models import Declaration, DeclarationRound
from declarations.samples import pdf_with_text
from declarations.submission import submit
from declarations.workflow import Status
from employers import checks
from employers.access import AT_EMPLOYER
from employers.credit_code import check_character
from employers.models import Affiliation, Employer, Officer, Publicity

PASSWORD = "Danwei#2026"
EMPLOYER_NAME = "山西建设工程集团有限公司"  # the demo applicant's employer (accounts.demo)
PENDING_NAME = "太原新城建筑安装有限公司"
OFFICERS = (
    # username, real name, phone, employer name
    ("demo_employer", "刘经办", "13800000010", EMPLOYER_NAME),
    ("demo_employer_pending", "陈经办", "13800000011", PENDING_NAME),
)
# username, real name, phone, what happens at the employer
APPLICANTS = (
    ("demo_emp_waiting", "冯待审", "13800000012", "waiting"),
    ("demo_emp_returned", "褚补正", "13800000013", "returned"),
    ("demo_emp_recommended", "卫已荐", "13800000014", "recommended"),
)


def _code(body: str) -> str:
    return body + check_character(body)


CODES = {EMPLOYER_NAME: _code("91140000110012345"), PENDING_NAME: _code("91140100MA0K12345")}


def _employer(name: str, status: str, officer_user) -> Employer:
    employer = Employer.objects.filter(credit_code=CODES[name]).first()
    if employer is None:
        employer = Employer.objects.create(
            name=name,
            credit_code=CODES[name],
            employer_type="state_owned",
            address="山西省太原市小店区长治路 111 号",
            contact_name=officer_user.real_name,
            contact_phone="0351-7000000",
            licence=stored_upload(officer_user, "营业执照.pdf", pdf_with_text("Business licence")),
            status=status,
            reviewed_at=timezone.now() if status == Employer.Status.APPROVED else None,
        )
    Officer.objects.get_or_create(user=officer_user, defaults={"employer": employer})
    return employer


def demo_employer() -> Employer | None:
    return Employer.objects.filter(credit_code=CODES[EMPLOYER_NAME]).first()


def demo_officer() -> Officer | None:
    return Officer.objects.select_related("employer", "user").filter(user__username="demo_employer").first()


class ThroughEmployer:
    """Brings a demo declaration of a round with the employer's check to the department: the
    applicant chooses the demo employer, which records its 公示 and recommends."""

    def before_submit(self, applicant) -> None:
        Affiliation.objects.get_or_create(applicant=applicant, defaults={"employer": demo_employer()})

    def after_submit(self, declaration) -> None:
        declaration.refresh_from_db()
        if declaration.status == Status.EMPLOYER_REVIEW:
            officer = demo_officer()
            _publicity(officer, [declaration])
            checks.recommend(officer, declaration.pk, guarantee_confirmed=True)


through_employer = ThroughEmployer()


def _publicity(officer: Officer, declarations: list) -> Publicity:
    """The demo employer's 公示: from the day after the earliest submission until yesterday."""
    first = min(timezone.localdate(d.submitted_at) for d in declarations)
    publicity = Publicity.objects.create(
        employer=officer.employer,
        round=declarations[0].round,
        start_date=first + timedelta(days=1),
        end_date=timezone.localdate() - timedelta(days=1),
        place="单位办公楼一楼公告栏及单位内网",
        report=stored_upload(officer.user, "单位公示照片.pdf", pdf_with_text("Publicity notice")),
        outcome=Publicity.Outcome.NO_OBJECTION,
        recorded_by=officer.user,
    )
    publicity.declarations.set(declarations)
    return publicity


def _applicant(username: str, real_name: str, phone: str):
    return demo_user(
        username,
        "Shenbao#2026",
        real_name=real_name,
        phone=f"+86{phone}",
        id_number=make_id_number(date(1988, 6, 1), serial=int(phone[-3:])),
        employer=EMPLOYER_NAME,
    )


def _declare(applicant, declaration_round: DeclarationRound, outcome: str, officer: Officer) -> None:
    seed_complete_profile(applicant)
    Affiliation.objects.get_or_create(applicant=applicant, defaults={"employer": officer.employer})
    title = declaration_round.titles.filter(title_name="工程师").first() or declaration_round.titles.first()
    declaration = Declaration.objects.create(
        applicant=applicant, round=declaration_round, title=title, year=declaration_round.year
    )
    workflow.log_sign_up(declaration, applicant)
    submit(declaration.pk, applicant, pledge=True, now=declaration_round.signup_starts_at + timedelta(hours=3))
    if outcome == "returned":
        checks.return_for_correction(
            officer,
            declaration.pk,
            {"papers": "论文发表刊物请提供期刊封面、目录页及版权页扫描件。"},
        )
    elif outcome == "recommended":
        declaration.refresh_from_db()
        _publicity(officer, [declaration])
        checks.recommend(officer, declaration.pk, guarantee_confirmed=True)


def seed(command) -> list[Credential]:
    credentials = []
    employers = {}
    for username, real_name, phone, employer_name in OFFICERS:
        user = demo_user(
            username, PASSWORD, real_name=real_name, phone=f"+86{phone}", account_type=AccountType.EMPLOYER_OFFICER
        )
        approved = employer_name == EMPLOYER_NAME
        employers[employer_name] = _employer(
            employer_name, Employer.Status.APPROVED if approved else Employer.Status.PENDING, user
        )
        where = demo_url("employers:home") + ("" if approved else "（单位注册待审核）")
        credentials.append(Credential("单位经办人", phone, PASSWORD, where))
    applicant = get_user_model().objects.filter(username="demo_applicant").first()
    if applicant is not None:
        Affiliation.objects.get_or_create(applicant=applicant, defaults={"employer": employers[EMPLOYER_NAME]})
    declaration_round = (
        DeclarationRound.objects.filter(year=timezone.localdate().year, uses_employer_step=True)
        .order_by("-signup_starts_at")
        .first()
    )
    officer = demo_officer()
    if declaration_round is not None and declaration_round.is_submission_open():
        for username, real_name, phone, outcome in APPLICANTS:
            user = _applicant(username, real_name, phone)
            if not Declaration.objects.filter(applicant=user).exists():
                _declare(user, declaration_round, outcome, officer)
            credentials.append(Credential(f"申请人（{real_name}）", phone, "Shenbao#2026", demo_url("accounts:login")))
    at_employer = Declaration.objects.filter(status__in=AT_EMPLOYER).count()
    command.stdout.write(
        f"单位演示数据：已认证单位“{EMPLOYER_NAME}”、待审核单位“{PENDING_NAME}”；单位审核环节的申报 {at_employer} 份"
    )
    return credentials
