"""Print the newest SMS outbox messages (with the console backend, the only place to read a code)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.masking import mask_phone
from accounts.models import SmsMessage
from accounts.sms.services import normalize_phone


class Command(BaseCommand):
    help = "Print the newest messages of the SMS outbox, newest first."

    def add_arguments(self, parser):
        parser.add_argument("--last", type=int, default=10, help="how many messages (default 10)")
        parser.add_argument("--phone", help="only messages to this phone number, e.g. 13800138000")

    def handle(self, *args, last, phone=None, **options):
        messages = SmsMessage.objects.order_by("-created_at", "-pk")
        if phone:
            try:
                messages = messages.filter(phone=normalize_phone(phone))
            except ValueError as error:
                raise CommandError(str(error)) from None
        for message in messages[: max(last, 0)]:
            created = timezone.localtime(message.created_at).strftime("%Y-%m-%d %H:%M:%S")
            self.stdout.write(
                f"#{message.pk} {created} {mask_phone(message.phone)} {message.template} "
                f"{message.status} attempts={message.attempts}\n    {message.text}"
            )
            if message.last_error:
                self.stdout.write(f"    error: {message.last_error}")
