"""The employers app's SMS texts, registered with the accounts app's outbox (imported by
`EmployersConfig.ready()`), and the one place this app queues messages."""

from django.utils import dateformat, timezone

from accounts.sms.services import queue_sms
from accounts.sms.templates import SmsTemplate, register

EMPLOYER_APPROVED = register(
    SmsTemplate(
        "employer_approved", "【职称申报】{name}，您注册的单位“{employer}”已通过审核，请登录系统进入单位端办理。"
    )
)
EMPLOYER_REFUSED = register(
    SmsTemplate(
        "employer_refused",
        "【职称申报】{name}，您注册的单位“{employer}”未通过审核，原因：{reason}。请登录系统修改后重新提交。",
    )
)
CORRECTION_RETURNED = register(
    SmsTemplate(
        "employer_correction",
        "【职称申报】{name}，您申报的{title}已被所在单位退回补正，请于{due}前登录系统按意见修改并重新提交。",
    )
)
OFFICER_INVITED = register(
    SmsTemplate(
        "officer_invited",
        "【职称申报】{inviter}邀请您担任“{employer}”的单位经办人，请于{expires}前打开 {link} 完成注册。",
    )
)


def moment(value) -> str:
    return dateformat.format(timezone.localtime(value), "Y年n月j日 H:i")


def employer_reviewed(employer, officer_user):
    if employer.is_approved:
        return queue_sms(
            officer_user.phone,
            EMPLOYER_APPROVED.key,
            {"name": officer_user.get_short_name(), "employer": employer.name},
        )
    return queue_sms(
        officer_user.phone,
        EMPLOYER_REFUSED.key,
        {"name": officer_user.get_short_name(), "employer": employer.name, "reason": employer.status_reason},
    )


def correction_returned(declaration):
    applicant = declaration.applicant
    return queue_sms(
        applicant.phone,
        CORRECTION_RETURNED.key,
        {
            "name": applicant.get_short_name(),
            "title": declaration.title.title_name,
            "due": moment(declaration.correction_due),
        },
    )


def officer_invited(invitation, link: str):
    return queue_sms(
        invitation.phone,
        OFFICER_INVITED.key,
        {
            "inviter": invitation.invited_by.get_short_name(),
            "employer": invitation.employer.name,
            "expires": moment(invitation.expires_at),
            "link": link,
        },
    )
