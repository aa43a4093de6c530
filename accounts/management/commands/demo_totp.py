"""`manage.py demo_totp demo_admin`: the current authenticator code of a demo staff account.

Demo servers only: it refuses with DEBUG off and for accounts not made by seed_demo.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp

from accounts.demo import DEMO_STAFF, ensure_demo_totp_device


class Command(BaseCommand):
    help = "打印演示工作人员账户当前的动态口令（仅限演示环境）。"

    def add_arguments(self, parser):
        parser.add_argument("username", choices=[username for username, *_ in DEMO_STAFF])

    def handle(self, *args, username: str, **options):
        if not settings.DEBUG:
            raise CommandError("demo_totp only runs on a demo server (DEBUG on).")
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError("Run seed_demo first.")
        device = ensure_demo_totp_device(user)
        self.stdout.write(f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}")
