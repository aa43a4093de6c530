"""The applicant's choice of employer from the approved register (基本信息, SPEC 9), and the
condition of entering the employer's check: an approved employer chosen."""

from django.db import transaction
from django.db.models import Q, QuerySet

from declarations.locks import assert_profile_editable, lock_profile
from employers.credit_code import normalize
from employers.models import Affiliation, Employer

SEARCH_LIMIT = 20
BASIC_INFO = "basic-info"
NOT_CHOSEN = "本批次申报须先经所在单位审核：请先在“基本信息”中从单位库选择您的工作单位（须为已认证单位）。"


class AffiliationRefused(Exception):
    """The choice cannot be made; ``str()`` says why in Chinese."""


def search_register(query: str) -> QuerySet:
    """Approved employers whose name contains `query` or whose credit code starts with it."""
    query = (query or "").strip()
    if not query:
        return Employer.objects.none()
    code = normalize(query)
    return Employer.objects.filter(status=Employer.Status.APPROVED).filter(
        Q(name__icontains=query) | Q(credit_code__startswith=code)
    )[:SEARCH_LIMIT]


def chosen_employer(applicant) -> Employer | None:
    affiliation = Affiliation.objects.select_related("employer").filter(applicant=applicant).first()
    return affiliation.employer if affiliation else None


@transaction.atomic
def choose_employer(applicant, employer_id: int) -> Affiliation:
    """Record `applicant`'s employer; only while 基本信息 may change, only an approved employer."""
    lock_profile(applicant)
    assert_profile_editable(applicant, BASIC_INFO)
    employer = Employer.objects.filter(pk=employer_id, status=Employer.Status.APPROVED).first()
    if employer is None:
        raise AffiliationRefused("只能选择单位库中已认证的单位。")
    affiliation, _ = Affiliation.objects.update_or_create(applicant=applicant, defaults={"employer": employer})
    return affiliation


def entry_refusal(declaration) -> str:
    """The chain's entry check of the employer's step (registered in `EmployersConfig.ready`)."""
    employer = chosen_employer(declaration.applicant)
    if employer is None or not employer.is_approved:
        return NOT_CHOSEN
    return ""
