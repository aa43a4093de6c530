"""Release the decided declarations of every round whose result release time has come.
Safe to run from cron every minute: rounds that are not due are left alone and nothing is
released twice."""

from django.core.management.base import BaseCommand

from review.release import release_due_rounds


class Command(BaseCommand):
    help = "统一退回已到审核结果退回时间的批次的审核结果（可每分钟由定时任务运行）。"

    def handle(self, *args, **options):
        summaries = release_due_rounds()
        for summary in summaries:
            self.stdout.write(
                f"{summary.round.name}：退回 {summary.total} 份（通过 {summary.passed}，未通过 {summary.failed}，"
                f"最终未通过 {summary.final_failed}），{summary.batches} 批。"
            )
        if not summaries:
            self.stdout.write("没有需要退回的审核结果。")
