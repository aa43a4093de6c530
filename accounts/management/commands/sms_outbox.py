"""Print the newest SMS outbox messages (with the console backend, the only place to read a code)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from accounts.models import SmsMessage


class Command(BaseCommand):
    help = "Print the newest messages of the SMS outbox, newest first."

    def add_arguments(self, parser):
        parser.add_argument("--last", type=int, default=10, help="how many messages (default 10)")
        parser.add_argument("--phone", help="only messages to this phone number (E.164, e.g. +8613800138000)")

    def handle(self, *args, last, phone=None, **options):
        messages = SmsMessage.objects.order_by("-created_at", "-pk")
        if phone:
            messages = messages.filter(phone=phone)
        for message in messages[: max(last, 0)]:
            created = timezone.localtime(message.created_at).strftime("%Y-%m-%d %H:%M:%S")
            self.stdout.write(
                f"#{message.pk} {created} {message.phone} {message.template} "
                f"{message.status} attempts={message.attempts}\n    {message.text}"
            )
            if message.last_error:
                self.stdout.write(f"    error: {message.last_error}")
