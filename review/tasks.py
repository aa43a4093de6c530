"""Background work of the review app, on the database task queue (never in a request)."""

import logging

from django.db import transaction
from django_tasks import task

from declarations.models import Declaration
from declarations.workflow import Status
from review.sms import queue_failed_sms, queue_passed_sms

logger = logging.getLogger("review.tasks")

TASK_BACKEND = "db"
TASK_QUEUE = "sms"


def _queue_each(declarations, queue) -> int:
    count = 0
    with transaction.atomic():
        for declaration in declarations:
            try:
                queue(declaration)
            except ValueError:
                # An unusable phone number must not hold back the other applicants' messages.
                logger.warning("No SMS for declaration %s: invalid phone number", declaration.pk)
                continue
            count += 1
    return count


@task()
def notify_passed(declaration_ids: list[int]) -> int:
    """Fan one released batch out into one outbox row and one SMS job per passed applicant."""
    declarations = Declaration.objects.filter(
        pk__in=declaration_ids, status=Status.PASSED, applicant__phone__isnull=False
    ).select_related("applicant", "title")
    return _queue_each(declarations, queue_passed_sms)


@task()
def notify_failed(declaration_ids: list[int]) -> int:
    """The same for the applicants who failed and may declare a second time, with the deadline."""
    declarations = Declaration.objects.filter(
        pk__in=declaration_ids, status=Status.FAILED, applicant__phone__isnull=False
    ).select_related("applicant", "title", "round")
    return _queue_each(declarations, queue_failed_sms)


def enqueue_release_notifications(passed_ids: list[int], failed_ids: list[int]) -> None:
    """At most one queued job per outcome and released batch; the release itself stays a fixed
    number of queries."""
    if passed_ids:
        notify_passed.using(backend=TASK_BACKEND, queue_name=TASK_QUEUE).enqueue(list(passed_ids))
    if failed_ids:
        notify_failed.using(backend=TASK_BACKEND, queue_name=TASK_QUEUE).enqueue(list(failed_ids))
