import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from accounts.models import AuditEvent, SmsMessage
from accounts.sms.backends import locmem
from accounts.sms.services import queue_sms
from accounts.tests.conftest import run_sms_worker

pytestmark = pytest.mark.django_db


def test_queue_sms_records_the_message_and_one_job_without_sending():
    message = queue_sms("13800138000", "notice", {"name": "张三", "title": "工程师"})

    assert message.status == SmsMessage.Status.QUEUED
    assert message.phone == "+8613800138000"
    assert DBTaskResult.objects.filter(queue_name="sms", args_kwargs__args=[message.pk]).count() == 1
    assert locmem.outbox == []


def test_worker_delivers_queued_message_and_audits_it():
    message = queue_sms("13800138000", "notice", {"name": "张三", "title": "工程师"})

    run_sms_worker()

    message.refresh_from_db()
    assert message.status == SmsMessage.Status.SENT
    assert message.attempts == 1
    assert message.sent_at is not None
    assert [sms.text for sms in locmem.outbox] == ["【职称申报】张三，您申报的工程师已审核通过，请登录系统查看。"]
    event = AuditEvent.objects.get(action=AuditEvent.Action.SMS_SEND)
    assert event.outcome == AuditEvent.Outcome.SUCCESS
    assert event.account == "138****8000"


def test_queue_sms_refuses_unknown_template():
    with pytest.raises(ValueError):
        queue_sms("13800138000", "no_such_template", {})
    assert not SmsMessage.objects.exists()


def test_queue_sms_refuses_invalid_phone():
    with pytest.raises(ValueError):
        queue_sms("12345", "notice", {"name": "张三", "title": "工程师"})
    assert not SmsMessage.objects.exists()


def test_queueing_costs_two_inserts_per_message(django_assert_max_num_queries):
    # One outbox row and one task row each: a release for thousands of applicants stays linear.
    with django_assert_max_num_queries(2 * 50):
        for n in range(50):
            queue_sms(f"+86139{n:08d}", "notice", {"name": f"申请人{n}", "title": "工程师"})
    assert SmsMessage.objects.count() == 50
    assert locmem.outbox == []


def test_sms_outbox_command_prints_newest_first(capsys):
    queue_sms("13800138000", "notice", {"name": "张三", "title": "工程师"})
    queue_sms("13800138001", "verification_code", {"code": "123456", "minutes": 5})

    call_command("sms_outbox", "--last", "1")

    out = capsys.readouterr().out
    assert "138****8001" in out
    assert "123456" in out
    assert "138****8000" not in out
    assert "13800138001" not in out


def test_console_backend_logs_text_with_masked_phone(settings, caplog):
    settings.SMS_BACKEND = "accounts.sms.backends.console.ConsoleBackend"
    queue_sms("13800138000", "verification_code", {"code": "654321", "minutes": 5})

    with caplog.at_level("INFO", logger="accounts.sms"):
        run_sms_worker()

    assert "SMS to 138****8000: 【职称申报】您的验证码为 654321" in caplog.text
    assert "13800138000" not in caplog.text
