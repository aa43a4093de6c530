"""End the declarations whose correction deadline (退回补正) passed without a resubmission.
Safe to run from cron every few minutes: nothing is ended twice, nothing before its deadline."""

from django.core.management.base import BaseCommand

from employers.checks import expire_corrections


class Command(BaseCommand):
    help = "将超过补正期限仍未重新提交的申报置为“逾期未补正”（可由定时任务每隔几分钟运行）。"

    def handle(self, *args, **options):
        ended = expire_corrections()
        self.stdout.write(f"逾期未补正的申报：{ended} 份。" if ended else "没有逾期未补正的申报。")
