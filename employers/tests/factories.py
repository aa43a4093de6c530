"""Builders for employers, their officers and declarations at the employer's check."""

from datetime import timedelta

from django.utils import timezone

from accounts.models import AccountType
from accounts.tests.factories import UserFactory
from declarations import signup, submission
from declarations.tests.factories import RoundFactory, make_complete_profile, make_file
from employers.credit_code import ALPHABET, check_character
from employers.models import Affiliation, Employer, Officer, Publicity

_serial = iter(range(1, 10**6))


def credit_code(number: int | None = None) -> str:
    """A valid unified social credit code, different for each number."""
    number = next(_serial) if number is None else number
    body = f"91140100MA{number:07d}"
    body = "".join(c if c in ALPHABET else "0" for c in body)[:17]
    return body + check_character(body)


def make_officer(employer=None, **fields):
    user = UserFactory(account_type=AccountType.EMPLOYER_OFFICER, id_number=None, **fields)
    employer = employer or make_employer(officer_user=user)
    officer = Officer.objects.filter(user=user).first() or Officer.objects.create(user=user, employer=employer)
    return officer


def make_employer(status=Employer.Status.APPROVED, officer_user=None, **fields) -> Employer:
    owner = officer_user or UserFactory(account_type=AccountType.EMPLOYER_OFFICER, id_number=None)
    employer = Employer.objects.create(
        name=fields.pop("name", f"测试建设集团{next(_serial)}有限公司"),
        credit_code=fields.pop("credit_code", credit_code()),
        employer_type="state_owned",
        address="山西省太原市小店区长治路 1 号",
        contact_name="王经办",
        contact_phone="0351-1234567",
        licence=make_file(owner, "营业执照.pdf"),
        status=status,
        **fields,
    )
    if officer_user is not None:
        Officer.objects.create(user=officer_user, employer=employer)
    return employer


def employer_round(**fields):
    return RoundFactory(signup_open=True, uses_employer_step=True, **fields)


def declaration_at_employer(employer, declaration_round=None, applicant=None):
    """A complete applicant of `employer` who signed up and submitted: 单位审核中."""
    declaration_round = declaration_round or employer_round()
    applicant = applicant or UserFactory()
    make_complete_profile(applicant)
    Affiliation.objects.update_or_create(applicant=applicant, defaults={"employer": employer})
    declaration = signup.sign_up(applicant, declaration_round.pk, declaration_round.titles.get().pk)
    submission.submit(declaration.pk, applicant, pledge=True)
    declaration.refresh_from_db()
    return declaration


def past_publicity(officer, declarations, days: int = 21, **fields) -> Publicity:
    """A 公示 that ended yesterday and ran `days` calendar days: enough working days in any season."""
    today = timezone.localdate()
    publicity = Publicity.objects.create(
        employer=officer.employer,
        round=declarations[0].round,
        start_date=fields.pop("start_date", today - timedelta(days=days)),
        end_date=fields.pop("end_date", today - timedelta(days=1)),
        place="单位办公楼一楼公告栏",
        report=make_file(officer.user, "公示照片.pdf"),
        outcome=fields.pop("outcome", Publicity.Outcome.NO_OBJECTION),
        recorded_by=officer.user,
        **fields,
    )
    publicity.declarations.set(declarations)
    return publicity
