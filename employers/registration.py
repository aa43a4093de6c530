"""Employers join the register (SPEC 9): an officer registers the employer with a verified phone,
the department approves or refuses it with a reason (SMS to the officer), and an officer of an
approved employer invites colleagues. Whether a phone is registered is told only after its SMS
code was proved, as on the applicant's registration."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts import audit, codes
from accounts.forms import PHONE_TAKEN
from accounts.models import AccountType
from declarations.entries import remove_stored_files, store_private_file
from employers import sms
from employers.models import Employer, Officer, OfficerInvitation

User = get_user_model()
INVITATION_DAYS = 7


class RegistrationRefused(Exception):
    """The registration cannot go ahead; ``str()`` is the Chinese message."""


def verify_phone(phone: str, code: str, request) -> None:
    """Use up the registration code of `phone`, or raise codes.CodeInvalid."""
    try:
        codes.check_code(phone, codes.Purpose.REGISTER, code)
    except codes.CodeInvalid as error:
        audit.record(audit.Action.REGISTER, audit.Outcome.FAILURE, request=request, account=phone, detail=str(error))
        raise


def _officer_account(phone: str, real_name: str, password: str):
    if User.objects.filter(phone=phone).exists():
        raise RegistrationRefused(PHONE_TAKEN)
    user = User(
        username=User.objects.generate_username(),
        real_name=real_name,
        phone=phone,
        account_type=AccountType.EMPLOYER_OFFICER,
    )
    user.set_password(password)
    user.save()
    return user


def register_employer(phone: str, real_name: str, password: str, employer: Employer, licence, request):
    """Create the officer's account, the employer (待审核) and its first officer, all or nothing.
    `employer` is an unsaved instance from the form, `licence` a checked upload."""
    stored = []
    try:
        with transaction.atomic():
            user = _officer_account(phone, real_name, password)
            licence_file = store_private_file(user, licence)
            stored.append(licence_file.file.name)
            employer.licence = licence_file
            employer.status = Employer.Status.PENDING
            employer.save()
            Officer.objects.create(user=user, employer=employer)
    except IntegrityError as error:
        remove_stored_files(stored)
        raise RegistrationRefused("该手机号码或统一社会信用代码已注册，请直接登录。") from error
    except BaseException:
        remove_stored_files(stored)
        raise
    audit.record(
        audit.Action.REGISTER, audit.Outcome.SUCCESS, request=request, user=user, account=phone, detail="单位经办人"
    )
    return user, employer


@transaction.atomic
def resubmit_employer(officer: Officer, employer: Employer, licence=None) -> Employer:
    """A refused (or still pending) employer corrects its data and asks for approval again."""
    current = Employer.objects.select_for_update().get(pk=officer.employer_id)
    if current.status not in (Employer.Status.PENDING, Employer.Status.REFUSED):
        raise RegistrationRefused("单位已认证，如需变更登记信息请联系主管部门。")
    stored = []
    try:
        if licence is not None:
            employer.licence = store_private_file(officer.user, licence)
            stored.append(employer.licence.file.name)
        employer.status = Employer.Status.PENDING
        employer.status_reason = ""
        employer.save()
    except BaseException:
        remove_stored_files(stored)
        raise
    return employer


class ReviewRefused(Exception):
    """The department's decision on an employer cannot be taken; ``str()`` says why."""


# decision -> (statuses it may be taken from, the status it gives)
DECISIONS = {
    "approve": ({Employer.Status.PENDING, Employer.Status.DISABLED}, Employer.Status.APPROVED),
    "refuse": ({Employer.Status.PENDING}, Employer.Status.REFUSED),
    "disable": ({Employer.Status.APPROVED}, Employer.Status.DISABLED),
}


@transaction.atomic
def review_employer(employer_id: int, reviewer, decision: str, reason: str = "") -> Employer:
    """Approve, refuse or disable an employer; refusing and disabling need a reason. The officers
    are told by SMS."""
    employer = Employer.objects.select_for_update().get(pk=employer_id)
    sources, target = DECISIONS[decision]
    if employer.status not in sources:
        raise ReviewRefused(f"单位当前状态为“{employer.get_status_display()}”，不能执行该操作。")
    reason = reason.strip()
    if decision != "approve" and not reason:
        raise ReviewRefused("请填写原因，将以短信告知单位经办人。")
    employer.status = target
    employer.status_reason = reason
    employer.reviewed_at = timezone.now()
    employer.reviewed_by = reviewer
    employer.save(update_fields=["status", "status_reason", "reviewed_at", "reviewed_by"])
    if decision in ("approve", "refuse"):
        for officer in employer.officers.select_related("user"):
            sms.employer_reviewed(employer, officer.user)
    return employer


def invite_officer(officer: Officer, real_name: str, phone: str, link_for, now=None) -> OfficerInvitation:
    """An officer of an approved employer invites a colleague; `link_for(invitation)` is the
    absolute address of the acceptance page sent by SMS."""
    if not officer.employer.is_approved:
        raise RegistrationRefused("单位通过认证后才能邀请其他经办人。")
    now = now or timezone.now()
    invitation = OfficerInvitation.objects.create(
        employer=officer.employer,
        real_name=real_name.strip(),
        phone=phone,
        invited_by=officer.user,
        expires_at=now + timedelta(days=INVITATION_DAYS),
    )
    sms.officer_invited(invitation, link_for(invitation))
    return invitation


def open_invitation(token: str, now=None) -> OfficerInvitation | None:
    now = now or timezone.now()
    return (
        OfficerInvitation.objects.select_related("employer", "invited_by")
        .filter(token=token, accepted_at=None, expires_at__gt=now, employer__status=Employer.Status.APPROVED)
        .first()
    )


def accept_invitation(invitation: OfficerInvitation, code: str, password: str, request):
    """Create the invited officer's account once the phone's SMS code is proved."""
    verify_phone(invitation.phone, code, request)
    with transaction.atomic():
        locked = OfficerInvitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.accepted_at is not None:
            raise RegistrationRefused("该邀请已被使用。")
        user = _officer_account(invitation.phone, invitation.real_name, password)
        Officer.objects.create(user=user, employer=invitation.employer, invited_by=invitation.invited_by)
        locked.accepted_at = timezone.now()
        locked.save(update_fields=["accepted_at"])
    audit.record(
        audit.Action.REGISTER,
        audit.Outcome.SUCCESS,
        request=request,
        user=user,
        account=invitation.phone,
        detail="受邀单位经办人",
    )
    return user
