"""The one place the review app talks to the SMS outbox of the accounts app (SPEC 4/7)."""

from declarations.models import Declaration

PASSED_TEMPLATE = "review_passed"


def queue_passed_sms(declaration: Declaration):
    """Put the 审核通过 message for one applicant in the outbox (one row, one queued job)."""
    from accounts.sms.services import queue_sms

    applicant = declaration.applicant
    return queue_sms(
        applicant.phone,
        PASSED_TEMPLATE,
        {"name": applicant.get_short_name(), "title": declaration.title.title_name},
    )
