"""`manage.py seed_demo`: build the demo site, idempotently, and print the demo credentials.

Each app keeps its own demo data in a `demo` module with `seed(command) -> list[Credential]`;
they run in dependency order: accounts (users) before home (pages), declarations, employers and
review.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts import demo as accounts_demo
from declarations import demo as declarations_demo
from employers import demo as employers_demo
from home import demo as home_demo
from review import demo as review_demo

SEEDERS = (accounts_demo, home_demo, declarations_demo, employers_demo, review_demo)
# The review app's demo declarations of the open round pass the employer's check on their way.
SEEDER_ARGUMENTS = {review_demo: {"through_employer": employers_demo.through_employer}}


class Command(BaseCommand):
    help = "创建演示数据（可重复执行，不会产生重复数据），并打印演示账户。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off. The demo accounts have published passwords.",
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with published passwords and refuses to run with "
                "DEBUG off; pass --force if this really is a demo server."
            )
        credentials = []
        with transaction.atomic():
            for seeder in SEEDERS:
                credentials += seeder.seed(self, **SEEDER_ARGUMENTS.get(seeder, {})) or []
        self.print_credentials(credentials)

    def print_credentials(self, credentials) -> None:
        self.stdout.write(self.style.SUCCESS("演示数据已就绪。演示账户："))
        for item in credentials:
            role = item.role.ljust(4, "\u3000")  # pad with ideographic spaces so columns line up
            self.stdout.write(f"  {role} 账号 {item.login:<22} 密码 {item.password:<16} {item.where}")
