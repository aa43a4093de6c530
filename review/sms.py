"""The one place the review app talks to the SMS outbox of the accounts app (SPEC 4/7), and the
审核通过 text it registers there (imported by `ReviewConfig.ready()`)."""

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
