"""Development backend: writes the message text to the log instead of sending it."""

import logging

from accounts.masking import mask_phone

from .base import BaseSmsBackend

logger = logging.getLogger("accounts.sms")


class ConsoleBackend(BaseSmsBackend):
    keeps_secrets = True

    def send(self, message) -> str:
        logger.info("SMS to %s: %s", mask_phone(message.phone), message.text)
        return f"console-{message.pk}"
