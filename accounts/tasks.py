"""Background tasks of the accounts app (run by `manage.py db_worker --backend db --queue-name sms`)."""

from django_tasks import task

from accounts.sms.services import deliver


@task(backend="db", queue_name="sms")
def send_sms(message_id: int) -> str:
    return deliver(message_id)
