"""The one place the review app talks to the SMS outbox of the accounts app (SPEC 4/7), and the
审核通过 and 审核未通过 texts it registers there (imported by `ReviewConfig.ready()`)."""

from django.utils import timezone

from accounts.sms.templates import SmsTemplate, register
from declarations.models import Declaration

PASSED = register(
    SmsTemplate(
        "review_passed",
        "【职称申报】{name}，您申报的{title}已审核通过，请登录系统查看。",
    )
)


def queue_passed_sms(declaration: Declaration):
    """Put the 审核通过 message for one applicant in the outbox (one row, one queued job)."""
    from accounts.sms.services import queue_sms

    applicant = declaration.applicant
    return queue_sms(
        applicant.phone,
        PASSED.key,
        {"name": applicant.get_short_name(), "title": declaration.title.title_name},
    )


FAILED = register(
    SmsTemplate(
        "review_failed",
        "【职称申报】{name}，您申报的{title}审核未通过，请登录系统查看审核意见，并在{deadline}前完成二次申报。",
    )
)


def second_declaration_deadline(declaration: Declaration) -> str:
    """The round's second-declaration deadline as the SMS names it, in China's time."""
    moment = timezone.localtime(declaration.round.second_declaration_ends_at)
    return f"{moment.year}年{moment.month}月{moment.day}日{moment:%H:%M}"


def queue_failed_sms(declaration: Declaration):
    """Put the 审核未通过 message, naming the second-declaration deadline, in the outbox."""
    from accounts.sms.services import queue_sms

    applicant = declaration.applicant
    return queue_sms(
        applicant.phone,
        FAILED.key,
        {
            "name": applicant.get_short_name(),
            "title": declaration.title.title_name,
            "deadline": second_declaration_deadline(declaration),
        },
    )
