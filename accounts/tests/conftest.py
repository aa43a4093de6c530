import pytest
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from accounts.sms import templates
from accounts.sms.backends import locmem

# django-simple-captcha in CAPTCHA_TEST_MODE accepts this answer (and only this one).
CAPTCHA_OK = {"captcha_0": "test", "captcha_1": "PASSED"}


# A message of the kind other apps register (review's 审核通过 is one), so these tests need no other app.
NOTICE = templates.SmsTemplate("notice", "【职称申报】{name}，您申报的{title}已审核通过，请登录系统查看。")


@pytest.fixture(autouse=True)
def _notice_template():
    templates.register(NOTICE)
    yield
    templates.TEMPLATES.pop(NOTICE.key, None)


def run_sms_worker() -> None:
    """Work the SMS queue until nothing is due, with the real worker's task runner.

    ``db_worker`` itself calls ``close_old_connections()`` between tasks, which on PostgreSQL
    closes the connection holding the test's transaction; this loop skips only that part.
    ``test_end_to_end`` runs the real command in a transactional test."""
    worker = Worker(
        queue_names=["sms"],
        interval=0,
        batch=True,
        backend_name="db",
        startup_delay=False,
        max_tasks=None,
        worker_id="tests",
        excluded_queue_names=[],
    )
    while True:
        with transaction.atomic():
            ready = DBTaskResult.objects.ready().filter(backend_name="db", queue_name="sms")
            task_result = ready.get_locked()
            if task_result is None:
                return
            task_result.claim(worker.worker_id)
        worker.run_task(task_result)


def run_db_worker_command() -> None:
    call_command(
        "db_worker", "--backend", "db", "--queue-name", "sms", "--batch", "--interval", "0", "--no-startup-delay"
    )


def sent_codes(phone: str) -> list[str]:
    """The verification codes delivered to ``phone`` by the in-memory backend, oldest first."""
    run_sms_worker()
    return [sms.params["code"] for sms in locmem.outbox if sms.phone == phone and sms.template == "verification_code"]
