import pytest
from django.core.management import call_command

from accounts.sms.backends import locmem

# django-simple-captcha in CAPTCHA_TEST_MODE accepts this answer (and only this one).
CAPTCHA_OK = {"captcha_0": "test", "captcha_1": "PASSED"}


@pytest.fixture(autouse=True)
def _empty_sms_outbox():
    locmem.outbox.clear()
    yield
    locmem.outbox.clear()


def run_sms_worker() -> None:
    """Run the real database task worker once over the SMS queue."""
    call_command(
        "db_worker", "--backend", "db", "--queue-name", "sms", "--batch", "--interval", "0", "--no-startup-delay"
    )


def sent_codes(phone: str) -> list[str]:
    """The verification codes delivered to ``phone`` by the in-memory backend, oldest first."""
    run_sms_worker()
    return [sms.params["code"] for sms in locmem.outbox if sms.phone == phone and sms.template == "verification_code"]
