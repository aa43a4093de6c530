"""Queueing and delivering SMS. Other apps call only ``queue_sms``::

    from accounts.sms.services import queue_sms

    queue_sms("+8613800138000", "review_passed", {"name": "张三", "title": "工程师"})

``queue_sms`` writes one outbox row (``SmsMessage``) and enqueues one background job on the
``db`` task backend, queue ``sms``; it never talks to the provider, so it is safe inside a
request or a loop over thousands of recipients (call it inside the caller's transaction: the
row and the job commit or roll back together). ``manage.py db_worker --backend db
--queue-name sms`` delivers the jobs; a failed delivery is retried with a doubling delay up to
``SMS_MAX_ATTEMPTS`` times, every error is kept on the outbox row and never shown to users.
Templates are listed in ``accounts.sms.templates``.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from phonenumber_field.phonenumber import PhoneNumber

from accounts import audit
from accounts.masking import mask_phone
from accounts.models import SmsMessage

from .backends.base import SmsSendError, get_backend
from .templates import get_template

logger = logging.getLogger("accounts.sms")

TASK_BACKEND = "db"
TASK_QUEUE = "sms"


def normalize_phone(phone) -> str:
    number = phone if isinstance(phone, PhoneNumber) else PhoneNumber.from_string(str(phone), region="CN")
    if not number.is_valid():
        raise ValueError(f"Invalid phone number {mask_phone(phone)}")
    return number.as_e164


def queue_sms(phone, template: str, params: dict) -> SmsMessage:
    """Record one message in the outbox and enqueue its delivery; return the outbox row."""
    get_template(template)
    message = SmsMessage.objects.create(phone=normalize_phone(phone), template=template, params=dict(params))
    _enqueue(message)
    return message


def _enqueue(message: SmsMessage, run_after=None) -> None:
    from accounts.tasks import send_sms

    send_sms.using(backend=TASK_BACKEND, queue_name=TASK_QUEUE, run_after=run_after).enqueue(message.pk)


def retry_delay(attempts: int) -> timedelta:
    return timedelta(seconds=settings.SMS_RETRY_DELAY * 2 ** max(attempts - 1, 0))


def deliver(message_id: int) -> str:
    """Send one outbox message now through SMS_BACKEND; on failure schedule a retry or give up.
    Returns the message's new status. Already sent or given-up messages are left alone."""
    backend = get_backend()
    with transaction.atomic():
        message = SmsMessage.objects.select_for_update().get(pk=message_id)
        if message.status in (SmsMessage.Status.SENT, SmsMessage.Status.FAILED):
            return message.status
        message.attempts += 1
        try:
            message.provider_message_id = backend.send(message)[:100]
        except Exception as error:  # any failure is recorded and retried, never raised to a user
            if not isinstance(error, SmsSendError):
                logger.exception("SMS backend crashed for message %s", message.pk)
            message.last_error = f"{type(error).__name__}: {error}"[:2000]
            if message.attempts >= settings.SMS_MAX_ATTEMPTS:
                message.status = SmsMessage.Status.FAILED
            else:
                message.status = SmsMessage.Status.RETRYING
                _enqueue(message, run_after=timezone.now() + retry_delay(message.attempts))
            logger.warning(
                "SMS %s to %s failed (attempt %s): %s",
                message.pk,
                mask_phone(message.phone),
                message.attempts,
                message.last_error,
            )
            outcome = audit.Outcome.FAILURE
        else:
            message.status = SmsMessage.Status.SENT
            message.sent_at = timezone.now()
            message.last_error = ""
            if not backend.keeps_secrets:
                message.params = redacted(message)
            outcome = audit.Outcome.SUCCESS
        message.save()
        audit.record(
            audit.Action.SMS_SEND,
            outcome,
            account=message.phone,
            detail=f"#{message.pk} {message.template} attempt {message.attempts}",
        )
        return message.status


def redacted(message: SmsMessage) -> dict:
    secret = get_template(message.template).secret_params
    return {key: ("******" if key in secret else value) for key, value in message.params.items()}
