"""The interface every SMS backend implements, and how the configured one is loaded."""

from django.conf import settings
from django.utils.module_loading import import_string


class SmsSendError(Exception):
    """The provider refused or could not be reached; the message says why (for the outbox only)."""


class BaseSmsBackend:
    # Development backends keep one-time codes readable in the outbox (`manage.py sms_outbox`).
    keeps_secrets = False

    def send(self, message) -> str:
        """Send one ``SmsMessage``; return the provider's message id or raise ``SmsSendError``."""
        raise NotImplementedError


def get_backend(path: str | None = None) -> BaseSmsBackend:
    return import_string(path or settings.SMS_BACKEND)()
