"""Background work of the review app, on the database task queue (never in a request)."""

import logging

from django.db import transaction
from django_tasks import task

from declarations.models import Declaration
from declarations.workflow import Status
from review.sms import queue_passed_sms

logger = logging.getLogger("review.tasks")

TASK_BACKEND = "db"
TASK_QUEUE = "sms"


@task()
def notify_passed(declaration_ids: list[int]) -> int:
    """Fan one released batch out into one outbox row and one SMS job per passed applicant."""
    declarations = Declaration.objects.filter(
        pk__in=declaration_ids, status=Status.PASSED, applicant__phone__isnull=False
    ).select_related("applicant", "title")
    count = 0
    with transaction.atomic():
        for declaration in declarations:
            try:
                queue_passed_sms(declaration)
            except ValueError:
                # An unusable phone number must not hold back the other applicants' messages.
                logger.warning("No SMS for declaration %s: invalid phone number", declaration.pk)
                continue
            count += 1
    return count


def enqueue_passed_notifications(declaration_ids: list[int]) -> None:
    """One queued job per released batch; the release itself stays a fixed number of queries."""
    notify_passed.using(backend=TASK_BACKEND, queue_name=TASK_QUEUE).enqueue(list(declaration_ids))
